using OcopMarket.Web.OpenData;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MudBlazor.Services;
using OcopMarket.Core;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Orders;
using OcopMarket.Web.Components.Pages.Seo;
using OcopMarket.Web.PublicPages;
using OcopMarket.Web.Workers;

namespace OcopMarket.Web.Startup;

public static class OcopMarketServices
{
    /// <summary>
    /// The whole app's services: settings (each section bound once and validated at start), Core, the Blazor UI,
    /// accounts and the background workers.
    /// </summary>
    public static WebApplicationBuilder AddOcopMarket(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // A search of 5,000 Vietnamese characters pasted into the box is a ~17 KB URL once percent-encoded, past
        // Kestrel's 8 KB request line: it got Kestrel's bare 414. With 24 KB the app answers, cuts the search to
        // CatalogUrl.MaxSearchLength and says so; anything longer still gets the 414, as a URL nobody types.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 24 * 1024);
        services.AddOcopHosting(builder.Environment);
        services.AddOcopCompression();
        services.AddSettings<SitemapSettings>(SitemapSettings.Section);
        services.AddSingleton<IOrderLinks, OrderLinks>();
        services.AddSingleton<OcopMarket.Web.Components.Shared.CardMarkup>(); // listing cards written out once (uncached listings)
        services.AddSingleton<OcopMarket.Core.Complaints.IComplaintLinks, OcopMarket.Web.Components.Pages.Complaints.ComplaintLinks>();
        services.AddSingleton<OcopMarket.Core.Reviews.IReviewLinks, OcopMarket.Web.Components.Pages.Reviews.ReviewLinks>();
        services.AddSingleton<OcopMarket.Web.Components.Pages.Wishlists.WishlistLinks>();
        services.AddSingleton<OcopMarket.Core.Wishlists.IWishlistLinks>(sp => sp.GetRequiredService<OcopMarket.Web.Components.Pages.Wishlists.WishlistLinks>());
        services.AddOcopCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddOcopDataProtection();

        // Vietnamese goes out as UTF-8 text ("Nước mắm"), not as &#x1EAF; entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddSingleton<CartCookie>();
        services.AddSingleton<CartStore>();
        services.AddSingleton<OcopMarket.Web.Components.Pages.Wishlists.WishlistCookie>();
        services.AddSingleton<OcopMarket.Web.Components.Pages.Wishlists.WishlistStore>();

        services.AddOcopAccounts();
        services.AddOcopAbuseLimits();
        services.AddOcopOpenData();
        services.AddOcopWorkers();
        services.AddOcopPublicPages();
        return builder;
    }
}
