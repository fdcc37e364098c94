using OcopMarket.Core.Complaints;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Complaints;

/// <summary>Absolute complaint links for emails, built from Site:PublicUrl as the order links are.</summary>
public sealed class ComplaintLinks(PublicAddress site) : IComplaintLinks
{
    public string Buyer(Guid checkoutId, int orderId) => site.Absolute(ComplaintPaths.Buyer(checkoutId, orderId, null));

    public string Producer() => site.Absolute(ComplaintPaths.Producer);

    public string Officer() => site.Absolute(ComplaintPaths.Officer);
}
