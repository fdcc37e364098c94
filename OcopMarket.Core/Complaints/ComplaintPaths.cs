namespace OcopMarket.Core.Complaints;

/// <summary>The addresses of complaint pages and forms, for the pages, endpoints and emails that link to them.</summary>
public static class ComplaintPaths
{
    /// <summary>The buyer's complaint page of one order, with the guest link's secret when there is one.</summary>
    public static string Buyer(Guid checkoutId, int orderId, string? accessToken) =>
        $"/don-hang/{checkoutId}/khieu-nai/{orderId}" + (string.IsNullOrEmpty(accessToken) ? "" : $"?t={Uri.EscapeDataString(accessToken)}");

    /// <summary>The buyer's forms post here (multipart with photos for opening; plain for accepting and escalating).</summary>
    public const string Open = "/khieu-nai/gui";
    public const string Accept = "/khieu-nai/dong-y";
    public const string Escalate = "/khieu-nai/chuyen-can-bo";

    /// <summary>The trace page's "report this label" form posts here.</summary>
    public const string ReportLabel = "/nhan/bao-cao";

    public const string Producer = "/portal/khieu-nai";
    public const string Officer = "/admin/complaints";
}

/// <summary>The absolute addresses complaint emails link to (built by the web app from Site:PublicUrl).</summary>
public interface IComplaintLinks
{
    /// <summary>The signed-in buyer's complaint page (a guest's secret is never stored, so a guest's emails cannot carry it).</summary>
    string Buyer(Guid checkoutId, int orderId);

    string Producer();

    string Officer();
}

/// <summary>Links against a fixed base address: for tools and tests that run Core without the web app.</summary>
public sealed class FixedComplaintLinks(string baseUrl) : IComplaintLinks
{
    public static readonly FixedComplaintLinks Localhost = new("http://localhost");

    private readonly string _base = baseUrl.TrimEnd('/');

    public string Buyer(Guid checkoutId, int orderId) => _base + ComplaintPaths.Buyer(checkoutId, orderId, null);

    public string Producer() => _base + ComplaintPaths.Producer;

    public string Officer() => _base + ComplaintPaths.Officer;
}
