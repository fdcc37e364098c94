using System.Text;
using OcopMarket.Core.Orders;

namespace OcopMarket.Web.Components.Pages.Orders;

public static class StripeWebhookEndpoints
{
    /// <summary>Stripe's events are a few kilobytes; anything far larger is not from Stripe.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// POST /stripe/webhook: Stripe's signed events. 200 for anything handled, already handled or ignored; 400 for what
    /// is not provably from Stripe; 500 when applying it failed, so Stripe delivers it again later.
    /// </summary>
    public static void MapStripeWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/stripe/webhook", async (HttpContext http, CardPaymentService cards, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var log = loggers.CreateLogger("StripeWebhook");
            // Every answer carries a body: a bare error status would be re-executed as the HTML "not found" page.
            var tooLarge = Results.Json(new { error = "Body too large." }, statusCode: StatusCodes.Status413PayloadTooLarge);
            if (http.Request.ContentLength > MaxBodyBytes) return tooLarge;
            var json = await ReadBodyAsync(http.Request, ct);
            if (json is null) return tooLarge;
            try
            {
                var outcome = await cards.HandleWebhookAsync(json, http.Request.Headers["Stripe-Signature"], ct);
                return Results.Ok(new { outcome = outcome.ToString() });
            }
            catch (WebhookRejectedException e)
            {
                log.LogWarning(e.InnerException, "Stripe webhook rejected: {Reason}", e.Message);
                return Results.BadRequest(new { error = e.Message });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Stripe webhook could not be applied; Stripe will deliver it again");
                return Results.Json(new { error = "Not applied; deliver again." }, statusCode: StatusCodes.Status500InternalServerError);
            }
        }).DisableAntiforgery();

    /// <summary>The raw body exactly as sent (the signature covers its bytes), or null past the size limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
