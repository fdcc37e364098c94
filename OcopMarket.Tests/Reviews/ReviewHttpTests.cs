using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reviews;
using OcopMarket.Core.Reviews.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;
using SkiaSharp;

namespace OcopMarket.Tests.Reviews;

/// <summary>The app with a held-words list, as an operator would set Reviews:HeldWords.</summary>
public sealed class ReviewWebFactory : OcopWebFactory
{
    public const string HeldWord = "hàng giả";

    public ReviewWebFactory() => Settings["Reviews:HeldWords:0"] = HeldWord;
}

/// <summary>
/// Reviews as a browser writes and reads them: the buyer's multipart form post, the cached product page, the author's
/// editor with the officer's reason, and the refusals (another buyer's line, another producer's reply, forged or
/// oversized photos, a flood of reports). Each test writes on order lines of its own, delivered now.
/// </summary>
public sealed class ReviewHttpTests(ReviewWebFactory factory) : IClassFixture<ReviewWebFactory>
{
    private const string Tea = "che-dinh-tan-cuong";

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Browser();
        var password = email.StartsWith("review-buyer-", StringComparison.Ordinal) ? JourneyProducer.Password : AccountSeeder.DemoPassword;
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(client, email, password)).StatusCode);
        return client;
    }

    /// <summary>
    /// A buyer account of the test's own that signs in with <see cref="JourneyProducer.Password"/>: the demo buyer's
    /// per-account allowances (sign-ins, review posts) would otherwise be shared by every test of the class.
    /// </summary>
    private async Task<string> NewBuyerAsync(string name = "Nguyễn Thị Mai")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var email = $"review-buyer-{Guid.NewGuid():N}@example.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, JourneyProducer.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Buyer)).Succeeded);
        return email;
    }

    private IDbContextFactory<OcopDbContext> Db => factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();

    private async Task<Actor> ActorAsync(string email)
    {
        await using var db = await Db.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return new Actor(user.Id, user.ProducerId, email == AccountSeeder.DemoAdminEmail);
    }

    /// <summary>A delivered order (delivered now) of one product for the account with <paramref name="email"/>; its line's id.</summary>
    private async Task<int> DeliveredLineAsync(string email, string slug = Tea)
    {
        await using var db = await Db.CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await ReviewTestData.DeliveredLineAsync(Db, userId, factory.Clock.GetUtcNow().UtcDateTime, slug);
    }

    private static string Path(int lineId) => ReviewPaths.Write(lineId);

    /// <summary>The editor's form fields (antiforgery token, line) as the page served them to this browser.</summary>
    private static async Task<(IHtmlDocument Page, Dictionary<string, string> Hidden)> EditorAsync(HttpClient client, int lineId)
    {
        var response = await client.GetAsync(Path(lineId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StorefrontForms.HtmlAsync(response);
        var form = page.QuerySelector("[data-testid=review-form]")!;
        return (page, form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? ""));
    }

    /// <summary>Posts the editor as a browser does: multipart, with its hidden fields and the given photos.</summary>
    private static Task<HttpResponseMessage> PostReviewAsync(HttpClient client, Dictionary<string, string> hidden, int rating, string text,
        params (byte[] Bytes, string FileName, string ContentType)[] photos)
    {
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in hidden) content.Add(new StringContent(v), k);
        content.Add(new StringContent(rating.ToString(CultureInfo.InvariantCulture)), "rating");
        content.Add(new StringContent(text), "text");
        foreach (var (bytes, name, type) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "photos", name);
        }
        return client.PostAsync(ReviewPaths.Save, content);
    }

    private static async Task<string> ProductPageAsync(HttpClient anonymous) =>
        await (await anonymous.GetAsync("/san-pham/" + Tea)).Content.ReadAsStringAsync();

    private async Task<Review?> ReviewOfAsync(int lineId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Set<Review>().AsNoTracking().Include(r => r.Photos).SingleOrDefaultAsync(r => r.OrderLineId == lineId);
    }

    private int MediaFiles() =>
        Directory.Exists(factory.MediaDirectory) ? Directory.GetFiles(factory.MediaDirectory, "*", SearchOption.AllDirectories).Length : 0;

    // Letters only: a GUID's hex digits sometimes run long enough to read as a phone number, which holds the review.
    private static string Unique(string text) => $"{text} ({string.Concat(Guid.NewGuid().ToByteArray().Select(b => (char)('a' + b % 26)))})";

    [Theory]
    [InlineData("Chè ngon, xem thêm ở https://re-hon.example/che", ReviewContentFilter.Link)]
    [InlineData("Chè ngon, cần mua sỉ gọi 0987 654 321 nhé", ReviewContentFilter.Phone)]
    [InlineData("Nghi là HÀNG GIẢ, vị khác hẳn lần trước", ReviewWebFactory.HeldWord)]
    public async Task A_review_with_a_link_a_phone_or_a_held_word_waits_for_an_officer_and_is_not_shown(string text, string why)
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        var (_, hidden) = await EditorAsync(buyer, line);
        text = Unique(text);

        var saved = await PostReviewAsync(buyer, hidden, 5, text);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Path(line) + "?saved=held", saved.Headers.Location!.OriginalString);
        var editor = await StorefrontForms.HtmlAsync(await buyer.GetAsync(saved.Headers.Location));
        Assert.NotNull(editor.QuerySelector("[data-testid=review-held]"));
        Assert.Contains("Chờ", editor.QuerySelector("[data-testid=review-status]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text, await ProductPageAsync(Browser()));
        var review = await ReviewOfAsync(line);
        Assert.Equal(ReviewStatus.AwaitingModeration, review!.Status);
        var queue = await factory.Services.GetRequiredService<ReviewModerationService>()
            .QueueAsync(await ActorAsync(AccountSeeder.DemoAdminEmail), ModerationQueue.NeedsAttention);
        Assert.Equal(OcopMarket.Core.Text.VietnameseText.Fold(why), Assert.Single(queue, r => r.Id == review.Id).HeldBecause); // words kept folded
    }

    [Fact]
    public async Task A_clean_review_is_published_an_officer_hides_it_with_a_reason_the_author_sees_and_restores_it()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        var (_, hidden) = await EditorAsync(buyer, line);
        var text = Unique("Chè thơm cốm, nước xanh trong");
        var saved = await PostReviewAsync(buyer, hidden, 4, text);
        Assert.Equal(Path(line) + "?saved=1", saved.Headers.Location!.OriginalString);
        var anonymous = Browser();
        Assert.Contains(text, await ProductPageAsync(anonymous));

        var moderation = factory.Services.GetRequiredService<ReviewModerationService>();
        var officer = await ActorAsync(AccountSeeder.DemoAdminEmail);
        var id = (await ReviewOfAsync(line))!.Id;
        const string reason = "Nội dung không liên quan đến sản phẩm";
        await moderation.HideAsync(officer, id, reason);

        Assert.DoesNotContain(text, await ProductPageAsync(anonymous)); // the cached page was evicted
        var editor = await StorefrontForms.HtmlAsync(await buyer.GetAsync(Path(line)));
        Assert.Equal(reason, editor.QuerySelector("[data-testid=review-moderation-reason]")!.TextContent);
        Assert.Contains("ẩn", editor.QuerySelector("[data-testid=review-status]")!.TextContent, StringComparison.OrdinalIgnoreCase);

        await moderation.RestoreAsync(officer, id, "Đã xem lại, nội dung phù hợp");
        Assert.Contains(text, await ProductPageAsync(anonymous));
        Assert.Equal(ReviewStatus.Published, (await ReviewOfAsync(line))!.Status);
    }

    [Fact]
    public async Task Another_buyers_order_line_is_not_found_and_nothing_is_saved()
    {
        var theirs = await DeliveredLineAsync(await NewBuyerAsync("Trần Văn Hùng"));
        var email = await NewBuyerAsync();
        var mine = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);

        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync(Path(theirs))).StatusCode);
        // The token of the buyer's own editor, posted for the other buyer's line.
        var (_, hidden) = await EditorAsync(buyer, mine);
        hidden["orderLineId"] = theirs.ToString(CultureInfo.InvariantCulture);
        var refused = await PostReviewAsync(buyer, hidden, 1, "Tệ", (TestImages.Make(400, 300, SKEncodedImageFormat.Png), "a.png", "image/png"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null(await ReviewOfAsync(theirs));
        Assert.Null(await ReviewOfAsync(mine));
    }

    [Fact]
    public async Task A_post_without_the_editors_antiforgery_token_is_refused()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        var refused = await PostReviewAsync(buyer, new() { ["orderLineId"] = line.ToString(CultureInfo.InvariantCulture) }, 5, "Hay");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(await ReviewOfAsync(line));
    }

    [Fact]
    public async Task Another_producer_cannot_reply_and_does_not_see_the_review_in_their_portal()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email); // Hảo Đạt's tea
        var buyer = await SignedInAsync(email);
        var text = Unique("Chè ngon, giao nhanh");
        await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 5, text);
        var id = (await ReviewOfAsync(line))!.Id;

        var moderation = factory.Services.GetRequiredService<ReviewModerationService>();
        var vanHuong = await ActorAsync("vanhuong@ocopmarket.test");
        Assert.DoesNotContain(await moderation.ProducerReviewsAsync(vanHuong, unansweredOnly: false), r => r.Id == id);
        var portal = await SignedInAsync("vanhuong@ocopmarket.test");
        var page = await portal.GetAsync("/portal/reviews");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(text, await page.Content.ReadAsStringAsync());
        await Assert.ThrowsAnyAsync<OcopMarket.Core.Common.UserFacingException>(() => moderation.ReplyAsync(vanHuong, id, "Cảm ơn bạn"));
        Assert.Null((await ReviewOfAsync(line))!.Reply);

        // Its own producer answers once, in public; a second answer is refused and the first stays.
        var haoDat = await ActorAsync("haodat@ocopmarket.test");
        await moderation.ReplyAsync(haoDat, id, "Cảm ơn chị đã tin dùng chè Hảo Đạt");
        await Assert.ThrowsAnyAsync<OcopMarket.Core.Common.UserFacingException>(() => moderation.ReplyAsync(haoDat, id, "Lần hai"));
        Assert.Contains("Cảm ơn chị đã tin dùng chè Hảo Đạt", await ProductPageAsync(Browser()));
    }

    [Fact]
    public async Task A_forged_photo_is_refused_with_a_clear_message_and_the_review_and_its_photos_are_kept()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        var text = Unique("Chè ngon, ảnh gói hàng");
        var first = await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 5, text,
            (TestImages.Make(800, 600, SKEncodedImageFormat.Png), "goi-che.png", "image/png"));
        Assert.Equal(Path(line) + "?saved=1", first.Headers.Location!.OriginalString);
        var files = MediaFiles();
        Assert.Single((await ReviewOfAsync(line))!.Photos);

        // A script renamed .jpg, sent as image/jpeg, with the text changed.
        var forged = "<script>alert(1)</script>"u8.ToArray();
        var changed = Unique("Chè ngon, thêm ảnh");
        var response = await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 4, changed, (forged, "anh.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editor = await StorefrontForms.HtmlAsync(await buyer.GetAsync(response.Headers.Location));
        var message = editor.QuerySelector("[data-testid=review-error]")!.TextContent;
        Assert.Contains("chưa thêm ảnh", message);
        Assert.Contains("JPEG", message);
        var review = (await ReviewOfAsync(line))!;
        Assert.Equal(changed, review.Text); // what was typed is kept
        Assert.Equal(4, review.Rating);
        Assert.Single(review.Photos); // the earlier photo too
        Assert.Equal(files, MediaFiles()); // and nothing of the forged one was written
        Assert.Equal(changed, editor.QuerySelector("#review-text")!.TextContent);
    }

    [Fact]
    public async Task An_oversized_photo_on_a_new_review_is_refused_with_its_size_and_the_text_is_saved_without_it()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        var files = MediaFiles();
        // Over the pipeline's 5 MB: a valid PNG header followed by padding the decoder never reaches.
        var big = new byte[OcopMarket.Core.Media.ProductImageProcessor.MaxUploadBytes + 1024];
        TestImages.Make(100, 100, SKEncodedImageFormat.Png).CopyTo(big, 0);
        var text = Unique("Nước chè xanh, thơm");

        var response = await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 5, text, (big, "to.png", "image/png"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editor = await StorefrontForms.HtmlAsync(await buyer.GetAsync(response.Headers.Location));
        Assert.Contains("5 MB", editor.QuerySelector("[data-testid=review-error]")!.TextContent);
        var review = (await ReviewOfAsync(line))!;
        Assert.Equal(text, review.Text);
        Assert.Empty(review.Photos);
        Assert.Equal(files, MediaFiles());
    }

    [Fact]
    public async Task Four_photos_are_refused_and_three_through_the_pipeline_are_shown_on_the_product_page()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        var png = (TestImages.Make(640, 480, SKEncodedImageFormat.Png), "p.png", "image/png");
        var text = Unique("Ba ảnh");

        var four = await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 5, text, png, png, png, png);
        var editor = await StorefrontForms.HtmlAsync(await buyer.GetAsync(four.Headers.Location));
        Assert.Contains("tối đa 3 ảnh", editor.QuerySelector("[data-testid=review-error]")!.TextContent);
        Assert.Empty((await ReviewOfAsync(line))!.Photos);

        await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 5, text, png, png, png);
        Assert.Equal(3, (await ReviewOfAsync(line))!.Photos.Count);
        var product = await StorefrontForms.HtmlAsync(await Browser().GetAsync("/san-pham/" + Tea));
        var item = product.QuerySelectorAll("[data-testid=review]").Single(r => r.TextContent.Contains(text));
        var photos = item.QuerySelectorAll("[data-testid=review-photo]");
        Assert.Equal(3, photos.Length);
        foreach (var img in photos) Assert.StartsWith("/media/reviews/", img.GetAttribute("src"));
        // Re-encoded by the pipeline: the thumbnail is served as an image.
        var thumbnail = await Browser().GetAsync(photos[0].GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.StartsWith("image/", thumbnail.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Reports_are_once_per_person_and_a_flood_of_them_is_rate_limited()
    {
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 5, Unique("Chè ngon"));
        var id = (await ReviewOfAsync(line))!.Id.ToString(CultureInfo.InvariantCulture);

        // Anyone signed in may report: here a producer's account.
        var reporter = await SignedInAsync("khaihoan@ocopmarket.test");
        HttpResponseMessage Report() => reporter.PostAsync(ReviewPaths.Report, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reviewId"] = id, ["back"] = "/san-pham/" + Tea, ["reason"] = "Quảng cáo",
        })).GetAwaiter().GetResult();

        var first = Report();
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("rnotice=reported", first.Headers.Location!.OriginalString);
        var second = Report();
        Assert.Contains("rnotice=already-reported", second.Headers.Location!.OriginalString);
        var permits = new Web.Startup.RateLimitSettings().ReviewFeedbackPerAccount.Permits;
        for (var n = 3; n <= permits; n++) Assert.Equal(HttpStatusCode.Redirect, Report().StatusCode);

        var refused = Report();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(1, (await ReviewOfAsync(line))!.ReportCount);

        // An anonymous visitor's report is sent to sign in first and counts nothing.
        var anonymous = await Browser().PostAsync(ReviewPaths.Report, new FormUrlEncodedContent(new Dictionary<string, string> { ["reviewId"] = id, ["back"] = "/" }));
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.OriginalString);
        Assert.Equal(1, (await ReviewOfAsync(line))!.ReportCount);
    }

    [Fact]
    public async Task The_product_json_ld_counts_only_published_reviews()
    {
        var anonymous = Browser();
        var before = await AggregateAsync(anonymous);
        var email = await NewBuyerAsync();
        var line = await DeliveredLineAsync(email);
        var buyer = await SignedInAsync(email);
        await PostReviewAsync(buyer, (await EditorAsync(buyer, line)).Hidden, 1, Unique("Gọi 0987 654 321 để mua rẻ"));
        Assert.Equal(before, await AggregateAsync(anonymous)); // held: not counted

        var line2 = await DeliveredLineAsync(email);
        await PostReviewAsync(buyer, (await EditorAsync(buyer, line2)).Hidden, 1, Unique("Không hợp khẩu vị"));
        var after = await AggregateAsync(anonymous);
        Assert.Equal(before.Count + 1, after.Count);
    }

    [Fact]
    public async Task The_product_pages_reviews_are_paged_newest_first_and_most_helpful_by_the_query_string()
    {
        const string spirit = "ruou-nep-cai-hoa-vang"; // its one seeded review is held, so only these are shown
        var reviews = factory.Services.GetRequiredService<ReviewService>();
        var written = new List<int>();
        for (var n = 1; n <= ProductReviewsService.PageSize + 2; n++)
        {
            var email = await NewBuyerAsync($"Người mua {n}");
            var line = await DeliveredLineAsync(email, spirit);
            await using var db = await Db.CreateDbContextAsync();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            written.Add((await reviews.SaveAsync(new Actor(userId, null, false), line, 4, $"Rượu êm, lần {n:00}")).Id);
            factory.Clock.AdjustTime(factory.Clock.GetUtcNow().AddMinutes(1)); // published one after another
        }
        // A signed-in visitor finds the oldest one helpful, from the product page's own form.
        var voter = await SignedInAsync("haodat@ocopmarket.test");
        var voted = await voter.PostAsync(ReviewPaths.Vote, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reviewId"] = written[0].ToString(CultureInfo.InvariantCulture), ["back"] = "/san-pham/" + spirit,
        }));
        Assert.Contains("rnotice=voted", voted.Headers.Location!.OriginalString);

        var anonymous = Browser();
        async Task<string[]> TextsAsync(string query)
        {
            var page = await StorefrontForms.HtmlAsync(await anonymous.GetAsync("/san-pham/" + spirit + query));
            return [.. page.QuerySelectorAll("[data-testid=review-text]").Select(t => t.TextContent)];
        }
        var first = await TextsAsync("");
        Assert.Equal(ProductReviewsService.PageSize, first.Length);
        Assert.Equal("Rượu êm, lần 12", first[0]);
        Assert.Equal(["Rượu êm, lần 02", "Rượu êm, lần 01"], await TextsAsync("?rpage=2"));
        var helpful = await TextsAsync("?rsort=helpful");
        Assert.Equal("Rượu êm, lần 01", helpful[0]);
        Assert.Equal("Rượu êm, lần 12", helpful[1]);
        var page1 = await StorefrontForms.HtmlAsync(await anonymous.GetAsync("/san-pham/" + spirit));
        Assert.Equal("/san-pham/" + spirit + "?rpage=2#danh-gia", page1.QuerySelector("[data-testid=reviews-next]")!.GetAttribute("href"));
        Assert.Contains("Hữu ích (1)", (await StorefrontForms.HtmlAsync(await anonymous.GetAsync("/san-pham/" + spirit + "?rsort=helpful")))
            .QuerySelector("[data-testid=review-helpful]")!.TextContent);
    }

    private static async Task<(int Count, string Text)> AggregateAsync(HttpClient anonymous)
    {
        var page = await StorefrontForms.HtmlAsync(await anonymous.GetAsync("/san-pham/" + Tea));
        var json = page.QuerySelectorAll("script[type='application/ld+json']").Select(s => s.TextContent)
            .Single(t => t.Contains("\"Product\"", StringComparison.Ordinal));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? doc.RootElement.EnumerateArray().First(e => e.GetProperty("@type").GetString() == "Product") : doc.RootElement;
        var rating = root.GetProperty("aggregateRating");
        var count = rating.GetProperty("reviewCount").ValueKind == System.Text.Json.JsonValueKind.Number
            ? rating.GetProperty("reviewCount").GetInt32()
            : int.Parse(rating.GetProperty("reviewCount").GetString()!, CultureInfo.InvariantCulture);
        return (count, rating.GetRawText());
    }
}
