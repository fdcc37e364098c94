using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Admin;

namespace OcopMarket.Tests.Admin;

/// <summary>The officer types an authority's letter: the product goes down, the log shows it on time, and a lift is noted.</summary>
public sealed class TakedownsPageTests : InteractivePageTest
{
    private string _slug = "";

    protected override async Task SetUpAsync()
    {
        await using var db = Db.CreateDbContext();
        _slug = await db.Products.Where(p => p.ProducerId == HaoDat.ProducerId && p.IsPublished).OrderBy(p => p.Id).Select(p => p.Slug).FirstAsync();
        Services.AddSingleton(new AuthorityTakedownService(Db, Db.Clock));
        Services.AddSingleton<TimeProvider>(Db.Clock);
        SignInAs(Officer, Roles.Admin);
    }

    [Fact]
    public async Task An_officer_logs_a_letter_the_product_leaves_the_shop_and_a_lift_is_recorded()
    {
        var page = Render<TakedownsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=takedown-empty]")));

        page.Find("[data-testid=takedown-target]").Change($"https://ocopmarket.vn/san-pham/{_slug}");
        page.Find("[data-testid=takedown-authority]").Change("Chi cục Quản lý thị trường Thái Nguyên");
        await page.Find("[data-testid=takedown-record]").ClickAsync(new()); // no reference, no reason: refused, nothing done
        page.WaitForAssertion(() => Assert.Contains("Hãy ghi số hoặc ký hiệu văn bản yêu cầu.", page.Find("[data-testid=admin-error]").TextContent));

        page.Find("[data-testid=takedown-received]").Change("not a date");
        page.Find("[data-testid=takedown-reference]").Change("123/QLTT-NV");
        page.Find("[data-testid=takedown-why]").Change("Nghi hàng giả");
        await page.Find("[data-testid=takedown-record]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Hãy nhập thời điểm nhận văn bản", page.Find("[data-testid=admin-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=takedown-row]"));

        page.Find("[data-testid=takedown-received]").Change((Db.Clock.Now.UtcDateTime.AddHours(7 - 3)).ToString("yyyy-MM-ddTHH:mm"));
        await page.Find("[data-testid=takedown-record]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=takedown-row]")));
        Assert.Single(page.FindAll("[data-testid=takedown-on-time]"));
        Assert.Contains("123/QLTT-NV", page.Find("[data-testid=takedown-row]").TextContent);
        await using (var db = Db.CreateDbContext())
            Assert.False(await db.Products.Where(p => p.Slug == _slug).Select(p => p.IsPublished).SingleAsync());

        page.Find("[data-testid=lift-note]").Change("Văn bản 130/QLTT-NV rút yêu cầu");
        await page.Find("[data-testid=lift]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Đã dỡ bỏ", page.Find("[data-testid=takedown-lifted]").TextContent));
    }
}
