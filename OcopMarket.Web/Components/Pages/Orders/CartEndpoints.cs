using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>
/// Cart changes are plain form posts (no circuit): add from a product page, change a quantity, remove a line.
/// Each answers with a redirect, so reloading the page never posts twice. The fields are read as text and parsed
/// here: a quantity a person typed wrong ("abc", "-5") comes back to the cart with a message instead of the
/// framework's 400 page, and one larger than the stock is added as far as it goes and said so.
/// </summary>
public static class CartEndpoints
{
    public const string Path = Routes.Cart;

    /// <summary>The cart page's notice for a quantity that is not a whole number of at least 1.</summary>
    public const string QuantityError = "quantity";

    public static void MapCartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path + "/them", async ([FromForm] string? productId, [FromForm] string? quantity, HttpContext http,
            CartStore store, CartService carts, CancellationToken ct) =>
        {
            if (ParseProductId(productId) is not { } id) return BackToCart(http, "?error=unavailable");
            if (ParseQuantity(quantity, whenBlank: 1) is not ({ } wanted and > 0)) return BackToCart(http, "?error=" + QuantityError);
            var offer = await carts.OfferAsync(id, ct);
            if (offer is not { } o) return BackToCart(http, "?error=unavailable");
            var cart = store.Read(http);
            var before = cart.Items.FirstOrDefault(i => i.ProductId == id)?.Quantity ?? 0;
            int inCart;
            try
            {
                inCart = cart.Add(id, wanted, o.PriceVnd, o.Stock);
            }
            catch (DomainException)
            {
                // Cart.Add refuses a sold-out product or a full cart; the cart page words each in the visitor's language.
                return BackToCart(http, o.Stock <= 0 ? "?error=stock" : "?error=full");
            }
            await store.SaveAsync(http, cart, ct);
            var added = "?added=" + id.ToString(CultureInfo.InvariantCulture);
            return BackToCart(http, (long)before + wanted > inCart ? added + "&limited=" + inCart.ToString(CultureInfo.InvariantCulture) : added);
        })
            // Posted from cached pages that are the same for everyone, so without an antiforgery token: the browser's
            // own Sec-Fetch-Site / Origin headers tell a cross-site post instead (CrossSitePosts).
            .DisableAntiforgery()
            .RefuseCrossSite();

        app.MapPost(Path + "/cap-nhat", async ([FromForm] string? productId, [FromForm] string? quantity, HttpContext http,
            CartStore store, CartService carts, CancellationToken ct) =>
        {
            if (ParseProductId(productId) is not { } id) return BackToCart(http);
            // 0 removes the line (the field's minimum); below that, or not a number, changes nothing and says why.
            if (ParseQuantity(quantity, whenBlank: null) is not ({ } wanted and >= 0)) return BackToCart(http, "?error=" + QuantityError);
            var cart = store.Read(http);
            var offer = await carts.OfferAsync(id, ct);
            if (offer is { } o) cart.Set(id, wanted, o.PriceVnd, o.Stock);
            else cart.Remove(id);
            await store.SaveAsync(http, cart, ct);
            var inCart = cart.Items.FirstOrDefault(i => i.ProductId == id)?.Quantity ?? 0;
            return BackToCart(http, offer is not null && wanted > 0 && inCart < wanted
                ? "?limited=" + inCart.ToString(CultureInfo.InvariantCulture)
                : "");
        });

        app.MapPost(Path + "/xoa", async ([FromForm] string? productId, HttpContext http, CartStore store, CancellationToken ct) =>
        {
            if (ParseProductId(productId) is not { } id) return BackToCart(http);
            var cart = store.Read(http);
            cart.Remove(id);
            await store.SaveAsync(http, cart, ct);
            return BackToCart(http);
        });
    }

    /// <summary>The cart page, with a notice in its query, at the path base the form was posted to (/en for English).</summary>
    private static IResult BackToCart(HttpContext http, string query = "") => Results.Redirect(http.Request.PathBase + Path + query);

    internal static int? ParseProductId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>
    /// A quantity as typed: a whole number (a sign allowed, so "-5" is read and refused as below 1, not as a typo);
    /// digits too many for an int are "as many as there are", which the stock then bounds. Anything else is null.
    /// </summary>
    internal static int? ParseQuantity(string? value, int? whenBlank)
    {
        if (string.IsNullOrWhiteSpace(value)) return whenBlank;
        var text = value.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity)) return quantity;
        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit)) return text.StartsWith('-') ? int.MinValue : Cart.MaxQuantityPerLine;
        return null;
    }
}
