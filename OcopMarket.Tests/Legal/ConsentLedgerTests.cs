using System.Text.RegularExpressions;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;

namespace OcopMarket.Tests.Legal;

public sealed class ConsentLedgerTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);

    private static ConsentRecord Line(ConsentPurpose purpose, bool granted, int minutes, string version = "2026-12-01") =>
        new("u1", null, purpose, granted, version, ConsentSource.PrivacySettings, T0.AddMinutes(minutes));

    [Fact]
    public void Silence_is_never_consent()
    {
        var current = ConsentLedger.Current([]);
        Assert.Equal(Enum.GetValues<ConsentPurpose>().Length, current.Count);
        Assert.All(current, c => Assert.False(c.Granted));
        Assert.All(current, c => Assert.Null(c.Version));
    }

    [Fact]
    public void The_last_answer_about_a_purpose_is_where_it_stands()
    {
        var current = ConsentLedger.Current([
            Line(ConsentPurpose.MarketingEmails, true, 0),
            Line(ConsentPurpose.MarketingEmails, false, 5),
            Line(ConsentPurpose.ReviewInvitations, false, 1),
            Line(ConsentPurpose.ReviewInvitations, true, 2),
        ]);
        Assert.False(current.Single(c => c.Purpose == ConsentPurpose.MarketingEmails).Granted);
        var reviews = current.Single(c => c.Purpose == ConsentPurpose.ReviewInvitations);
        Assert.True(reviews.Granted);
        Assert.Equal(T0.AddMinutes(2), reviews.AtUtc);
    }

    [Fact]
    public void Only_marketing_and_review_invitations_can_be_switched()
    {
        Assert.True(ConsentLedger.IsOptional(ConsentPurpose.MarketingEmails));
        Assert.True(ConsentLedger.IsOptional(ConsentPurpose.ReviewInvitations));
        Assert.False(ConsentLedger.IsOptional(ConsentPurpose.OrderProcessing));
        Assert.False(ConsentLedger.IsOptional(ConsentPurpose.TermsOfUse));
        Assert.False(ConsentLedger.IsOptional(ConsentPurpose.SellerRules));
    }

    [Fact]
    public void Terms_accepted_in_an_older_version_must_be_accepted_again()
    {
        var old = ConsentLedger.Current([Line(ConsentPurpose.TermsOfUse, true, 0, version: "2025-01-01")]);
        Assert.True(ConsentLedger.NeedsRenewal(old.Single(c => c.Purpose == ConsentPurpose.TermsOfUse), LegalDocuments.TermsOfUse.Current.Version));
        var current = ConsentLedger.Current([Line(ConsentPurpose.TermsOfUse, true, 0, LegalDocuments.TermsOfUse.Current.Version)]);
        Assert.False(ConsentLedger.NeedsRenewal(current.Single(c => c.Purpose == ConsentPurpose.TermsOfUse), LegalDocuments.TermsOfUse.Current.Version));
        // An optional purpose is never "renewed": a yes under an older notice still stands until withdrawn.
        var marketing = ConsentLedger.Current([Line(ConsentPurpose.MarketingEmails, true, 0, version: "2025-01-01")]);
        Assert.False(ConsentLedger.NeedsRenewal(marketing.Single(c => c.Purpose == ConsentPurpose.MarketingEmails), LegalDocuments.TermsOfUse.Current.Version));
    }

    [Fact]
    public void A_yes_given_under_an_older_privacy_notice_is_told_of_the_new_one_and_a_no_or_the_current_version_is_not()
    {
        var now = LegalDocuments.PrivacyNotice.Current.Version;
        var states = ConsentLedger.Current([Line(ConsentPurpose.MarketingEmails, true, 0, version: "2026-12-01"),
            Line(ConsentPurpose.ReviewInvitations, false, 0, version: "2026-12-01"), Line(ConsentPurpose.OrderProcessing, true, 0, version: now)]);
        Assert.True(ConsentLedger.AgreedUnderOlderVersion(states.Single(c => c.Purpose == ConsentPurpose.MarketingEmails), now));
        Assert.False(ConsentLedger.AgreedUnderOlderVersion(states.Single(c => c.Purpose == ConsentPurpose.ReviewInvitations), now));
        Assert.False(ConsentLedger.AgreedUnderOlderVersion(states.Single(c => c.Purpose == ConsentPurpose.OrderProcessing), now));
        Assert.NotEqual("2026-12-01", now); // the case above is real: the notice moved on since its first version

        // Pointed out for the version's first 60 days, then no longer (nothing to acknowledge, so it would never go).
        var version = LegalDocuments.PrivacyNotice.Current;
        Assert.True(version.IsNew(version.EffectiveFrom.AddDays(LegalDocumentVersion.NewVersionNoticeDays)));
        Assert.False(version.IsNew(version.EffectiveFrom.AddDays(LegalDocumentVersion.NewVersionNoticeDays + 1)));
    }

    [Fact]
    public void A_line_belongs_to_an_account_or_a_checkout()
    {
        Assert.Throws<ArgumentException>(() =>
            new ConsentRecord(null, null, ConsentPurpose.OrderProcessing, true, "2026-12-01", ConsentSource.Checkout, T0));
        Assert.Equal(Guid.Empty, new ConsentRecord(null, Guid.Empty, ConsentPurpose.OrderProcessing, true, "v", ConsentSource.Checkout, T0).CheckoutId);
    }
}

