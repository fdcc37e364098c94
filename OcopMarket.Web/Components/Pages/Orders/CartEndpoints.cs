using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>
/// Cart changes are plain form posts (no circuit): add from a product page, change a quantity, remove a line.
/// Each answers with a redirect, so reloading the page never posts twice.
/// </summary>
public static class CartEndpoints
{
    public const string Path = Routes.Cart;

    public static void MapCartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path + "/them", async ([FromForm] int productId, [FromForm] int? quantity, HttpContext http,
            CartStore store, CartService carts, CancellationToken ct) =>
        {
            var offer = await carts.OfferAsync(productId, ct);
            if (offer is not { } o) return Results.Redirect(Path + "?error=unavailable");
            var cart = store.Read(http);
            try
            {
                cart.Add(productId, Math.Max(1, quantity ?? 1), o.PriceVnd, o.Stock);
            }
            catch (DomainException)
            {
                // Cart.Add refuses a sold-out product or a full cart; the cart page words each in the visitor's language.
                return Results.Redirect(Path + (o.Stock <= 0 ? "?error=stock" : "?error=full"));
            }
            await store.SaveAsync(http, cart, ct);
            return Results.Redirect(Path + "?added=" + productId);
        });

        app.MapPost(Path + "/cap-nhat", async ([FromForm] int productId, [FromForm] int quantity, HttpContext http,
            CartStore store, CartService carts, CancellationToken ct) =>
        {
            var cart = store.Read(http);
            var offer = await carts.OfferAsync(productId, ct);
            if (offer is { } o) cart.Set(productId, quantity, o.PriceVnd, o.Stock);
            else cart.Remove(productId);
            await store.SaveAsync(http, cart, ct);
            return Results.Redirect(Path);
        });

        app.MapPost(Path + "/xoa", async ([FromForm] int productId, HttpContext http, CartStore store, CancellationToken ct) =>
        {
            var cart = store.Read(http);
            cart.Remove(productId);
            await store.SaveAsync(http, cart, ct);
            return Results.Redirect(Path);
        });
    }
}
