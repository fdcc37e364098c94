using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Media;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Traceability;

namespace OcopMarket.Tests.Traceability;

/// <summary>
/// The producer's lot page, rendered by bUnit over real services, for a producer who chose English: a refused
/// GTIN is explained in English, not in its Vietnamese words; an event recorded early in the morning is taken.
/// </summary>
public sealed class LotPageEnglishErrorTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _media = null!;
    private int _teaId;
    private Actor _haoDat = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _media = Path.Combine(Path.GetTempPath(), $"ocop-bunit-lots-{Guid.NewGuid():N}");
        var (haoDat, _, _, _) = await PortalTestData.CreateActorsAsync(_db);
        _haoDat = haoDat;
        await using (var db = _db.CreateDbContext())
            _teaId = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.Id).SingleAsync();
        var store = new FileSystemMediaStore(_media);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_db.Clock);
        Services.AddSingleton(new LotService(_db, _db.Clock, new SerialKeyStore(_db, null),
            new ProductPhotoService(_db, new ProductImageProcessor(), store), store));
        Services.AddSingleton(new AccountDirectory(_db));
        Services.AddScoped<CurrentActor>();
        var auth = AddAuthorization();
        auth.SetAuthorized(haoDat.UserId);
        auth.SetRoles(Roles.Producer);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, haoDat.UserId)); // after SetRoles, which rebuilds the claims
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously; xunit v2 would otherwise call the synchronous Dispose.
        await DisposeAsync();
        await _db.DisposeAsync();
        if (Directory.Exists(_media)) Directory.Delete(_media, recursive: true);
    }

    [Fact]
    public async Task A_gtin_with_a_wrong_check_digit_is_refused_in_english()
    {
        // Set here, not in InitializeAsync: the UI culture flows into what this method awaits, not back out of another method.
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var cut = Render<LotListPage>(p => p.Add(x => x.ProductId, _teaId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=gtin]"));

        // Found and used on the renderer's own thread: on a database server the page's loads really await and may
        // re-render it between a Find and a Click outside it.
        await cut.InvokeAsync(() => cut.Find("[data-testid=gtin]").Change("4006381333932"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-gtin]").Click());

        cut.WaitForAssertion(() =>
        {
            var error = cut.Find("[data-testid=form-error]").TextContent;
            Assert.Contains("Invalid GTIN: it needs 8, 12, 13 or 14 digits with a correct check digit (e.g. 8930000000019).", error);
            Assert.DoesNotContain("không hợp lệ", error);
        });
    }

    [Fact]
    public async Task Before_eight_in_the_morning_an_event_recorded_now_is_taken_not_refused_as_future()
    {
        // 05:30 in Viet Nam (22:30 UTC the day before): the form's default time must be now, not a fixed hour ahead.
        _db.Clock.Now = new DateTimeOffset(2026, 11, 28, 5, 30, 0, TimeSpan.FromHours(7));
        var lots = Services.GetRequiredService<LotService>();
        var lotId = await lots.CreateAsync(_haoDat, _teaId, "TC-0530", new LotInput(new DateOnly(2026, 11, 27), null, 50, null, null, []));

        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var cut = Render<LotDetailPage>(p => p.Add(x => x.Id, lotId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=event-place]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=event-place]").Input("Xưởng chè Hảo Đạt"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=event-description]").Input("Sao chè mẻ sáng sớm."));
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-event]").Click());

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=form-error]"));
            var events = cut.Find("[data-testid=lot-events]").TextContent;
            Assert.Contains("Sao chè mẻ sáng sớm.", events);
            Assert.Contains("05:30 28/11/2026", events);
        });
    }
}
