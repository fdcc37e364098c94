using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Complaints;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Reviews;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Complaints;

namespace OcopMarket.Tests.Complaints;

/// <summary>
/// The producer's complaints page and the officers' desk (InteractiveServer) over real services: the producer answers
/// with an offer (another producer sees nothing); the officer is told a cash refund needs its transfer reference, and
/// with it the complaint leaves the open list.
/// </summary>
public sealed class ComplaintPagesTests : InteractivePageTest
{
    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ocop-complaint-pages-{Guid.NewGuid():N}");
    private ComplaintService _complaints = null!;
    private Actor _mai = null!;

    protected override async Task SetUpAsync()
    {
        _complaints = new ComplaintService(Db, Db.Clock, new ProductImageProcessor(), new FileSystemMediaStore(_media), new LegalSettings(),
            Db.Cards(), new ComplaintNotifications(FixedComplaintLinks.Localhost));
        var keys = new SerialKeyStore(Db, null);
        var trace = new TraceabilityService(Db, Db.Clock, keys, new ScanCounter(Db), TraceabilityOptions.Default, Db.PageChanges);
        Services.AddSingleton(_complaints);
        Services.AddSingleton(new LabelReportService(Db, Db.Clock, trace));
        Services.AddSingleton<TimeProvider>(Db.Clock);
        Services.AddSingleton(new LegalSettings());
        _mai = await ReviewTestData.BuyerAsync(Db, "Nguyễn Thị Mai");
    }

    /// <summary>A delivered cash order of Hảo Đạt's tea for Mai with a complaint about it; the complaint's id.</summary>
    private async Task<int> ComplaintAsync(string text = "Hộp chè bị móp, túi rách.")
    {
        var line = await ReviewTestData.DeliveredLineAsync(Db, _mai.UserId, Db.Clock.GetUtcNow().UtcDateTime);
        await using var db = Db.CreateDbContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Lines.Any(l => l.Id == line));
        return await _complaints.OpenAsync(order.CheckoutId, order.Id, null, _mai, ComplaintReason.Damaged, text);
    }

    private async Task<Complaint> StoredAsync(int id)
    {
        await using var db = Db.CreateDbContext();
        return await db.Set<Complaint>().AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task The_producer_answers_with_a_replacement_and_the_form_gives_way_to_the_answer()
    {
        var id = await ComplaintAsync();
        SignInAs(HaoDat, Roles.Producer);

        var page = Render<PortalComplaintsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=portal-complaint]")));
        Assert.Contains("ngày làm việc", page.Find("[data-testid=portal-complaint-deadline]").TextContent);
        // An empty answer is refused with the reason and saves nothing.
        await page.Find("[data-testid=answer-send]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Hãy viết câu trả lời", page.Find("[data-testid=portal-complaint-error]").TextContent));

        // Refund, Replacement, Reply only: the second of the three.
        page.FindAll("[data-testid=portal-complaint] input[type=radio]")[1].Click();
        page.Find("[data-testid=portal-complaint] textarea").Change("Xin lỗi chị, shop gửi hộp mới ngay hôm nay.");
        await page.Find("[data-testid=answer-send]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=answer-send]")));
        var stored = await StoredAsync(id);
        Assert.Equal((ComplaintStatus.Answered, ComplaintOffer.Replacement), (stored.Status, stored.Offer));
        Assert.Contains("Nhà sản xuất trả lời", page.Find("[data-testid=portal-complaint-timeline]").TextContent);
    }

    [Fact]
    public async Task Another_producer_sees_no_complaint()
    {
        await ComplaintAsync();
        SignInAs(VanHuong, Roles.Producer);
        var page = Render<PortalComplaintsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-complaints]")));
    }

    [Fact]
    public async Task The_officer_refunds_a_cash_order_only_with_the_transfer_reference()
    {
        var id = await ComplaintAsync();
        var due = (await StoredAsync(id)).AnswerDueAt;
        Db.Clock.Now = new DateTimeOffset(due, TimeSpan.Zero).AddHours(1);
        SignInAs(Officer, Roles.Admin);

        var page = Render<AdminComplaintsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=desk-complaint]")));
        Assert.Contains("Quá hạn", page.Find("[data-testid=desk-complaint-status]").TextContent);
        Assert.Contains("100,0\u00A0%", page.Find("[data-testid=complaint-rate]").TextContent);

        await page.Find("[data-testid=decide]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("mã giao dịch", page.Find("[data-testid=admin-complaint-error]").TextContent));
        Assert.Equal(ComplaintStatus.AwaitingProducer, (await StoredAsync(id)).Status);

        Input(page.Find("[data-testid=decision-reference]")).Change("VCB 0011223344");
        await page.Find("[data-testid=decide]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-open-complaints]")));
        var stored = await StoredAsync(id);
        Assert.Equal((ComplaintStatus.Decided, "VCB 0011223344", PaymentMethod.CashOnDelivery), (stored.Status, stored.RefundReference, stored.Payment));
    }

    private static AngleSharp.Dom.IElement Input(AngleSharp.Dom.IElement element) =>
        element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea")!;
}
