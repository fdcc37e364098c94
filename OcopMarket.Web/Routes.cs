using OcopMarket.Web.Localization;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web;

/// <summary>The public URLs of the shop, in one place so links, canonical tags and the sitemap agree.</summary>
public static class Routes
{
    public const string Catalog = "/san-pham";

    public const string Cart = "/gio-hang";

    public const string Checkout = "/dat-hang";

    public const string Portal = "/portal";

    public const string PortalApply = "/portal/apply";

    public const string PortalNewProduct = "/portal/products/new";

    public static string PortalProduct(int productId) => $"/portal/products/{productId}";

    public static string PortalProductLots(int productId) => $"/portal/products/{productId}/lots";

    public static string PortalLot(int lotId) => $"/portal/lots/{lotId}";

    public const string Admin = "/admin";

    /// <summary>A product's page, in the language of the page being rendered (<see cref="Lang.Href"/>).</summary>
    public static string Product(string slug) => Lang.Href($"/san-pham/{Uri.EscapeDataString(slug)}");

    /// <summary>A producer's page, in the language of the page being rendered.</summary>
    public static string Producer(string slug) => Lang.Href($"/nha-san-xuat/{Uri.EscapeDataString(slug)}");

    /// <summary>The site's public origin (<see cref="PublicAddress"/>): Site:PublicUrl, never the request's Host header.</summary>
    public static string Base(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<PublicAddress>().Origin;
}
