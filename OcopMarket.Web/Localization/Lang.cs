using System.Globalization;
using Microsoft.AspNetCore.Localization;
using OcopMarket.Core.Common;

namespace OcopMarket.Web.Localization;

/// <summary>
/// Vietnamese first, English second. Each UI string is written in both languages where it is used
/// (<c>T("Giỏ hàng", "Cart")</c>) so a page reads whole in either; the choice lives in a cookie.
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

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Vietnamese)
            .AddSupportedCultures(Vietnamese, English)
            .AddSupportedUICultures(Vietnamese, English);
        // Only the visitor's explicit choice counts; a browser set to English still lands on the Vietnamese shop.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }
}
