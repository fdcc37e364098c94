using OcopMarket.Web.Components.Pages.Complaints;
using OcopMarket.Web.Components.Pages.Bookings;
using OcopMarket.Core;
using OcopMarket.Web.Components;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Legal;
using OcopMarket.Web.Components.Pages.Media;
using OcopMarket.Web.Components.Pages.Orders;
using OcopMarket.Web.Components.Pages.Programme;
using OcopMarket.Web.Components.Pages.Reviews;
using OcopMarket.Web.Components.Pages.Seo;
using OcopMarket.Web.Components.Pages.Traceability;
using OcopMarket.Web.Components.Pages.Wishlists;
using OcopMarket.Web.Localization;
using OcopMarket.Web.OpenData;
using OcopMarket.Web.ProducerApi;
using OcopMarket.Web.PublicPages;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Startup;

public static class OcopMarketPipeline
{
    /// <summary>The middleware, in order, then every endpoint: minimal APIs of each feature and the Razor pages.</summary>
    public static WebApplication MapOcopMarket(this WebApplication app)
    {
        app.UseOcopHosting();
        // "/en/…" is the English store: moved to the path base before routing, so the same endpoints answer it.
        app.UseLanguagePrefix();
        app.UseApiDocsRedirect();
        app.UseRouting();
        app.UseCors();
        app.UseSecurityHeaders();
        // Before the status code pages, which would answer a missing favicon with the whole HTML page.
        app.UseSmallNotFoundForMissingFiles();
        app.UseOcopCompression();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(Lang.LocalizationOptions());
        app.UseAuthentication();
        app.UseOfficerSecondFactor();
        app.UseAuthorization();
        app.UseOcopPublicPages();
        // After sign-in is known (limits per account) and the language (the refusal page's), before any form is handled.
        app.UseOcopAbuseLimits();
        app.UseAntiforgery();
        // A valid cash-on-delivery "place order" post is placed before Blazor draws the checkout page for it.
        app.UseCheckoutPlacement();

        app.MapStaticAssets();
        app.MapLanguageSwitch();
        app.MapSeoEndpoints();
        app.MapAccountEndpoints();
        app.MapMediaEndpoints();
        app.MapCartEndpoints();
        app.MapBookingEndpoints();
        app.MapWishlistEndpoints();
        app.MapPersonalDataEndpoints();
        app.MapOrderExport();
        app.MapBuyerOrderEndpoints();
        app.MapReviewEndpoints();
        app.MapComplaintEndpoints();
        app.MapCardPaymentEndpoints();
        app.MapStripeWebhook();
        app.MapTraceEndpoints();
        app.MapLotQrEndpoints();
        app.MapProgrammeEndpoints();
        app.MapOpenData();
        app.MapEpcis();
        app.MapProducerApi();
        app.MapRazorComponents<App>()
            // Blazor's own "frame-ancestors 'self'" header would sit beside the site's policy, which already
            // says 'none' (UseSecurityHeaders).
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .WithoutComponentStateOnPublicPages();
        return app;
    }

    /// <summary>Migrates and seeds the database before the first request; Development also gets the demo data.</summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) =>
        app.Services.MigrateAndSeedAsync(withDemoData: app.Environment.IsDevelopment());
}