public sealed class LegalDocumentTests
{
    public static TheoryData<string, string, bool> EveryText()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var d in LegalDocuments.All)
            foreach (var v in d.Versions)
                foreach (var english in new[] { false, true })
                    data.Add(d.Path, v.Version, english);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryText))]
    public void Every_version_is_there_in_both_languages_with_every_placeholder_filled(string path, string version, bool english)
    {
        var document = LegalDocuments.All.Single(d => d.Path == path);
        var settings = new LegalSettings { OperatorName = "Công ty TNHH Chợ OCOP", OperatorEmail = "dulieu@cho-ocop.vn" };
        var text = LegalDocuments.Markdown(document, document.Find(version)!, english, settings, LegalLinks.SiteRelative);
        Assert.True(text.Length > 500, $"{path} {version} is too short to be the document");
        Assert.DoesNotMatch(new Regex(@"\{\{[^}]*\}\}"), text);
        if (english) Assert.Contains("The Vietnamese text is the one that binds", text);
        else Assert.Matches("[ạảấầẩẫậắằẳẵặẹẻẽềểễệịọỏốồổỗộớờởỡợụủứừửữựđ]", text); // written in Vietnamese, not a copy of the English
    }

    [Fact]
    public void The_documents_publish_the_operator_and_the_numbers_they_promise()
    {
        var settings = new LegalSettings { OperatorName = "Công ty TNHH Chợ OCOP", OperatorRegistration = "0109999999", ReturnDays = 10, OrderRetentionYears = 10 };
        var rules = LegalDocuments.Markdown(LegalDocuments.OperatingRules, LegalDocuments.OperatingRules.Current, false, settings, LegalLinks.SiteRelative);
        Assert.Contains("Công ty TNHH Chợ OCOP", rules);
        Assert.Contains("0109999999", rules);
        Assert.Contains("[Chính sách đổi trả](/chinh-sach-doi-tra)", rules);
        var returns = LegalDocuments.Markdown(LegalDocuments.ReturnsPolicy, LegalDocuments.ReturnsPolicy.Current, false, settings, LegalLinks.SiteRelative);
        Assert.Contains("10 ngày", returns);
        var privacy = LegalDocuments.Markdown(LegalDocuments.PrivacyNotice, LegalDocuments.PrivacyNotice.Current, true, settings, LegalLinks.SiteRelative);
        Assert.Contains("kept 10 years", privacy);
        Assert.Contains("(/tai-khoan/quyen-rieng-tu)", privacy);
    }

    [Fact]
    public void Versions_are_named_by_their_effective_date_in_order()
    {
        foreach (var document in LegalDocuments.All)
        {
            Assert.All(document.Versions, v => Assert.Equal(v.EffectiveFrom.ToString("yyyy-MM-dd"), v.Version));
            Assert.Equal(document.Versions.OrderBy(v => v.EffectiveFrom), document.Versions);
        }
    }

    [Fact]
    public void The_demo_operator_is_known_and_bad_numbers_are_refused()
    {
        Assert.True(new LegalSettings().IsDemoOperator);
        Assert.Empty(new LegalSettings().Problems());
        var problems = new LegalSettings { OperatorEmail = " ", ReturnDays = 0 }.Problems().ToList();
        Assert.Contains(problems, p => p.StartsWith("Legal:OperatorEmail"));
        Assert.Contains(problems, p => p.StartsWith("Legal:ReturnDays"));
    }
}
