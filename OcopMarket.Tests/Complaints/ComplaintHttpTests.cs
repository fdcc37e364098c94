using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;
using SkiaSharp;

namespace OcopMarket.Tests.Complaints;

/// <summary>
/// Complaints as a browser sends them: the buyer's multipart post with photos from their complaint page (signed in, or a
/// guest by the order link's secret), the refusals (another buyer's order, a forged link, a forged or oversized photo),
/// the producer's side (another producer's complaint is not theirs), and "report this label" from the trace page
/// (a flood is rate limited, a cross-site post refused). Each test uses orders of its own, delivered now.
/// </summary>
public sealed class ComplaintHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private IDbContextFactory<OcopDbContext> Db => factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();

    private async Task<(string Email, string UserId)> NewBuyerAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"complaint-buyer-{Guid.NewGuid():N}@example.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Nguyễn Thị Mai" };
        Assert.True((await users.CreateAsync(user, JourneyProducer.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Buyer)).Succeeded);
        return (email, user.Id);
    }

    private async Task<HttpClient> SignedInAsync(string email, string password = JourneyProducer.Password)
    {
        var client = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(client, email, password)).StatusCode);
        return client;
    }

    /// <summary>A delivered order of Hảo Đạt's tea for the account (null: a guest, whose link's secret is returned).</summary>
    private async Task<(Order Order, string Token)> DeliveredAsync(string? userId)
    {
        await using var db = await Db.CreateDbContextAsync();
        var product = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var order = new Order("OCM-C-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Guid.NewGuid(), product.ProducerId,
            PaymentMethod.CashOnDelivery, [new OrderLine(product.Id, product.Name, product.Unit, product.PriceVnd, 1)], 30_000, now.AddDays(-3),
            delivery: new DeliveryAddress("Nguyễn Thị Mai", "0912000111", "Số 12 phố Hàng Bạc", "00004", "01", null),
            buyerUserId: userId, buyerEmail: "mai@example.test");
        var token = OrderAccess.NewToken();
        order.SetAccessTokenHash(OrderAccess.Hash(token));
        order.ConfirmByProducer(now.AddDays(-3));
        order.Pack(now.AddDays(-2));
        order.Ship("Viettel Post", "VTP000123", now.AddDays(-2));
        order.Deliver(now);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return (order, token);
    }

    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StorefrontForms.HtmlAsync(response);
        var form = page.QuerySelector("[data-testid=complaint-form]")!;
        return form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
    }

    private static Task<HttpResponseMessage> PostOpenAsync(HttpClient client, Dictionary<string, string> hidden, string reason, string text,
        params (byte[] Bytes, string FileName, string ContentType)[] photos)
    {
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in hidden) content.Add(new StringContent(v), k);
        content.Add(new StringContent(reason), "reason");
        content.Add(new StringContent(text), "text");
        foreach (var (bytes, name, type) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "photos", name);
        }
        return client.PostAsync(ComplaintPaths.Open, content);
    }

    private async Task<Complaint?> ComplaintOfAsync(int orderId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Set<Complaint>().AsNoTracking().Include(c => c.Photos).SingleOrDefaultAsync(c => c.OrderId == orderId);
    }

    private int MediaFiles() =>
        Directory.Exists(Path.Combine(factory.MediaDirectory, ComplaintService.Folder))
            ? Directory.GetFiles(Path.Combine(factory.MediaDirectory, ComplaintService.Folder), "*", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task The_buyer_opens_a_complaint_with_a_photo_from_the_order_page_and_sees_it_with_its_timeline()
    {
        var (email, userId) = await NewBuyerAsync();
        var (order, _) = await DeliveredAsync(userId);
        var buyer = await SignedInAsync(email);
        var orderPage = await StorefrontForms.HtmlAsync(await buyer.GetAsync(OrderPaths.BuyerOrder(order.CheckoutId, null)));
        var link = orderPage.QuerySelector("[data-testid=open-complaint]")!.GetAttribute("href")!;
        Assert.Equal(ComplaintPaths.Buyer(order.CheckoutId, order.Id, null), link);

        var sent = await PostOpenAsync(buyer, await FormAsync(buyer, link), nameof(ComplaintReason.Damaged), "Hộp chè bị móp, túi bên trong rách.",
            (TestImages.Make(1200, 900, SKEncodedImageFormat.Jpeg), "hop.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(link + "?sent=1", sent.Headers.Location!.OriginalString);
        var page = await StorefrontForms.HtmlAsync(await buyer.GetAsync(sent.Headers.Location));
        Assert.NotNull(page.QuerySelector("[data-testid=complaint-sent]"));
        Assert.Contains("Chờ nhà sản xuất trả lời", page.QuerySelector("[data-testid=complaint-status]")!.TextContent);
        Assert.Matches("^/media/complaints/.+\\.webp$", page.QuerySelector("[data-testid=complaint-photo]")!.GetAttribute("src")!);
        Assert.Contains("Người mua mở khiếu nại", page.QuerySelector("[data-testid=complaint-timeline]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=complaint-form]")); // one open complaint per order
        var again = await StorefrontForms.HtmlAsync(await buyer.GetAsync(OrderPaths.BuyerOrder(order.CheckoutId, null)));
        Assert.Contains("chờ nhà sản xuất", again.QuerySelector("[data-testid=order-complaint-status]")!.TextContent);
    }

    [Fact]
    public async Task Another_buyers_order_is_not_found_and_nothing_is_saved()
    {
        var (_, theirId) = await NewBuyerAsync();
        var (theirs, _) = await DeliveredAsync(theirId);
        var (email, userId) = await NewBuyerAsync();
        var (mine, _) = await DeliveredAsync(userId);
        var buyer = await SignedInAsync(email);

        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync(ComplaintPaths.Buyer(theirs.CheckoutId, theirs.Id, null))).StatusCode);
        // The token of the buyer's own page, posted for the other buyer's order.
        var hidden = await FormAsync(buyer, ComplaintPaths.Buyer(mine.CheckoutId, mine.Id, null));
        hidden["checkoutId"] = theirs.CheckoutId.ToString();
        hidden["orderId"] = theirs.Id.ToString(CultureInfo.InvariantCulture);
        var refused = await PostOpenAsync(buyer, hidden, nameof(ComplaintReason.Damaged), "Hộp chè bị móp, túi rách.",
            (TestImages.Make(400, 300, SKEncodedImageFormat.Png), "a.png", "image/png"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null(await ComplaintOfAsync(theirs.Id));
        Assert.Null(await ComplaintOfAsync(mine.Id));
    }

    [Fact]
    public async Task A_guest_complains_through_the_order_link_and_a_forged_link_is_not_found()
    {
        var (order, token) = await DeliveredAsync(null);
        var guest = Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync(ComplaintPaths.Buyer(order.CheckoutId, order.Id, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync(ComplaintPaths.Buyer(order.CheckoutId, order.Id, token[..^2] + "AA"))).StatusCode);

        var path = ComplaintPaths.Buyer(order.CheckoutId, order.Id, token);
        var hidden = await FormAsync(guest, path);
        Assert.Equal(token, hidden["t"]);
        hidden["t"] = token[..^2] + "AA";
        Assert.Equal(HttpStatusCode.NotFound, (await PostOpenAsync(guest, hidden, nameof(ComplaintReason.NotAsDescribed), "Không phải chè Tân Cương.")).StatusCode);
        Assert.Null(await ComplaintOfAsync(order.Id));

        hidden["t"] = token;
        var sent = await PostOpenAsync(guest, hidden, nameof(ComplaintReason.NotAsDescribed), "Không phải chè Tân Cương.");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var saved = await ComplaintOfAsync(order.Id);
        Assert.NotNull(saved);
        Assert.Null(saved.BuyerUserId);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("oversized")]
    public async Task A_forged_or_oversized_photo_refuses_the_complaint_in_both_languages_and_keeps_nothing(string kind)
    {
        var (email, userId) = await NewBuyerAsync();
        var (order, _) = await DeliveredAsync(userId);
        var buyer = await SignedInAsync(email);
        var path = ComplaintPaths.Buyer(order.CheckoutId, order.Id, null);
        var before = MediaFiles();
        var photo = kind == "forged"
            ? ("<?php system($_GET['c']); ?>"u8.ToArray(), "anh.jpg", "image/jpeg")
            : (TestImages.Make(6100, 40, SKEncodedImageFormat.Png), "dai.png", "image/png");

        var refused = await PostOpenAsync(buyer, await FormAsync(buyer, path), nameof(ComplaintReason.Damaged), "Hộp chè bị móp, túi rách.",
            (TestImages.Make(400, 300, SKEncodedImageFormat.Png), "ok.png", "image/png"), photo);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Null(await ComplaintOfAsync(order.Id));
        Assert.Equal(before, MediaFiles());
        var page = await StorefrontForms.HtmlAsync(await buyer.GetAsync(refused.Headers.Location));
        Assert.NotNull(page.QuerySelector("[data-testid=complaint-error]"));
        Assert.Equal("Hộp chè bị móp, túi rách.", page.QuerySelector("[data-testid=complaint-text]")!.TextContent); // what they typed comes back
        Assert.NotNull(page.QuerySelector("[data-testid=complaint-form]")); // to send again with the right photos
    }

    [Fact]
    public async Task Another_producer_neither_sees_nor_answers_the_complaint()
    {
        var (email, userId) = await NewBuyerAsync();
        var (order, _) = await DeliveredAsync(userId);
        var complaints = factory.Services.GetRequiredService<ComplaintService>();
        var buyer = new Actor(userId, null, false);
        var id = await complaints.OpenAsync(order.CheckoutId, order.Id, null, buyer, ComplaintReason.Damaged, "Hộp chè bị móp, túi rách.");
        await using var db = await Db.CreateDbContextAsync();
        var vanHuong = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "vanhuong@ocopmarket.test");
        var other = new Actor(vanHuong.Id, vanHuong.ProducerId, false);
        var haoDat = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "haodat@ocopmarket.test");

        Assert.DoesNotContain(await complaints.ForProducerAsync(other), c => c.Id == id);
        await Assert.ThrowsAsync<NotFoundException>(() => complaints.AnswerAsync(other, id, ComplaintOffer.Refund, "Hoàn tiền"));
        Assert.Contains(await complaints.ForProducerAsync(new Actor(haoDat.Id, haoDat.ProducerId, false)), c => c.Id == id);
        // The buyer's own page is not the producer's either.
        var portal = await SignedInAsync("vanhuong@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync(ComplaintPaths.Buyer(order.CheckoutId, order.Id, null))).StatusCode);
        _ = email;
    }

    private async Task<(string Code, string Serial)> DemoUnitAsync(int number)
    {
        var signer = await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync();
        return ("KH4N2P8R", signer.Serial("KH4N2P8R", number));
    }

    private static FormUrlEncodedContent ReportForm(string code, string serial, string note) => new(new Dictionary<string, string>
    {
        ["code"] = code, ["serial"] = serial, ["note"] = note, ["contact"] = "0912 000 111",
    });

    [Fact]
    public async Task A_report_of_a_label_reaches_the_officers_and_a_flood_from_one_client_is_refused()
    {
        var (code, serial) = await DemoUnitAsync(7);
        var visitor = Browser();
        var note = "Mua ở chợ đêm " + Guid.NewGuid().ToString("N")[..6];
        var sent = await visitor.PostAsync(ComplaintPaths.ReportLabel, ReportForm(code, serial, note));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/t/{code}/{serial}?bao-cao=1#bao-cao", sent.Headers.Location!.OriginalString);
        var thanks = await StorefrontForms.HtmlAsync(await visitor.GetAsync(sent.Headers.Location));
        Assert.NotNull(thanks.QuerySelector("[data-testid=report-label-sent]"));

        await using (var db = await Db.CreateDbContextAsync())
        {
            var report = await db.Set<LabelReport>().AsNoTracking().SingleAsync(r => r.Note == note);
            Assert.Equal((serial, 7, "0912 000 111"), (report.Serial, report.SerialNumber, report.Contact));
        }
        // From the English page the thanks come back in English, at the English address.
        var english = await visitor.PostAsync("/en" + ComplaintPaths.ReportLabel, ReportForm(code, serial, note + " (en)"));
        Assert.Equal($"/en/t/{code}/{serial}?bao-cao=1#bao-cao", english.Headers.Location!.OriginalString);
        Assert.Contains("Thank you", (await StorefrontForms.HtmlAsync(await visitor.GetAsync(english.Headers.Location))).QuerySelector("[data-testid=report-label-sent]")!.TextContent);
        var forged = await visitor.PostAsync(ComplaintPaths.ReportLabel, ReportForm(code, serial[..^1] + (serial[^1] == 'X' ? "Y" : "X"), "giả"));
        Assert.True(forged.StatusCode == HttpStatusCode.NotFound, $"{forged.StatusCode}: {await forged.Content.ReadAsStringAsync()}");

        var limit = new OcopMarket.Web.Startup.RateLimitSettings().LabelReportPerIp.Permits;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < limit + 2; i++) statuses.Add((await visitor.PostAsync(ComplaintPaths.ReportLabel, ReportForm(code, serial, "flood " + i))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        await using var read = await Db.CreateDbContextAsync();
        Assert.True(await read.Set<LabelReport>().CountAsync(r => r.Note!.StartsWith("flood ")) <= limit);
    }

    [Fact]
    public async Task A_report_posted_from_another_site_is_refused_before_anything_is_saved()
    {
        var (code, serial) = await DemoUnitAsync(8);
        var visitor = Browser();
        var note = "cross-site " + Guid.NewGuid().ToString("N")[..6];
        var request = new HttpRequestMessage(HttpMethod.Post, ComplaintPaths.ReportLabel) { Content = ReportForm(code, serial, note) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");

        var refused = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("another website", await refused.Content.ReadAsStringAsync());
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.Set<LabelReport>().AnyAsync(r => r.Note == note));
    }

    [Fact]
    public async Task The_caution_on_a_copied_label_offers_the_report_form()
    {
        var (code, serial) = await DemoUnitAsync(9);
        await using (var db = await Db.CreateDbContextAsync())
        {
            var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.PublicCode == code);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"SerialScans\" (\"LotId\", \"SerialNumber\", \"Count\", \"FirstScannedAt\", \"LastScannedAt\") VALUES ({lot.Id}, {9}, {40}, {factory.Clock.GetUtcNow().UtcDateTime.AddDays(-20)}, {factory.Clock.GetUtcNow().UtcDateTime})");
        }
        var page = await StorefrontForms.HtmlAsync(await Browser().GetAsync($"/t/{code}/{serial}"));
        Assert.NotNull(page.QuerySelector("[data-testid=trace-copied]"));
        var form = page.QuerySelector("[data-testid=report-label-form]")!;
        Assert.Equal(ComplaintPaths.ReportLabel, form.GetAttribute("action"));
        Assert.Equal(serial, form.QuerySelector("input[name=serial]")!.GetAttribute("value"));
        // An ordinary label (a few scans) has no caution and no form.
        var (_, fresh) = await DemoUnitAsync(10);
        Assert.Null((await StorefrontForms.HtmlAsync(await Browser().GetAsync($"/t/{code}/{fresh}"))).QuerySelector("[data-testid=report-label-form]"));
    }
}
