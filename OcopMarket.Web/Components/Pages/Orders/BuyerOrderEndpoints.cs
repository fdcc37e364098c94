using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Orders;

public static class BuyerOrderEndpoints
{
    /// <summary>POST /don-hang/huy: the buyer cancels one order before it ships, from the order page's form.</summary>
    public static void MapBuyerOrderEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost(OrderPaths.BuyerCancel, async ([FromForm] Guid checkoutId, [FromForm] int orderId, [FromForm] string? t,
            HttpContext http, AccountDirectory accounts, OrderQueryService orders, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            var back = OrderPaths.BuyerOrder(checkoutId, t);
            try
            {
                await orders.CancelByBuyerAsync(checkoutId, orderId, t, actor, ct);
                return Results.Redirect(CardPaymentEndpoints.WithQuery(back, "cancelled", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (DomainException e)
            {
                return Results.Redirect(CardPaymentEndpoints.WithQuery(back, "error", Lang.Message(e)));
            }
        });
}
