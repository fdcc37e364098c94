using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Webhooks.Domain;

namespace OcopMarket.Core.Webhooks;

/// <summary>
/// Posts the due deliveries, each claimed first (one conditional UPDATE of its row, as the email outbox does), so
/// with several nodes on one database each delivery is attempted by one of them at a time. A 2xx answer delivers it;
/// anything else (another status, a timeout, a refused address) is recorded and retried with back-off.
/// </summary>
public sealed class WebhookSender(IDbContextFactory<OcopDbContext> dbFactory, HttpClient http, TimeProvider clock, ILogger<WebhookSender> logger)
{
    /// <summary>Longer than a delivery can take (<see cref="WebhookHttp.Timeout"/>), short enough that a crashed node's claim frees soon.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public const string EventIdHeader = "Ocop-Event-Id";
    public const string EventTypeHeader = "Ocop-Event-Type";

    private readonly string _senderId = Common.ClaimOwner.NewId(WebhookDelivery.ClaimedByMaxLength);

    /// <returns>How many deliveries were delivered in this run.</returns>
    public async Task<int> SendDueAsync(int batch = 50, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Set<WebhookDelivery>()
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.Id).Select(d => d.Id).Take(batch).ToListAsync(ct);
        var delivered = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(db, id, ct) is not { } delivery) continue; // another sender has it
            var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, ct);
            if (endpoint.DeletedAt is not null)
            {
                delivery.MarkFailed(null, "Địa chỉ đã bị xoá / The endpoint was deleted", clock.GetUtcNow().UtcDateTime);
                delivery.GiveUp();
            }
            else
            {
                var (status, error) = await PostAsync(endpoint, delivery, ct);
                if (error is null)
                {
                    delivery.MarkDelivered(status!.Value, clock.GetUtcNow().UtcDateTime);
                    delivered++;
                }
                else
                {
                    logger.LogInformation("Webhook delivery {Id} to endpoint {Endpoint} failed: {Error}", delivery.Id, endpoint.Id, error);
                    delivery.MarkFailed(status, error, clock.GetUtcNow().UtcDateTime);
                }
            }
            await db.SaveChangesAsync(ct); // after each one: a crash mid-batch repeats at most the one in flight
        }
        return delivered;
    }

    /// <returns>The receiver's status (null when there was no answer) and, unless it was a 2xx, why it failed.</returns>
    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("OcopMarket-Webhooks", "1"));
        request.Headers.Add(EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(EventTypeHeader, delivery.EventType);
        // Signed at send time, so the timestamp a receiver checks is fresh on every retry.
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(endpoint.Secret, clock.GetUtcNow(), delivery.Payload));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null)
                : (status, $"HTTP {status}{((int)response.StatusCode is >= 300 and < 400 ? " (chuyển hướng không được theo / redirects are not followed)" : "")}");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            return (null, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"Không trả lời trong {WebhookHttp.Timeout.TotalSeconds:0} giây / No answer within {WebhookHttp.Timeout.TotalSeconds:0} s");
        }
    }

    private async Task<WebhookDelivery?> ClaimAsync(OcopDbContext db, long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimLease;
        var claimed = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == id && d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedUntil, until).SetProperty(d => d.ClaimedBy, _senderId), ct);
        return claimed == 1 ? await db.Set<WebhookDelivery>().SingleAsync(d => d.Id == id, ct) : null;
    }
}
