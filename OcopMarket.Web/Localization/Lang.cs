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
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Vietnamese)
            .AddSupportedCultures(Vietnamese, English)
            .AddSupportedUICultures(Vietnamese, English);
        // The URL first (/en, or a store page without it: Vietnamese), then the visitor's explicit choice; a browser
        // set to English still lands on the Vietnamese shop.
        options.RequestCultureProviders = [new UrlLanguageProvider(), new CookieRequestCultureProvider()];
        return options;
    }
}
