using System.Globalization;
using Microsoft.AspNetCore.Localization;

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
