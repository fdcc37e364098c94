using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Domain;
using OcopMarket.Core.Services.Orders;
using OcopMarket.Web.Components.Account;

namespace OcopMarket.Web.Components.Pages.Orders;

public static class BuyerOrderEndpoints
{
    /// <summary>POST /don-hang/huy: the buyer cancels one order before it ships, from the order page's form.</summary>
    public static void MapBuyerOrderEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/don-hang/huy", async ([FromForm] Guid checkoutId, [FromForm] int orderId, [FromForm] string? t,
            HttpContext http, AccountDirectory accounts, OrderQueryService orders, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            var back = $"/don-hang/{checkoutId}" + (string.IsNullOrEmpty(t) ? "" : $"?t={Uri.EscapeDataString(t)}");
            try
            {
                await orders.CancelByBuyerAsync(checkoutId, orderId, t, actor, ct);
                return Results.Redirect(back + (back.Contains('?') ? "&" : "?") + "cancelled=" + orderId);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (DomainException e)
            {
                return Results.Redirect(back + (back.Contains('?') ? "&" : "?") + "error=" + Uri.EscapeDataString(e.Message));
            }
        });
}
