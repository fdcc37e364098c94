using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
/// Checkout Sessions, create refunds (never more than was charged). It refuses what Stripe refuses, with Stripe's
/// 400 error body: a wrong secret key, a line without currency or with an amount that is not a positive whole
/// number, an <c>expires_at</c> outside 30 minutes to 24 hours from now (by <see cref="Clock"/>), an idempotency key
/// reused with other parameters, expiring a session that is not open. Like Stripe it answers a repeated
/// idempotency key with the first answer, and a key still in use by a request in flight with 409.
/// For the browser it serves a tiny hosted "checkout page" whose Pay button completes the session, delivers a
/// signed <c>checkout.session.completed</c> webhook to the shop and returns to its success URL.
/// </summary>
public sealed class FakeStripeApi : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_ocopmarket";
    public const string WebhookSecret = "whsec_fake_ocopmarket_signing_secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeCheckoutSession> _sessions = new();
    private readonly ConcurrentDictionary<string, IdempotentRequest> _idempotencyKeys = new();
    private readonly ConcurrentQueue<FakeRefund> _refunds = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private int _sequence;
    private int _failNext;

    private FakeStripeApi(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Where the hosted page delivers its webhook (the shop's /stripe/webhook); set by browser tests.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Stripe's "now": what <c>expires_at</c> is checked against and the time the hosted page signs its webhook with.
    /// Tests set it to the shop's clock (or a few seconds off it, as two machines' clocks are).
    /// </summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public IReadOnlyCollection<FakeCheckoutSession> Sessions => [.. _sessions.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
    public IReadOnlyCollection<FakeRefund> Refunds => [.. _refunds];

    /// <summary>The error messages of every request refused for its parameters: a shop that is right sends none.</summary>
    public IReadOnlyCollection<string> Refusals => [.. _refusals];

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
                // Before the idempotency layer: like an outage in front of Stripe, it leaves no answer to replay.
                await Error(context, fail, "api_error", "The fake Stripe was told to fail this request.");
                return;
            }
            await next();
        });
        app.Use(Idempotency);

        app.MapPost("/v1/checkout/sessions", async (HttpContext context) =>
        {
            var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
            if (RefuseSession(form) is { } refused) return refused;
            var session = new FakeCheckoutSession { Id = $"cs_test_{Next()}", Form = form };
            _sessions[session.Id] = session;
            return Results.Json(SessionJson(session));
        });
        app.MapGet("/v1/checkout/sessions/{id}", (string id, HttpContext context) =>
            _sessions.TryGetValue(id, out var s) ? Results.Json(SessionJson(s)) : Results.Json(ErrorBody("invalid_request_error", "No such checkout.session"), statusCode: 404));
        app.MapPost("/v1/checkout/sessions/{id}/expire", (string id) =>
        {
            if (!_sessions.TryGetValue(id, out var s)) return Results.Json(ErrorBody("invalid_request_error", "No such checkout.session"), statusCode: 404);
            lock (s)
            {
                if (s.Status != "open")
                {
                    _refusals.Enqueue($"{id}: expired while {s.Status}");
                    return Results.Json(ErrorBody("invalid_request_error",
                        $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{s.Status}\"."), statusCode: 400);
                }
                s.Status = "expired";
            }
            return Results.Json(SessionJson(s));
        });
        app.MapPost("/v1/refunds", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            var paymentIntent = form["payment_intent"].ToString();
            var session = _sessions.Values.FirstOrDefault(s => s.PaymentIntentId == paymentIntent);
            if (session is null) return Results.Json(ErrorBody("invalid_request_error", "No such payment_intent"), statusCode: 400);
            if (!long.TryParse(form["amount"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
                return Refusal("parameter_invalid_integer", "amount", "Invalid positive integer");
            lock (_refunds)
            {
                var refunded = _refunds.Where(r => r.PaymentIntentId == paymentIntent).Sum(r => r.Amount);
                if (refunded + amount > session.AmountTotal)
                    return Refusal("amount_too_large", "amount", "Refund amount is greater than unrefunded amount");
                var refund = new FakeRefund($"re_test_{Next()}", paymentIntent, amount, key.Length > 0 ? key : null, form["metadata[order]"]);
                _refunds.Enqueue(refund);
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
        lock (s)
        {
            s.Status = "complete";
            s.PaymentStatus = "paid";
            s.PaymentIntentId ??= $"pi_test_{Next()}";
        }
        return SessionJson(s);
    }

    /// <summary>Stripe closed the session unpaid (a paid one never expires).</summary>
    public JsonObject Expire(string sessionId)
    {
        var s = _sessions[sessionId];
        lock (s)
        {
            if (s.Status == "complete") throw new InvalidOperationException($"Session {sessionId} was paid; Stripe does not expire it.");
            s.Status = "expired";
        }
        return SessionJson(s);
    }

    /// <summary>Stripe's limits on a Checkout Session's life, checked at creation against <see cref="Clock"/>.</summary>
    public static readonly TimeSpan ShortestSession = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan LongestSession = TimeSpan.FromHours(24);

    /// <summary>The Stripe error a session's parameters earn, or null if Stripe would create it.</summary>
    private IResult? RefuseSession(Dictionary<string, string> form)
    {
        if (!form.ContainsKey("line_items[0][quantity]") && !form.ContainsKey("line_items[0][price_data][unit_amount]"))
            return Refusal("parameter_missing", "line_items", "Missing required param: line_items.");
        for (var i = 0; form.Keys.Any(k => k.StartsWith($"line_items[{i}]", StringComparison.Ordinal)); i++)
        {
            var price = $"line_items[{i}][price_data]";
            if (!form.TryGetValue($"{price}[currency]", out var currency) || currency.Length == 0)
                return Refusal("parameter_missing", $"{price}[currency]", $"Missing required param: {price}[currency].");
            if (!form.TryGetValue($"{price}[unit_amount]", out var unitAmount))
                return Refusal("parameter_missing", $"{price}[unit_amount]", $"Missing required param: {price}[unit_amount].");
            // Whole numbers only (VND has no minor unit; Stripe.net sends a long): "540000.5" or "-1" is refused.
            if (!long.TryParse(unitAmount, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
                return Refusal("parameter_invalid_integer", $"{price}[unit_amount]", $"Invalid integer: {unitAmount}");
            if (amount <= 0)
                return Refusal("parameter_invalid_integer", $"{price}[unit_amount]", "This value must be greater than 0.");
            if (!form.TryGetValue($"line_items[{i}][quantity]", out var quantity)
                || !long.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q <= 0)
                return Refusal("parameter_invalid_integer", $"line_items[{i}][quantity]", "Invalid positive integer");
        }
        if (form.TryGetValue("expires_at", out var expiresAt))
        {
            var now = Clock();
            var valid = long.TryParse(expiresAt, NumberStyles.None, CultureInfo.InvariantCulture, out var unix);
            var at = valid ? DateTimeOffset.FromUnixTimeSeconds(unix) : default;
            if (!valid || at < now + ShortestSession || at > now + LongestSession)
                return Refusal("parameter_invalid_integer", "expires_at",
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.");
        }
        return null;
    }

    private IResult Refusal(string code, string param, string message)
    {
        _refusals.Enqueue($"{param}: {message}");
        return Results.Json(ErrorBody("invalid_request_error", message, param, code), statusCode: 400);
    }

    /// <summary>A request an idempotency key was first used for, and its answer once it has one.</summary>
    private sealed class IdempotentRequest(string parameters)
    {
        private (int Status, string Body)? _answer;

        public string Parameters { get; } = parameters;

        /// <summary>Null while the first request is still running.</summary>
        public (int Status, string Body)? Answer
        {
            get { lock (this) return _answer; }
            set { lock (this) _answer = value; }
        }
    }

    /// <summary>
    /// Stripe's idempotency layer: a POST repeated with its key gets the first answer again (Stripe.net puts a key
    /// on every POST, and the shop its own on refunds); the same key with other parameters is refused; a key whose
    /// first request is still running answers 409. Refusals are not kept, as Stripe keeps none for a request
    /// whose parameters failed validation.
    /// </summary>
    private async Task Idempotency(HttpContext context, Func<Task> next)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || !context.Request.HasFormContentType)
        {
            await next();
            return;
        }
        var form = await context.Request.ReadFormAsync(); // kept on the request: the endpoint reads it again
        var parameters = context.Request.Path + "?" + string.Join("&",
            form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        var mine = new IdempotentRequest(parameters);
        var first = _idempotencyKeys.GetOrAdd(key, mine);
        if (!ReferenceEquals(first, mine))
        {
            if (first.Parameters != parameters)
            {
                _refusals.Enqueue($"Idempotency-Key {key}: reused with other parameters");
                await Error(context, 400, "idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
            }
            else if (first.Answer is not { } answer)
                await Error(context, 409, "idempotency_error",
                    $"There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): {key}. Please try again later.");
            else
            {
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = "application/json";
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.WriteAsync(answer.Body);
            }
            return;
        }

        var body = context.Response.Body;
        using var written = new MemoryStream();
        context.Response.Body = written;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = body;
        }
        if (context.Response.StatusCode is >= 200 and < 300)
            mine.Answer = (context.Response.StatusCode, Encoding.UTF8.GetString(written.ToArray()));
        else
            _idempotencyKeys.TryRemove(new KeyValuePair<string, IdempotentRequest>(key, mine));
        written.Position = 0;
        await written.CopyToAsync(body);
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
            // As Stripe: the session's currency is its line items' (one currency a session), its total their sum.
            ["currency"] = s.Form.GetValueOrDefault("line_items[0][price_data][currency]"),
            ["amount_total"] = s.AmountTotal,
            ["payment_method_types"] = new JsonArray([.. s.Form.Where(f => f.Key.StartsWith("payment_method_types[", StringComparison.Ordinal))
                .Select(f => (JsonNode?)JsonValue.Create(f.Value))]),
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

    private static JsonObject ErrorBody(string type, string message, string? param = null, string? code = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null) error["code"] = code;
        if (param is not null) error["param"] = param;
        return new JsonObject { ["error"] = error };
    }

    private static Task Error(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorBody(type, message));
    }

    private string Next() => Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
