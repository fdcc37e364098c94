using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Legal;

/// <summary>The published documents, consent at registration, at checkout and on the privacy page, as a browser meets them.</summary>
public sealed class LegalHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<List<ConsentRecord>> LinesOfAsync(string email)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return await db.ConsentRecords.Where(r => r.UserId == user.Id).OrderBy(r => r.Id).ToListAsync();
    }

    [Theory]
    [InlineData("/quy-che-hoat-dong", "Quy chế hoạt động")]
    [InlineData("/dieu-khoan-su-dung", "Điều khoản sử dụng")]
    [InlineData("/chinh-sach-doi-tra", "Chính sách đổi trả")]
    [InlineData("/chinh-sach-bao-mat", "Thông báo bảo mật dữ liệu cá nhân")]
    public async Task Each_document_is_published_the_same_for_everyone_with_its_version(string path, string title)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        var page = await StorefrontForms.HtmlAsync(response);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        var current = LegalDocuments.All.Single(d => d.Path == path).Current;
        Assert.Contains($"Phiên bản {current.Version}, hiệu lực từ {current.EffectiveFrom:dd/MM/yyyy}.", page.QuerySelector("[data-testid=legal-version]")!.TextContent);
        Assert.Contains(new LegalSettings().OperatorEmail, page.QuerySelector(".legal-text")!.TextContent);
        Assert.DoesNotContain("{{", page.QuerySelector(".legal-text")!.InnerHtml);
    }

    [Fact]
    public async Task The_privacy_notice_says_how_to_correct_and_delete_and_the_officers_deadline()
    {
        var page = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/chinh-sach-bao-mat"));
        Assert.Contains("Phiên bản 2026-12-02", page.QuerySelector("[data-testid=legal-version]")!.TextContent);
        var text = page.QuerySelector(".legal-text")!.TextContent;
        Assert.Contains("Xoá tài khoản", text);
        Assert.Contains($"trong {new LegalSettings().DataRequestDays} ngày", text);
        Assert.Contains("Người mua đã xoá tài khoản", text);
        var first = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/chinh-sach-bao-mat?phien-ban=2026-12-01"));
        Assert.Contains("Phiên bản 2026-12-01", first.QuerySelector("[data-testid=legal-version]")!.TextContent); // what was accepted stays readable
    }

    [Fact]
    public async Task The_privacy_notice_reads_in_english_and_lists_who_receives_the_data()
    {
        var page = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/en/chinh-sach-bao-mat"));
        Assert.Equal("Privacy notice", page.QuerySelector("h1")!.TextContent);
        var text = page.QuerySelector(".legal-text")!.TextContent;
        foreach (var recipient in new[] { "The producer", "The carrier", "Stripe", "Banks" }) Assert.Contains(recipient, text);
        Assert.NotNull(page.QuerySelector(".legal-text table")); // what, why and how long, as a table
        Assert.NotNull(page.QuerySelector(".legal-text a[href='/tai-khoan/quyen-rieng-tu']"));
    }

    [Fact]
    public async Task The_returns_policy_in_force_describes_the_complaint_flow_and_the_email_version_stays_readable()
    {
        var page = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/chinh-sach-doi-tra"));
        var text = page.QuerySelector(".legal-text")!.TextContent;
        Assert.Contains("122/2025/QH15", text);
        Assert.Contains($"{new LegalSettings().ComplaintAnswerDays} ngày làm việc", text);
        Assert.Contains("Khiếu nại / báo lỗi đơn", text);
        var english = (await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/en/chinh-sach-doi-tra"))).QuerySelector(".legal-text")!.TextContent;
        Assert.Contains("Report this label", english);
        var first = (await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/chinh-sach-doi-tra?phien-ban=2026-12-01"))).QuerySelector(".legal-text")!.TextContent;
        Assert.Contains("Gửi email tới", first);
    }

    [Fact]
    public async Task An_unknown_version_says_so_and_shows_the_one_in_force()
    {
        var page = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/quy-che-hoat-dong?phien-ban=1999-01-01"));
        Assert.Contains("Không có phiên bản “1999-01-01”", page.QuerySelector("[data-testid=legal-unknown-version]")!.TextContent);
        Assert.Contains("Phiên bản 2026-12-01", page.QuerySelector("[data-testid=legal-version]")!.TextContent);
    }

    [Fact]
    public async Task Every_storefront_page_links_the_four_documents()
    {
        var home = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/"));
        var links = home.QuerySelectorAll("[data-testid=footer-legal] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(LegalDocuments.All.Select(d => d.Path), links);
    }

    [Fact]
    public async Task Registering_without_accepting_the_terms_is_refused_and_creates_no_account()
    {
        var email = $"no-terms-{Guid.NewGuid():N}@example.test";
        var response = await AccountHttpTests.PostFormAsync(NewBrowser(), "/Account/Register", "register", new()
        {
            ["Input.DisplayName"] = "Chưa Đồng Ý", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StorefrontForms.HtmlAsync(response);
        Assert.Contains("Hãy đồng ý với Điều khoản sử dụng và Quy chế hoạt động", page.QuerySelector(".field-error")!.TextContent);
        Assert.Equal(email, page.QuerySelector("#reg-email")!.GetAttribute("value")); // what was typed stays
        Assert.Null(await factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task Registering_records_the_terms_and_exactly_the_optional_answers_given()
    {
        var email = $"terms-{Guid.NewGuid():N}@example.test";
        var response = await AccountHttpTests.PostFormAsync(NewBrowser(), "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.MarketingEmails"] = "true",
            ["Input.DisplayName"] = "Có Đồng Ý", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lines = await LinesOfAsync(email);
        Assert.Equal([(ConsentPurpose.TermsOfUse, true), (ConsentPurpose.MarketingEmails, true), (ConsentPurpose.ReviewInvitations, false)],
            lines.Select(l => (l.Purpose, l.Granted)));
        Assert.All(lines, l => Assert.Equal(ConsentSource.Registration, l.Source));
    }

    /// <summary>
    /// An account that accepted an older version of the terms: its sign-in lands on the renewal page, signed-in pages
    /// show a notice (anonymous ones never), a post without the tick agrees to nothing, and accepting records the
    /// version in force and goes on to where the person was going.
    /// </summary>
    [Fact]
    public async Task A_new_version_of_the_terms_is_asked_for_at_sign_in_and_accepted_only_with_the_tick()
    {
        var email = $"renew-{Guid.NewGuid():N}@example.test";
        var registered = NewBrowser();
        await AccountHttpTests.PostFormAsync(registered, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true",
            ["Input.DisplayName"] = "Gia Hạn", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        Assert.Empty((await StorefrontForms.HtmlAsync(await registered.GetAsync("/gio-hang"))).QuerySelectorAll("[data-testid=terms-renewal-notice]"));
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            // As if the terms this account accepted were an older version than the one in force now.
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.ConsentRecords.Add(new ConsentRecord(user.Id, null, ConsentPurpose.TermsOfUse, true, "2026-06-01", ConsentSource.Registration, factory.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }
        // A node remembers "nothing due" for a while (a new version only ever comes with a new build).
        factory.Clock.Advance(OcopMarket.Web.Components.Account.SignedInAccounts.Remember);
        var notice = (await StorefrontForms.HtmlAsync(await registered.GetAsync("/gio-hang"))).QuerySelector("[data-testid=terms-renewal-notice] a");
        Assert.Equal("/tai-khoan/dieu-khoan-moi?returnUrl=%2Fgio-hang", notice?.GetAttribute("href"));
        Assert.Empty((await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/gio-hang"))).QuerySelectorAll("[data-testid=terms-renewal-notice]"));

        var browser = NewBrowser();
        var signIn = await AccountHttpTests.SignInAsync(browser, email, "matkhau2026");
        Assert.Equal("/tai-khoan/dieu-khoan-moi?returnUrl=%2F", AccountHttpTests.Target(signIn).PathAndQuery);
        var page = await StorefrontForms.HtmlAsync(await browser.GetAsync(AccountHttpTests.Target(signIn).PathAndQuery));
        Assert.Contains("Điều khoản sử dụng", page.QuerySelector("[data-testid=terms-due]")!.TextContent);
        Assert.Contains(LegalDocuments.TermsOfUse.Current.Version, page.QuerySelector("[data-testid=terms-due]")!.TextContent);

        var untickedPost = await AccountHttpTests.PostFormAsync(browser, "/tai-khoan/dieu-khoan-moi?returnUrl=%2Fgio-hang", "terms-renewal", new());
        Assert.Equal(HttpStatusCode.OK, untickedPost.StatusCode);
        Assert.NotNull((await StorefrontForms.HtmlAsync(untickedPost)).QuerySelector("[data-testid=terms-accept-missing]"));
        Assert.Equal(4, (await LinesOfAsync(email)).Count);

        var accepted = await AccountHttpTests.PostFormAsync(browser, "/tai-khoan/dieu-khoan-moi?returnUrl=%2Fgio-hang", "terms-renewal", new() { ["accept"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/gio-hang", AccountHttpTests.Target(accepted).PathAndQuery);
        var last = (await LinesOfAsync(email))[^1];
        Assert.Equal((ConsentPurpose.TermsOfUse, true, LegalDocuments.TermsOfUse.Current.Version, ConsentSource.Renewal), (last.Purpose, last.Granted, last.DocumentVersion, last.Source));
        Assert.Empty((await StorefrontForms.HtmlAsync(await browser.GetAsync("/gio-hang"))).QuerySelectorAll("[data-testid=terms-renewal-notice]"));

        // A crafted return address cannot send the person to another site.
        var offsite = await StorefrontForms.HtmlAsync(await browser.GetAsync("/tai-khoan/dieu-khoan-moi?returnUrl=%2F%2Fevil.example"));
        Assert.NotNull(offsite.QuerySelector("[data-testid=terms-current]"));
        Assert.Equal("/", offsite.QuerySelector("main a.button")!.GetAttribute("href"));
    }

    /// <summary>
    /// The privacy page tells an account that said yes under an older privacy notice that a new one exists (its choices
    /// stay); the terms' renewal is the layout's notice alone, never said twice on this page.
    /// </summary>
    [Fact]
    public async Task The_privacy_page_tells_of_a_new_privacy_notice_and_leaves_the_terms_to_the_layouts_notice()
    {
        var email = $"notice-{Guid.NewGuid():N}@example.test";
        var browser = NewBrowser();
        await AccountHttpTests.PostFormAsync(browser, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true",
            ["Input.DisplayName"] = "Thông Báo", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        var fresh = await StorefrontForms.HtmlAsync(await browser.GetAsync(ConsentPaths.PrivacySettings));
        Assert.NotNull(fresh.QuerySelector("[data-testid=privacy-form]"));
        Assert.Empty(fresh.QuerySelectorAll("[data-testid=privacy-notice-changed]"));

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var at = factory.Clock.GetUtcNow().UtcDateTime;
            db.ConsentRecords.Add(new ConsentRecord(user.Id, null, ConsentPurpose.MarketingEmails, true, "2026-12-01", ConsentSource.PrivacySettings, at));
            db.ConsentRecords.Add(new ConsentRecord(user.Id, null, ConsentPurpose.TermsOfUse, true, "2026-06-01", ConsentSource.Registration, at));
            await db.SaveChangesAsync();
        }
        factory.Clock.Advance(OcopMarket.Web.Components.Account.SignedInAccounts.Remember); // past the node's memory of "nothing due"
        var page = await StorefrontForms.HtmlAsync(await browser.GetAsync(ConsentPaths.PrivacySettings));
        var told = page.QuerySelector("[data-testid=privacy-notice-changed]");
        Assert.NotNull(told);
        Assert.Contains(LegalDocuments.PrivacyNotice.Current.Version, told.TextContent);
        Assert.Equal(LegalDocuments.PrivacyNotice.Path, told.QuerySelector("a")!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("[data-testid=terms-renewal-notice]"));
        Assert.True(page.QuerySelector("[data-testid=privacy-marketing]")!.HasAttribute("checked")); // the yes still stands
    }

    [Fact]
    public async Task The_privacy_page_is_for_signed_in_people()
    {
        var response = await NewBrowser().GetAsync(ConsentPaths.PrivacySettings);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", AccountHttpTests.Target(response).PathAndQuery);
    }

    [Fact]
    public async Task Withdrawing_on_the_privacy_page_is_one_untick_and_each_change_is_a_line_of_history()
    {
        var email = $"privacy-{Guid.NewGuid():N}@example.test";
        var browser = NewBrowser();
        await AccountHttpTests.PostFormAsync(browser, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.MarketingEmails"] = "true",
            ["Input.DisplayName"] = "Rút Lại", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });

        var page = await StorefrontForms.HtmlAsync(await browser.GetAsync(ConsentPaths.PrivacySettings));
        Assert.NotNull(page.QuerySelector("[data-testid=privacy-marketing][checked]"));
        Assert.Null(page.QuerySelector("[data-testid=privacy-reviews][checked]"));
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=consent-line]").Length);

        // Unticking sends nothing for the box: that is the no.
        var saved = await AccountHttpTests.PostFormAsync(browser, ConsentPaths.PrivacySettings, "privacy", new() { ["reviews"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(ConsentPaths.PrivacySettings + "?da-luu=1", AccountHttpTests.Target(saved).PathAndQuery);
        var after = await StorefrontForms.HtmlAsync(await browser.GetAsync(ConsentPaths.PrivacySettings + "?da-luu=1"));
        Assert.NotNull(after.QuerySelector("[data-testid=privacy-saved]"));
        Assert.Null(after.QuerySelector("[data-testid=privacy-marketing][checked]"));
        Assert.NotNull(after.QuerySelector("[data-testid=privacy-reviews][checked]"));

        var lines = await LinesOfAsync(email);
        Assert.Equal(5, lines.Count);
        Assert.Equal([(ConsentPurpose.MarketingEmails, false, ConsentSource.PrivacySettings), (ConsentPurpose.ReviewInvitations, true, ConsentSource.PrivacySettings)],
            lines.Skip(3).Select(l => (l.Purpose, l.Granted, l.Source)).OrderBy(l => l.Purpose));
    }

    [Fact]
    public async Task A_privacy_post_without_the_form_token_is_refused_and_changes_nothing()
    {
        var email = $"forged-{Guid.NewGuid():N}@example.test";
        var browser = NewBrowser();
        await AccountHttpTests.PostFormAsync(browser, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true",
            ["Input.DisplayName"] = "Giả Mạo", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        var forged = await browser.PostAsync(ConsentPaths.PrivacySettings, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "privacy", ["marketing"] = "true", ["reviews"] = "true",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(3, (await LinesOfAsync(email)).Count);
    }

    [Fact]
    public async Task A_guest_checkout_shows_the_notice_and_keeps_a_line_under_its_checkout()
    {
        var client = NewBrowser();
        await StorefrontForms.AddToCartAsync(client, "che-dinh-tan-cuong", 1);
        var fields = await StorefrontForms.CheckoutFieldsAsync(client);
        fields["Input.Name"] = "Khách Lẻ";
        fields["Input.Phone"] = "0987654321";
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "Xóm 2";
        fields["Input.Payment"] = "CashOnDelivery";
        fields["Input.Step"] = "review";
        var review = await StorefrontForms.HtmlAsync(await StorefrontForms.PlaceAsync(client, fields));
        Assert.Contains("Thông báo bảo mật", review.QuerySelector("[data-testid=checkout-privacy]")!.TextContent);

        fields = review.QuerySelector("[data-testid=checkout-form]")!.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Step"] = "place";
        var placed = await StorefrontForms.PlaceAsync(client, fields);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var checkoutId = Guid.Parse(AccountHttpTests.Target(placed).AbsolutePath.Split('/').Last());

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var line = await db.ConsentRecords.SingleAsync(r => r.CheckoutId == checkoutId);
        Assert.Null(line.UserId);
        Assert.Equal(ConsentPurpose.OrderProcessing, line.Purpose);
        Assert.Equal(LegalDocuments.PrivacyNotice.Current.Version, line.DocumentVersion);
    }

    [Fact]
    public async Task A_seeded_seller_whose_registration_nobody_checked_says_so()
    {
        var page = await StorefrontForms.HtmlAsync(await factory.CreateClient().GetAsync("/nha-san-xuat/hop-tac-xa-che-hao-dat"));
        Assert.Equal("Chưa đối chiếu", page.QuerySelector("[data-testid=seller-registration]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=seller-unchecked]"));
    }
}
