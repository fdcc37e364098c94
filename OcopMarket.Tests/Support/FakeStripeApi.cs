using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Web.Components.Pages;

namespace OcopMarket.Tests.Support;

/// <summary>A session as the fake Stripe holds it, with the form fields Stripe.net sent to create it.</summary>
public sealed class FakeCheckoutSession
{
    public required string Id { get; init; }
    public required IReadOnlyDictionary<string, string> Form { get; init; }
    public string Status { get; set; } = "open";
    public string PaymentStatus { get; set; } = "unpaid";
    public string? PaymentIntentId { get; set; }

    public long AmountTotal
    {
        get
        {
            long total = 0;
            for (var i = 0; Form.ContainsKey($"line_items[{i}][quantity]"); i++)
                total += long.Parse(Form[$"line_items[{i}][price_data][unit_amount]"], CultureInfo.InvariantCulture)
                         * long.Parse(Form[$"line_items[{i}][quantity]"], CultureInfo.InvariantCulture);
            return total;
        }
    }
}

public sealed record FakeRefund(string Id, string PaymentIntentId, long Amount, string? IdempotencyKey, string? Order);

/// <summary>
/// Just enough of the Stripe API on a loopback port for the real Stripe.net client: create, read and expire
/// Checkout Sessions, create refunds (with idempotency keys, never more than was charged). It checks the secret
/// key like Stripe does. For the browser it serves a tiny hosted "checkout page" whose Pay button completes the
/// session, delivers a signed <c>checkout.session.completed</c> webhook to the shop and returns to its success URL.
/// </summary>
public sealed class FakeStripeApi : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_ocopmarket";
    public const string WebhookSecret = "whsec_fake_ocopmarket_signing_secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeCheckoutSession> _sessions = new();
    private readonly ConcurrentDictionary<string, FakeRefund> _refundsByKey = new();
    private readonly ConcurrentQueue<FakeRefund> _refunds = new();
    private int _sequence;
    private int _failNext;

    private FakeStripeApi(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Where the hosted page delivers its webhook (the shop's /stripe/webhook); set by browser tests.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The time the hosted page signs its webhook with: the shop's clock, which tests fix.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public IReadOnlyCollection<FakeCheckoutSession> Sessions => [.. _sessions.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
    public IReadOnlyCollection<FakeRefund> Refunds => [.. _refunds];

    /// <summary>The next API call answers this error status (402 card_error style body) instead of working.</summary>
    public void FailNext(HttpStatusCode status) => Interlocked.Exchange(ref _failNext, (int)status);

    public static async Task<FakeStripeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripeApi(app);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUri = new Uri(address);
        return fake;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/v1")) { await next(); return; }
            if (context.Request.Headers.Authorization != $"Bearer {SecretKey}")
            {
                await Error(context, 401, "invalid_request_error", "Invalid API Key provided.");
                return;
            }
            var fail = Interlocked.Exchange(ref _failNext, 0);
            if (fail != 0)
            {
                await Error(context, fail, "api_error", "The fake Stripe was told to fail this request.");
                return;
            }
            await next();
        });

        app.MapPost("/v1/checkout/sessions", async (HttpContext context) =>
        {
            var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
            var session = new FakeCheckoutSession { Id = $"cs_test_{Next()}", Form = form };
            _sessions[session.Id] = session;
            return Results.Json(SessionJson(session));
        });
        app.MapGet("/v1/checkout/sessions/{id}", (string id, HttpContext context) =>
            _sessions.TryGetValue(id, out var s) ? Results.Json(SessionJson(s)) : Results.Json(ErrorBody("invalid_request_error", "No such checkout.session"), statusCode: 404));
        app.MapPost("/v1/checkout/sessions/{id}/expire", (string id) =>
        {
            if (!_sessions.TryGetValue(id, out var s)) return Results.Json(ErrorBody("invalid_request_error", "No such checkout.session"), statusCode: 404);
            s.Status = "expired";
            return Results.Json(SessionJson(s));
        });
        app.MapPost("/v1/refunds", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            if (key.Length > 0 && _refundsByKey.TryGetValue(key, out var earlier)) return Results.Json(RefundJson(earlier));
            var paymentIntent = form["payment_intent"].ToString();
            var session = _sessions.Values.FirstOrDefault(s => s.PaymentIntentId == paymentIntent);
            if (session is null) return Results.Json(ErrorBody("invalid_request_error", "No such payment_intent"), statusCode: 400);
            var amount = long.Parse(form["amount"].ToString(), CultureInfo.InvariantCulture);
            lock (_refunds)
            {
                var refunded = _refunds.Where(r => r.PaymentIntentId == paymentIntent).Sum(r => r.Amount);
                if (refunded + amount > session.AmountTotal)
                    return Results.Json(ErrorBody("invalid_request_error", "Refund amount is greater than unrefunded amount"), statusCode: 400);
                var refund = new FakeRefund($"re_test_{Next()}", paymentIntent, amount, key.Length > 0 ? key : null, form["metadata[order]"]);
                _refunds.Enqueue(refund);
                if (key.Length > 0) _refundsByKey[key] = refund;
                return Results.Json(RefundJson(refund));
            }
        });

        // The hosted checkout page a browser is sent to.
        app.MapGet("/pay/{id}", (string id) =>
        {
            if (!_sessions.TryGetValue(id, out var s)) return Results.NotFound();
            var html = $"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body style="font-family:sans-serif;max-width:28rem;margin:2rem auto">
                <h1>Fake Stripe Checkout</h1><p data-testid="stripe-amount">{s.AmountTotal.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} ₫</p>
                <form method="post" action="/pay/{id}"><button type="submit" data-testid="stripe-pay">Pay</button></form>
                <p><a href="{WebUtility.HtmlEncode(s.Form["cancel_url"])}" data-testid="stripe-back">Back</a></p></body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        });
        app.MapPost("/pay/{id}", async (string id) =>
        {
            var session = Complete(id);
            if (WebhookUrl is { } url)
            {
                using var http = new HttpClient();
                var json = EventJson("checkout.session.completed", session);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", SignatureHeader(json, Clock()));
                (await http.SendAsync(request)).EnsureSuccessStatusCode();
            }
            return Results.Redirect(_sessions[id].Form["success_url"]);
        });
    }

    /// <summary>The buyer paid: the session completes with a new payment intent. Returns the session as Stripe would send it.</summary>
    public JsonObject Complete(string sessionId)
    {
        var s = _sessions[sessionId];
        s.Status = "complete";
        s.PaymentStatus = "paid";
        s.PaymentIntentId ??= $"pi_test_{Next()}";
        return SessionJson(s);
    }

    /// <summary>Stripe closed the session unpaid.</summary>
    public JsonObject Expire(string sessionId)
    {
        var s = _sessions[sessionId];
        s.Status = "expired";
        return SessionJson(s);
    }

    /// <summary>An event as Stripe delivers it to a webhook endpoint.</summary>
    /// <summary>Settings that point the shop's Stripe.net at this fake.</summary>
    public OcopMarket.Core.Orders.StripeSettings Settings => new(SecretKey, WebhookSecret, ApiBase);

    /// <summary>Scheme, host and port, without a trailing slash: Stripe.net appends "/v1/…" itself.</summary>
    public string ApiBase => BaseUri.GetLeftPart(UriPartial.Authority);

    public string EventJson(string type, JsonObject dataObject, string? eventId = null) => new JsonObject
    {
        ["id"] = eventId ?? $"evt_test_{Next()}",
        ["object"] = "event",
        ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
        ["created"] = Clock().ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    /// <summary>
    /// The Stripe-Signature header, computed here from Stripe's published scheme (HMAC-SHA256 of "timestamp.body"
    /// with the endpoint secret) rather than with Stripe.net's helper, so the shop's verification is checked
    /// against the specification and not against itself.
    /// </summary>
    public static string SignatureHeader(string json, DateTimeOffset at, string secret = WebhookSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{json}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private JsonObject SessionJson(FakeCheckoutSession s)
    {
        var metadata = new JsonObject();
        foreach (var (k, v) in s.Form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
            metadata[k["metadata[".Length..^1]] = v;
        return new JsonObject
        {
            ["id"] = s.Id,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["currency"] = "vnd",
            ["amount_total"] = s.AmountTotal,
            ["status"] = s.Status,
            ["payment_status"] = s.PaymentStatus,
            ["payment_intent"] = s.PaymentIntentId,
            ["client_reference_id"] = s.Form.GetValueOrDefault("client_reference_id"),
            ["customer_email"] = s.Form.GetValueOrDefault("customer_email"),
            ["success_url"] = s.Form.GetValueOrDefault("success_url"),
            ["cancel_url"] = s.Form.GetValueOrDefault("cancel_url"),
            ["expires_at"] = s.Form.TryGetValue("expires_at", out var e) ? long.Parse(e, CultureInfo.InvariantCulture) : null,
            ["metadata"] = metadata,
            ["url"] = s.Status == "open" ? new Uri(BaseUri, $"/pay/{s.Id}").AbsoluteUri : null,
            ["livemode"] = false,
        };
    }

    private static JsonObject RefundJson(FakeRefund r) => new()
    {
        ["id"] = r.Id,
        ["object"] = "refund",
        ["amount"] = r.Amount,
        ["currency"] = "vnd",
        ["payment_intent"] = r.PaymentIntentId,
        ["status"] = "succeeded",
    };

    private static JsonObject ErrorBody(string type, string message) => new() { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

    private static Task Error(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorBody(type, message));
    }

    private string Next() => Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
