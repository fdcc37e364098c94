using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Media;
using OcopMarket.Core.Reviews;
using OcopMarket.Core.Reviews.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Reviews;

namespace OcopMarket.Tests.Reviews;

/// <summary>
/// The portal's and the officers' review pages (InteractiveServer) over real services: a producer answers once and
/// filters to the unanswered, sees only their own products' reviews and the score by month; an officer hides a held
/// review with a reason, is told when the reason is missing, and publishes a hidden one again.
/// </summary>
public sealed class ReviewPagesTests : InteractivePageTest
{
    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ocop-review-pages-{Guid.NewGuid():N}");
    private ReviewService _reviews = null!;
    private ReviewModerationService _moderation = null!;
    private Actor _mai = null!, _hung = null!;

    protected override async Task SetUpAsync()
    {
        _reviews = new ReviewService(Db, Db.Clock, new ProductImageProcessor(), new FileSystemMediaStore(_media), new ReviewSettings());
        _moderation = new ReviewModerationService(Db, Db.Clock);
        Services.AddSingleton(_moderation);
        _mai = await ReviewTestData.BuyerAsync(Db, "Nguyễn Thị Mai");
        _hung = await ReviewTestData.BuyerAsync(Db, "Trần Văn Hùng");
    }

    private DateTime Now => Db.Clock.GetUtcNow().UtcDateTime;

    private async Task<int> ReviewAsync(Actor buyer, int rating, string text)
    {
        var line = await ReviewTestData.DeliveredLineAsync(Db, buyer.UserId, Now);
        return (await _reviews.SaveAsync(buyer, line, rating, text)).Id;
    }

    [Fact]
    public async Task A_producer_answers_a_review_once_and_the_switch_leaves_only_the_unanswered()
    {
        await ReviewAsync(_mai, 5, "Chè thơm, nước xanh.");
        await ReviewAsync(_hung, 3, "Chè ngon nhưng giao chậm.");
        SignInAs(HaoDat, Roles.Producer);

        var page = Render<PortalReviewsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=portal-review]").Count));
        var month = page.Find("[data-testid=rating-month]").TextContent;
        Assert.Contains("4,0 / 5", month); // (5 + 3) / 2, in the buyers' score's own words, not OCOP stars
        Assert.Contains("2", month);

        var hung = page.FindAll("[data-testid=portal-review]").Single(r => r.TextContent.Contains("giao chậm"));
        hung.QuerySelector("textarea")!.Change("Xin lỗi anh, lần sau chúng tôi giao sớm hơn.");
        await page.FindAll("[data-testid=portal-review]").Single(r => r.TextContent.Contains("giao chậm"))
            .QuerySelector("[data-testid=reply-send]")!.ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("giao sớm hơn", page.Find("[data-testid=portal-reply]").TextContent));
        Assert.Single(page.FindAll("[data-testid=reply-send]")); // answered once: no second box for it

        Input(page.Find("[data-testid=unanswered-only]")).Change(true);
        page.WaitForAssertion(() => Assert.Contains("nước xanh", Assert.Single(page.FindAll("[data-testid=portal-review]")).TextContent));
    }

    [Fact]
    public async Task An_empty_reply_is_refused_with_a_message_and_nothing_is_saved()
    {
        await ReviewAsync(_mai, 4, "Chè ngon.");
        SignInAs(HaoDat, Roles.Producer);
        var page = Render<PortalReviewsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=portal-review]")));
        await page.Find("[data-testid=reply-send]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Hãy viết câu trả lời", page.Find("[data-testid=portal-review-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=portal-reply]"));
    }

    [Fact]
    public async Task Another_producers_portal_lists_none_of_them()
    {
        await ReviewAsync(_mai, 4, "Chè ngon.");
        SignInAs(VanHuong, Roles.Producer);
        var page = Render<PortalReviewsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-portal-reviews]")));
        Assert.Empty(page.FindAll("[data-testid=rating-month]"));
    }

    [Fact]
    public async Task An_officer_hides_a_held_review_with_a_reason_and_publishes_it_again_from_the_hidden_list()
    {
        var held = await ReviewAsync(_hung, 5, "Mua sỉ gọi 0912 345 678.");
        await ReviewAsync(_mai, 5, "Chè ngon, không ai báo cáo."); // published, not reported: not on the desk
        SignInAs(Officer, Roles.Admin);

        var page = Render<AdminReviewsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=moderation-review]")));
        Assert.Contains("có số điện thoại", page.Find("[data-testid=moderation-status]").TextContent);

        // No reason: refused, and nothing changes.
        await page.Find("[data-testid=moderation-hide]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotEmpty(page.Find("[data-testid=admin-error]").TextContent));
        Assert.Equal(ReviewStatus.AwaitingModeration, await StatusAsync(held));

        Input(page.Find("[data-testid=moderation-reason]")).Change("Có số điện thoại rao bán sỉ");
        await page.Find("[data-testid=moderation-hide]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-reviews-to-moderate]")));
        Assert.Equal(ReviewStatus.Hidden, await StatusAsync(held));

        await page.FindAll("[data-testid=moderation-queue] .mud-toggle-item")[1].ClickAsync(new()); // "Hidden"
        page.WaitForAssertion(() => Assert.Contains("Có số điện thoại rao bán sỉ", page.Find("[data-testid=moderation-status]").TextContent));
        Input(page.Find("[data-testid=moderation-reason]")).Change("Đã liên hệ người viết, số là của cửa hàng");
        await page.Find("[data-testid=moderation-restore]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-reviews-to-moderate]")));
        Assert.Equal(ReviewStatus.Published, await StatusAsync(held));
    }

    /// <summary>The input MudBlazor put the test id on, or the one inside the element it put it on.</summary>
    private static AngleSharp.Dom.IElement Input(AngleSharp.Dom.IElement element) =>
        element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea")!;

    private async Task<ReviewStatus> StatusAsync(int id)
    {
        await using var db = Db.CreateDbContext();
        return (await db.Set<Review>().AsNoTracking().SingleAsync(r => r.Id == id)).Status;
    }
}
