using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Media;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Portal;

/// <summary>
/// The product editor, rendered by bUnit over real services, for a producer who chose English: a refusal from
/// Core is shown in English, not in its Vietnamese words.
/// </summary>
public sealed class PortalEnglishErrorTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _haoDat = null!;
    private ProducerPortalService _portal = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        (_haoDat, _, _, _) = await PortalTestData.CreateActorsAsync(_db);
        _portal = new ProducerPortalService(_db, _db.Clock);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_db.Clock);
        Services.AddSingleton(_portal);
        Services.AddSingleton(new AccountDirectory(_db));
        Services.AddSingleton(new ProductPhotoService(_db, new ProductImageProcessor(),
            new FileSystemMediaStore(Path.Combine(Path.GetTempPath(), $"ocop-bunit-{Guid.NewGuid():N}"))));
        Services.AddScoped<CurrentActor>();
        var auth = AddAuthorization();
        auth.SetAuthorized(_haoDat.UserId);
        auth.SetRoles(Roles.Producer);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _haoDat.UserId)); // after SetRoles, which rebuilds the claims
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously; xunit v2 would otherwise call the synchronous Dispose.
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Publishing_a_product_without_a_certificate_is_refused_in_english()
    {
        var id = await _portal.CreateAsync(_haoDat, new ProductForm("Trà xanh Tân Cương hộp quà", OcopGroup.Food, "I.5a", "hộp 200 g", 185_000, 40,
            "Chè búp hái tay, sao suốt."));
        // Set here, not in InitializeAsync: the UI culture flows into what this method awaits, not back out of another method.
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var cut = Render<ProductEditorPage>(p => p.Add(x => x.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=publish]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=publish]").Click()); // on the renderer's thread: no re-render between

        cut.WaitForAssertion(() =>
        {
            var error = cut.Find("[data-testid=form-error]").TextContent;
            Assert.Contains("Only products with a valid OCOP certificate of 3 stars or more can be put on sale.", error);
            Assert.DoesNotContain("chứng nhận", error);
        });
    }
}
