using Microsoft.Extensions.Configuration;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Orders;

/// <summary>
/// The "Checkout" section as operators write it: ShippingFlatFee and FreeShippingFrom (đồng; 0 turns free
/// shipping off) and PaymentWindowHours. Anything missing keeps its default; anything nonsensical stops start-up.
/// </summary>
public sealed class CheckoutSettings : IValidatedSettings
{
    public const string Section = "Checkout";

    public long ShippingFlatFee { get; set; } = 30_000;
    public long FreeShippingFrom { get; set; } = 500_000;
    public int PaymentWindowHours { get; set; } = 24;

    public IEnumerable<string> Problems()
    {
        if (ShippingFlatFee < 0) yield return $"Checkout:ShippingFlatFee must be a whole, non-negative number (got {ShippingFlatFee}).";
        if (FreeShippingFrom < 0) yield return $"Checkout:FreeShippingFrom must be a whole, non-negative number (got {FreeShippingFrom}).";
        if (PaymentWindowHours is < 1 or > 24 * 14) yield return $"Checkout:PaymentWindowHours must be between 1 and 336 (got {PaymentWindowHours}).";
    }
}

/// <summary>Checkout rules as the checkout uses them: the operators' settings, and whether cards are taken.</summary>
public sealed record CheckoutOptions(ShippingPolicy Shipping, TimeSpan PaymentWindow, bool CardPaymentsEnabled)
{
    public static readonly CheckoutOptions Default = Of(new CheckoutSettings(), cardPaymentsEnabled: false);

    public static CheckoutOptions Of(CheckoutSettings settings, bool cardPaymentsEnabled) => new(
        new ShippingPolicy(settings.ShippingFlatFee, settings.FreeShippingFrom == 0 ? null : settings.FreeShippingFrom),
        TimeSpan.FromHours(settings.PaymentWindowHours), cardPaymentsEnabled);

    public static CheckoutOptions From(IConfiguration configuration, bool cardPaymentsEnabled) =>
        Of(SettingsServiceCollectionExtensions.Read<CheckoutSettings>(configuration, CheckoutSettings.Section), cardPaymentsEnabled);
}
