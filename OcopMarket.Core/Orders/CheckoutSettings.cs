using Microsoft.Extensions.Configuration;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Orders;

/// <summary>
/// The "Checkout" section as operators write it: ShippingFlatFee and FreeShippingFrom (đồng; 0 turns free
/// shipping off) and PaymentWindowHours; and the limits that keep one visitor from reserving the whole shop with
/// orders that cost nothing to place: CodConfirmationHours, MaxQuantityPerLine, MaxQuantityPerCheckout,
/// MaxUnconfirmedCodCheckoutsPerPhone and MaxUnconfirmedCodCheckoutsPerIp. Anything missing keeps its default;
/// anything nonsensical stops start-up.
/// </summary>
public sealed class CheckoutSettings : IValidatedSettings
{
    public const string Section = "Checkout";

    public long ShippingFlatFee { get; set; } = 30_000;
    public long FreeShippingFrom { get; set; } = 500_000;
    public int PaymentWindowHours { get; set; } = 24;

    /// <summary>How long a cash-on-delivery order holds its stock waiting for the producer to confirm it.</summary>
    public int CodConfirmationHours { get; set; } = 48;

    public int MaxQuantityPerLine { get; set; } = 20;
    public int MaxQuantityPerCheckout { get; set; } = 50;

    /// <summary>Checkouts (not orders: one checkout makes an order per producer) still waiting for a shop's confirmation.</summary>
    public int MaxUnconfirmedCodCheckoutsPerPhone { get; set; } = 3;

    /// <summary>Higher than per phone: a family, an office or a mobile carrier's shared address may be behind one IP.</summary>
    public int MaxUnconfirmedCodCheckoutsPerIp { get; set; } = 5;

    public IEnumerable<string> Problems()
    {
        if (ShippingFlatFee < 0) yield return $"Checkout:ShippingFlatFee must be a whole, non-negative number (got {ShippingFlatFee}).";
        if (FreeShippingFrom < 0) yield return $"Checkout:FreeShippingFrom must be a whole, non-negative number (got {FreeShippingFrom}).";
        if (PaymentWindowHours is < 1 or > 24 * 14) yield return $"Checkout:PaymentWindowHours must be between 1 and 336 (got {PaymentWindowHours}).";
        if (CodConfirmationHours is < 1 or > 24 * 14) yield return $"Checkout:CodConfirmationHours must be between 1 and 336 (got {CodConfirmationHours}).";
        if (MaxQuantityPerLine < 1) yield return $"Checkout:MaxQuantityPerLine must be at least 1 (got {MaxQuantityPerLine}).";
        if (MaxQuantityPerCheckout < MaxQuantityPerLine)
            yield return $"Checkout:MaxQuantityPerCheckout must be at least MaxQuantityPerLine ({MaxQuantityPerLine}) (got {MaxQuantityPerCheckout}).";
        if (MaxUnconfirmedCodCheckoutsPerPhone < 1)
            yield return $"Checkout:MaxUnconfirmedCodCheckoutsPerPhone must be at least 1 (got {MaxUnconfirmedCodCheckoutsPerPhone}).";
        if (MaxUnconfirmedCodCheckoutsPerIp < 1)
            yield return $"Checkout:MaxUnconfirmedCodCheckoutsPerIp must be at least 1 (got {MaxUnconfirmedCodCheckoutsPerIp}).";
    }
}

/// <summary>What one visitor may reserve: per line and per checkout, and how many unconfirmed COD checkouts per phone and per IP.</summary>
public sealed record HoardingLimits(int MaxQuantityPerLine, int MaxQuantityPerCheckout, int MaxUnconfirmedCodCheckoutsPerPhone,
    int MaxUnconfirmedCodCheckoutsPerIp);

/// <summary>Checkout rules as the checkout uses them: the operators' settings, and whether cards are taken.</summary>
public sealed record CheckoutOptions(ShippingPolicy Shipping, TimeSpan PaymentWindow, bool CardPaymentsEnabled)
{
    public TimeSpan CodConfirmationWindow { get; init; } = TimeSpan.FromHours(new CheckoutSettings().CodConfirmationHours);

    public HoardingLimits Limits { get; init; } = LimitsOf(new CheckoutSettings());

    public static readonly CheckoutOptions Default = Of(new CheckoutSettings(), cardPaymentsEnabled: false);

    public static CheckoutOptions Of(CheckoutSettings settings, bool cardPaymentsEnabled) => new(
        new ShippingPolicy(settings.ShippingFlatFee, settings.FreeShippingFrom == 0 ? null : settings.FreeShippingFrom),
        TimeSpan.FromHours(settings.PaymentWindowHours), cardPaymentsEnabled)
    {
        CodConfirmationWindow = TimeSpan.FromHours(settings.CodConfirmationHours),
        Limits = LimitsOf(settings),
    };

    private static HoardingLimits LimitsOf(CheckoutSettings settings) => new(settings.MaxQuantityPerLine, settings.MaxQuantityPerCheckout,
        settings.MaxUnconfirmedCodCheckoutsPerPhone, settings.MaxUnconfirmedCodCheckoutsPerIp);

    public static CheckoutOptions From(IConfiguration configuration, bool cardPaymentsEnabled) =>
        Of(SettingsServiceCollectionExtensions.Read<CheckoutSettings>(configuration, CheckoutSettings.Section), cardPaymentsEnabled);
}
