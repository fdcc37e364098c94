using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Programme;
using OcopMarket.Core.Programme.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Admin;

namespace OcopMarket.Tests.Programme;

/// <summary>The officer's page for national figures: a bad value is refused with a message and nothing saved; a good one is listed.</summary>
public sealed class NationalFiguresPageTests : InteractivePageTest
{
    protected override async Task SetUpAsync()
    {
        await using (var db = Db.CreateDbContext()) await NationalFigureSeeder.SeedAsync(db, Db.Clock.GetUtcNow().UtcDateTime);
        Services.AddSingleton(new ProgrammeService(Db, Db.Clock, Db.PageChanges));
        Services.AddSingleton<TimeProvider>(Db.Clock);
        SignInAs(Officer, Roles.Admin);
    }

    private async Task<int> FiguresAsync()
    {
        await using var db = Db.CreateDbContext();
        return await db.NationalFigures.CountAsync();
    }

    [Fact]
    public async Task An_officer_adds_a_figure_and_a_bad_one_is_refused_without_losing_what_was_typed()
    {
        var page = Render<NationalFiguresPage>();
        page.WaitForAssertion(() => Assert.Equal(NationalFigureSeeder.Figures.Count, page.FindAll("[data-testid=figure-row]").Count));
        var seeded = await FiguresAsync();

        page.Find("[data-testid=figure-value]").Change("mười nghìn");
        page.Find("[data-testid=figure-date]").Change("2026-06-30");
        page.Find("[data-testid=figure-url]").Change("https://example.gov.vn/so-ket-2026");
        await page.Find("[data-testid=figure-add]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Số lượng là một số nguyên", page.Find("[data-testid=admin-error]").TextContent));
        Assert.Equal(seeded, await FiguresAsync());
        Assert.Equal("https://example.gov.vn/so-ket-2026", page.Find("[data-testid=figure-url]").GetAttribute("value"));

        page.Find("[data-testid=figure-value]").Change("19.050");
        await page.Find("[data-testid=figure-add]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(seeded + 1, page.FindAll("[data-testid=figure-row]").Count));
        await using var db = Db.CreateDbContext();
        var added = await db.NationalFigures.SingleAsync(f => f.Value == 19_050);
        Assert.Equal((ProgrammeMetric.CertifiedProducts, new DateOnly(2026, 6, 30), Officer.UserId), (added.Metric, added.AsOf, added.EnteredByUserId));
        Assert.Empty(page.FindAll("[data-testid=admin-error]"));
    }
}
