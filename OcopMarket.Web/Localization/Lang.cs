using System.Globalization;
using Microsoft.AspNetCore.Localization;
using OcopMarket.Core.Common;

namespace OcopMarket.Web.Localization;

/// <summary>
/// Vietnamese first, English second. Each UI string is written in both languages where it is used
/// (<c>T("Giỏ hàng", "Cart")</c>) so a page reads whole in either. The store's pages are in English at their own
/// URLs under <see cref="EnglishPrefix"/> (<c>/en/san-pham/…</c>), so a cached page and a search engine's copy are
/// never in the wrong language; the pages without one (portal, admin, account) follow the visitor's choice, kept in a cookie.
/// </summary>
public static class Lang
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en";

    private static readonly CultureInfo VietnameseCulture = Prepared(Vietnamese);
    private static readonly CultureInfo EnglishCulture = Prepared(English);

    /// <summary>A read-only culture whose formats and comparer are built now, not on some request's first use.</summary>
    private static CultureInfo Prepared(string name)
    {
        var culture = new CultureInfo(name);
        _ = culture.NumberFormat;
        _ = culture.DateTimeFormat;
        _ = culture.CompareInfo;
        _ = culture.TextInfo;
        return CultureInfo.ReadOnly(culture);
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Code => IsEnglish ? "en" : "vi";

    public static string T(string vietnamese, string english) => IsEnglish ? english : vietnamese;

    /// <summary>Core's words for a person (<see cref="UserText"/>), in the visitor's language.</summary>
    public static string T(UserText text) => T(text.Vi, text.En);

    /// <summary>
    /// What to show for a refusal from Core. Only <see cref="UserFacingException"/>s have words for people;
    /// any other exception is a fault of ours and is not shown.
    /// </summary>
    public static string Message(UserFacingException refusal) => T(refusal.Text);

    /// <summary>The path prefix of the English store ("/en/san-pham"); Vietnamese, the default, has none.</summary>
    public const string EnglishPrefix = "/en";

    /// <summary>A store path ("/san-pham/x", "/", "/san-pham?q=tra") in the language of the page being rendered.</summary>
    public static string Href(string path) => IsEnglish ? EnglishUrl(path) : path;

    /// <summary>The English URL of a store path.</summary>
    public static string EnglishUrl(string path) =>
        path == EnglishPrefix || path.StartsWith(EnglishPrefix + "/", StringComparison.Ordinal) ? path : EnglishPrefix + path;

    /// <summary>The Vietnamese (prefix-free) URL of a store path in either language.</summary>
    public static string VietnameseUrl(string path) =>
        path == EnglishPrefix ? "/"
        : path.StartsWith(EnglishPrefix + "/", StringComparison.Ordinal) || path.StartsWith(EnglishPrefix + "?", StringComparison.Ordinal)
            ? (path[EnglishPrefix.Length] == '?' ? "/" + path[EnglishPrefix.Length..] : path[EnglishPrefix.Length..])
            : path;

    /// <summary>
    /// The switch to the other language for a store page given by its Vietnamese path: it remembers the choice (for
    /// the pages without a language in their URL) and opens the same page at its URL in the other language.
    /// </summary>
    public static string SwitchLink(string vietnamesePath) => IsEnglish
        ? $"/language/{Vietnamese}?returnUrl={Uri.EscapeDataString(vietnamesePath)}"
        : $"/language/{English}?returnUrl={Uri.EscapeDataString(EnglishUrl(vietnamesePath))}";

    public static RequestLocalizationOptions LocalizationOptions()
    {
        // The two cultures are built once and read-only. Given names, the options hold writable cultures, which
        // the middleware hands to each request as a fresh read-only copy; a copy made before the culture's number
        // format was first read builds that format anew from ICU on the request's first "{n:N0}" (a tenth of an
        // uncached catalog page's CPU in the bench's profile). A read-only culture is handed on as it is.
        CultureInfo[] cultures = [VietnameseCulture, EnglishCulture];
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(VietnameseCulture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        // The URL first (/en, or a store page without it: Vietnamese), then the visitor's explicit choice; a browser
        // set to English still lands on the Vietnamese shop.
        options.RequestCultureProviders = [new UrlLanguageProvider(), new CookieRequestCultureProvider()];
        return options;
    }
}
