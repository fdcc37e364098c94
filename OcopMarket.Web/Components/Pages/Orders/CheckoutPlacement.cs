using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>
/// The "place order" post of a cash-on-delivery checkout, placed before the checkout page is drawn.
/// </summary>
/// <remarks>
/// Blazor dispatches a form post to its handler only after it has drawn the whole page once: the layout, the order
/// summary and the form with its province and commune lists, with the cart view and the transfer check read for it.
/// When the order is placed that drawing is thrown away for a redirect; in a sale's rush it was most of a post's CPU
/// (bench/README.md, "Checkout: the order placed before the page is drawn"). So a post that is plainly valid (the
/// antiforgery token checked, every field valid, cash on delivery, a commune of the province) is placed here and
/// redirected to the order page at once. Anything else goes on to the page exactly as before: invalid fields, other
/// payments (the transfer check and Stripe), an empty cart. A refusal from the checkout itself (sold out, a price
/// changed, a cap) is handed to the page (<see cref="RefusalOf"/>), which draws the form with it without trying again,
/// so the buyer sees the same page, with what they typed, as when the page placed the order itself.
/// </remarks>
public static class CheckoutPlacement
{
    private static readonly object RefusalKey = new();

    /// <summary>Runs after the abuse limits and the antiforgery check, before the endpoint.</summary>
    public static IApplicationBuilder UseCheckoutPlacement(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!IsPlaceOrderPost(http) || await PlainCashOnDeliveryAsync(http) is not { } input)
        {
            await next(http);
            return;
        }
        var services = http.RequestServices;
        var store = services.GetRequiredService<CartStore>();
        var cart = store.Read(http);
        if (cart.Items.Count == 0)
        {
            await next(http); // the page says the cart is empty
            return;
        }
        PlacedCheckout placed;
        try
        {
            placed = await services.GetRequiredService<CheckoutService>().PlaceAsync(CheckoutPage.RequestFor(http, cart, input, input.ProvinceCode));
            // No cancellation, as the page placed it: a buyer who closes the tab mid-commit still gets the order they
            // were told about on retry, never a half-known one.
        }
        catch (DomainException refusal)
        {
            http.Items[RefusalKey] = refusal;
            await next(http);
            return;
        }
        await store.SaveAsync(http, new Cart()); // the account's saved cart too: not to be skipped by an abort after the commit
        // The link holds the guest's secret: as the page's answers, never stored by a browser or a proxy.
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers.Pragma = "no-cache";
        // Relative: the browser (and blazor.web.js's fetch of an enhanced form post) follows it on the site's own origin.
        http.Response.Redirect(Lang.Href(OrderPaths.BuyerOrder(placed.CheckoutId, placed.AccessToken)));
    });

    /// <summary>The checkout's refusal of this post, when it was tried before the page: the page shows it instead of placing again.</summary>
    public static DomainException? RefusalOf(HttpContext http) => http.Items.TryGetValue(RefusalKey, out var refusal) ? refusal as DomainException : null;

    private static bool IsPlaceOrderPost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        // The checkout page's own endpoint, whatever the address's spelling (case, a trailing slash, /en).
        && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(CheckoutPage)
        // Only a post whose token the antiforgery middleware accepted (asked before the content type, which reads the
        // form feature: it throws for a form whose token failed); the page answers any other as it always has.
        && http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
        && http.Request.HasFormContentType;

    /// <summary>The form's fields when it is the checkout form's "place" button, for cash on delivery, every field valid.</summary>
    private static async Task<CheckoutPage.CheckoutInput?> PlainCashOnDeliveryAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted); // kept by the request: the page reads the same form
        if (form["_handler"] != "checkout" || form["Input.Step"] != "place" || form["Input.Payment"] != nameof(PaymentMethod.CashOnDelivery))
            return null;
        // A field sent twice is bound by the page from its first value, and checked only as that; the page decides it.
        if (form.Any(f => f.Value.Count > 1 && (f.Key == "_handler" || f.Key.StartsWith("Input.", StringComparison.Ordinal)))) return null;
        string? Field(string name) => form.TryGetValue(name, out var v) ? v[0] : null;
        var input = new CheckoutPage.CheckoutInput
        {
            Name = Field("Input.Name") ?? "",
            Phone = Field("Input.Phone") ?? "",
            Email = Field("Input.Email"),
            CommuneCode = NullIfEmpty(Field("Input.CommuneCode")),
            Street = Field("Input.Street") ?? "",
            Note = Field("Input.Note"),
            ProvinceCode = Field("Input.ProvinceCode"),
            Payment = PaymentMethod.CashOnDelivery,
            Step = "place",
        };
        if (!Validator.TryValidateObject(input, new ValidationContext(input), null, validateAllProperties: true)) return null;
        // The page's own checks before it places: a real province, and a commune of it.
        if (!ReferenceData.Provinces.Any(p => p.Code == input.ProvinceCode)) return null;
        if (!ReferenceData.Communes.Any(c => c.Code == input.CommuneCode && c.ProvinceCode == input.ProvinceCode)) return null;
        return input;
    }

    // An empty commune is none (the page binds it as an empty string; [Required] refuses both alike).
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
