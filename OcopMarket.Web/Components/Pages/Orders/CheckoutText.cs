using System.ComponentModel.DataAnnotations;
using OcopMarket.Core.Text;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>Field names of the checkout form, in the visitor's language.</summary>
public static class CheckoutText
{
    public static string Name => Lang.T("họ tên người nhận", "the recipient's name");
    public static string Phone => Lang.T("số điện thoại di động", "the mobile number");
    public static string Commune => Lang.T("xã, phường", "the commune or ward");
    public static string Street => Lang.T("số nhà, đường", "the street address");
    public static string Note => Lang.T("ghi chú", "the note");
}

/// <summary>A Vietnamese mobile number as people type it ("0912 345 678", "+84 912 345 678").</summary>
public sealed class VietnameseMobileAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string s || string.IsNullOrWhiteSpace(s) || PhoneNumbers.IsVietnameseMobile(s);

    public override string FormatErrorMessage(string name) => string.Format(System.Globalization.CultureInfo.CurrentCulture, ValidationText.Phone, name);
}
