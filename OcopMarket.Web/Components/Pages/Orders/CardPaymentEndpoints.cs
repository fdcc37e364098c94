using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Orders;

public static class CardPaymentEndpoints
{
    public const string Path = "/thanh-toan/the";

    public static string WithQuery(string url, string name, string value) =>
        url + (url.Contains('?') ? "&" : "?") + name + "=" + Uri.EscapeDataString(value);

    /// <summary>
    /// Opens (or reopens) Stripe Checkout for a checkout's card orders and sends the buyer there. Stripe brings them
    /// back to the order page with ?the=thanh-cong or ?the=chua-thanh-toan; neither return changes an order.
    /// </summary>
    public static async Task<string> StartAsync(CardPaymentService cards, HttpRequest request, Guid checkoutId, string? token,
        Actor? actor, CancellationToken ct)
    {
        var page = Routes.Base(request) + OrderPaths.BuyerOrder(checkoutId, token);
        return await cards.StartAsync(checkoutId, token, actor,
            successUrl: WithQuery(page, "the", "thanh-cong"), cancelUrl: WithQuery(page, "the", "chua-thanh-toan"), ct);
    }

    /// <summary>POST /thanh-toan/the: the order page's "pay by card" button.</summary>
    public static void MapCardPaymentEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async ([FromForm] Guid checkoutId, [FromForm] string? t,
            HttpContext http, AccountDirectory accounts, CardPaymentService cards, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            try
            {
                return Results.Redirect(await StartAsync(cards, http.Request, checkoutId, t, actor, ct));
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (DomainException e)
            {
                return Results.Redirect(WithQuery(OrderPaths.BuyerOrder(checkoutId, t), "error", Lang.Message(e)));
            }
        });
}
