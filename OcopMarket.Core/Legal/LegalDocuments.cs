using System.Collections.Concurrent;
using System.Globalization;
using OcopMarket.Core.Common;
using OcopMarket.Core.Legal.Domain;

namespace OcopMarket.Core.Legal;

public enum LegalDocumentKind
{
    /// <summary>Quy chế hoạt động: what a marketplace must publish (Decree 52/2013 Art. 38; Law on E-commerce 2025).</summary>
    OperatingRules,
    TermsOfUse,
    ReturnsPolicy,
    /// <summary>Thông báo bảo mật: what is processed, why, how long, who receives it, and the rights (Law 91/2025/QH15).</summary>
    PrivacyNotice,
}

/// <param name="Version">The version's name, its effective date as yyyy-MM-dd: what consent records name.</param>
public sealed record LegalDocumentVersion(string Version, DateOnly EffectiveFrom, UserText Changes)
{
    /// <summary>How long a page tells people who agreed under an older version that this one exists.</summary>
    public const int NewVersionNoticeDays = 60;

    /// <summary>Whether <paramref name="today"/> (Vietnam's day) is still within the days the new version is pointed out.</summary>
    public bool IsNew(DateOnly today) => today <= EffectiveFrom.AddDays(NewVersionNoticeDays);
}

/// <summary>A published document: every version stays readable, the last one is in force.</summary>
public sealed record LegalDocument(LegalDocumentKind Kind, string Path, UserText Title, IReadOnlyList<LegalDocumentVersion> Versions)
{
    public LegalDocumentVersion Current => Versions[^1];

    public LegalDocumentVersion? Find(string? version) => Versions.FirstOrDefault(v => v.Version == version);
}

/// <summary>
/// The published documents and their versions. Each version's text is an embedded Markdown file per language
/// (Texts/{slug}.{version}.{vi|en}.md); a new version is a new pair of files and a line here, never an edit of an
/// old one, so what someone accepted stays readable word for word.
/// </summary>
public static class LegalDocuments
{
    private static readonly LegalDocumentVersion First = new("2026-12-01", new DateOnly(2026, 12, 1),
        new("Bản đầu tiên.", "First version."));

    private static readonly LegalDocumentVersion SelfServiceRights = new("2026-12-02", new DateOnly(2026, 12, 2),
        new("Tự sửa và tự xoá dữ liệu trong tài khoản; những gì được giữ lại, bao lâu, ở dạng nào; hạn xử lý yêu cầu của cán bộ.",
            "Correcting and deleting one's data oneself; what is kept, for how long and in what form; the officers' time to handle a request."));

    public static readonly LegalDocument OperatingRules = new(LegalDocumentKind.OperatingRules, "/quy-che-hoat-dong",
        new("Quy chế hoạt động", "Operating rules"), [First]);
    public static readonly LegalDocument TermsOfUse = new(LegalDocumentKind.TermsOfUse, "/dieu-khoan-su-dung",
        new("Điều khoản sử dụng", "Terms of use"), [First]);
    /// <summary>
    /// Complaints move from an email to the operator into the app: opened on the order page, answered by the producer in
    /// the portal, decided by an officer (Law on E-commerce 122/2025/QH15; Decree 52/2013 Art. 36 as amended by Decree
    /// 85/2021: the marketplace receives and handles complaints).
    /// </summary>
    private static readonly LegalDocumentVersion ComplaintsInTheApp = new("2026-12-02", new DateOnly(2026, 12, 2),
        new("Khiếu nại ngay trên trang đơn hàng: hạn trả lời theo ngày làm việc, chuyển cán bộ khi quá hạn, báo cáo nhãn nghi giả.",
            "Complaints from the order page: the answer deadline in working days, an officer when it passes, reporting a label that looks forged."));

    public static readonly LegalDocument ReturnsPolicy = new(LegalDocumentKind.ReturnsPolicy, "/chinh-sach-doi-tra",
        new("Chính sách đổi trả", "Returns policy"), [First, ComplaintsInTheApp]);
    public static readonly LegalDocument PrivacyNotice = new(LegalDocumentKind.PrivacyNotice, "/chinh-sach-bao-mat",
        new("Thông báo bảo mật dữ liệu cá nhân", "Privacy notice"), [First, SelfServiceRights]);

    public static IReadOnlyList<LegalDocument> All { get; } = [OperatingRules, TermsOfUse, ReturnsPolicy, PrivacyNotice];

    public static LegalDocument Get(LegalDocumentKind kind) => All.Single(d => d.Kind == kind);

    /// <summary>The document a consent purpose is described in, whose version each line of the ledger records.</summary>
    public static LegalDocument Of(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.TermsOfUse => TermsOfUse,
        ConsentPurpose.SellerRules => OperatingRules,
        _ => PrivacyNotice,
    };

    private static readonly ConcurrentDictionary<string, string> Texts = new();

    /// <summary>The version's Markdown in one language, with the operator's details and the settings' numbers filled in.</summary>
    public static string Markdown(LegalDocument document, LegalDocumentVersion version, bool english, LegalSettings settings, LegalLinks links)
    {
        var name = $"OcopMarket.Core.Legal.Texts.{Slug(document.Kind)}.{version.Version}.{(english ? "en" : "vi")}.md";
        var raw = Texts.GetOrAdd(name, static n =>
        {
            using var stream = typeof(LegalDocuments).Assembly.GetManifestResourceStream(n)
                ?? throw new InvalidOperationException($"The legal text {n} is not embedded.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
        return Fill(raw, settings, links);
    }

    internal static string Slug(LegalDocumentKind kind) => kind switch
    {
        LegalDocumentKind.OperatingRules => "operating-rules",
        LegalDocumentKind.TermsOfUse => "terms-of-use",
        LegalDocumentKind.ReturnsPolicy => "returns-policy",
        LegalDocumentKind.PrivacyNotice => "privacy-notice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every {{placeholder}} the texts use; one left unfilled is a bug the tests catch.</summary>
    internal static string Fill(string markdown, LegalSettings s, LegalLinks links)
    {
        var values = new Dictionary<string, string>
        {
            ["operator.name"] = s.OperatorName,
            ["operator.registration"] = s.OperatorRegistration,
            ["operator.address"] = s.OperatorAddress,
            ["operator.email"] = s.OperatorEmail,
            ["operator.phone"] = s.OperatorPhone,
            ["retention.orders"] = s.OrderRetentionYears.ToString(CultureInfo.InvariantCulture),
            ["retention.producerDays"] = s.ProducerContactDays.ToString(CultureInfo.InvariantCulture),
            ["returns.days"] = s.ReturnDays.ToString(CultureInfo.InvariantCulture),
            ["complaints.days"] = s.ComplaintAnswerDays.ToString(CultureInfo.InvariantCulture),
            ["requests.days"] = s.DataRequestDays.ToString(CultureInfo.InvariantCulture),
            ["link.rules"] = links.Rules,
            ["link.returns"] = links.Returns,
            ["link.notice"] = links.PrivacyNotice,
            ["link.privacy"] = links.PrivacySettings,
        };
        foreach (var (key, value) in values) markdown = markdown.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        return markdown;
    }
}

/// <summary>Where the documents point people: absolute or site-relative addresses, as the page that shows them chooses.</summary>
public sealed record LegalLinks(string Rules, string Returns, string PrivacyNotice, string PrivacySettings)
{
    public static readonly LegalLinks SiteRelative = new(LegalDocuments.OperatingRules.Path, LegalDocuments.ReturnsPolicy.Path,
        LegalDocuments.PrivacyNotice.Path, ConsentPaths.PrivacySettings);
}
