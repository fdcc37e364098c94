using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OcopMarket.Tests.Support;
using Stripe;
using Stripe.Checkout;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// The fake Stripe refuses what Stripe refuses, with Stripe's 400 error body, so the card payment tests cannot pass
/// on requests the real Stripe would turn down. Driven by the real Stripe.net client, as the shop drives it.
/// </summary>
public sealed class FakeStripeApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = FakeClock.DefaultNow;
    private FakeStripeApi _stripe = null!;
    private SessionService _sessions = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripeApi.StartAsync();
        _stripe.Clock = () => Now;
        _sessions = new SessionService(new StripeClient(FakeStripeApi.SecretKey, apiBase: _stripe.ApiBase));
    }

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    private static SessionCreateOptions Session(long unitAmount = 540_000, string? currency = "vnd", DateTimeOffset? expiresAt = null) => new()
    {
        Mode = "payment",
        SuccessUrl = "https://shop.test/ok",
        CancelUrl = "https://shop.test/back",
        ExpiresAt = (expiresAt ?? Now + TimeSpan.FromHours(2)).UtcDateTime,
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = currency, UnitAmount = unitAmount,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Chè Đinh Tân Cương" },
                },
            },
        ],
    };

    private async Task<StripeException> RefusedAsync(SessionCreateOptions options, RequestOptions? request = null)
    {
        var e = await Assert.ThrowsAsync<StripeException>(() => _sessions.CreateAsync(options, request));
        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        return e;
    }

    [Fact]
    public async Task A_line_without_currency_is_refused()
    {
        var e = await RefusedAsync(Session(currency: null));
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.Equal("parameter_missing", e.StripeError.Code);
        Assert.Equal("line_items[0][price_data][currency]", e.StripeError.Param);
        Assert.Empty(_stripe.Sessions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30_000)]
    public async Task A_unit_amount_that_is_not_positive_is_refused(long unitAmount)
    {
        var e = await RefusedAsync(Session(unitAmount));
        Assert.Equal("line_items[0][price_data][unit_amount]", e.StripeError.Param);
        Assert.Empty(_stripe.Sessions);
    }

    [Fact]
    public async Task A_unit_amount_with_a_fraction_is_refused()
    {
        // Stripe.net only sends whole amounts, so this goes by hand, as a form Stripe could receive.
        using var http = new HttpClient { BaseAddress = _stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeStripeApi.SecretKey);
        var response = await http.PostAsync("/v1/checkout/sessions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["success_url"] = "https://shop.test/ok",
            ["line_items[0][quantity]"] = "1",
            ["line_items[0][price_data][currency]"] = "vnd",
            ["line_items[0][price_data][unit_amount]"] = "540000.5",
            ["line_items[0][price_data][product_data][name]"] = "Chè",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal("parameter_invalid_integer", (string?)error["code"]);
        Assert.Empty(_stripe.Sessions);
    }

    [Fact]
    public async Task Expires_at_must_lie_between_thirty_minutes_and_twenty_four_hours_from_stripes_now()
    {
        foreach (var tooSoonOrLate in new[] { TimeSpan.FromMinutes(29), TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1), -TimeSpan.FromHours(1) })
            Assert.Equal("expires_at", (await RefusedAsync(Session(expiresAt: Now + tooSoonOrLate))).StripeError.Param);
        Assert.Empty(_stripe.Sessions);

        await _sessions.CreateAsync(Session(expiresAt: Now + TimeSpan.FromMinutes(30)));
        var longest = await _sessions.CreateAsync(Session(expiresAt: Now + TimeSpan.FromHours(24)));
        Assert.Equal(2, _stripe.Sessions.Count);
        Assert.Equal((Now + TimeSpan.FromHours(24)).ToUnixTimeSeconds(),
            long.Parse(_stripe.Sessions.Single(s => s.Id == longest.Id).Form["expires_at"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_idempotency_key_gets_the_first_answer_again_and_is_refused_with_other_parameters()
    {
        var key = new RequestOptions { IdempotencyKey = "checkout-42" };
        var first = await _sessions.CreateAsync(Session(), key);
        var again = await _sessions.CreateAsync(Session(), key);
        Assert.Equal(first.Id, again.Id);
        Assert.Single(_stripe.Sessions);

        var e = await RefusedAsync(Session(unitAmount: 1_000), key);
        Assert.Equal("idempotency_error", e.StripeError.Type);
        Assert.Single(_stripe.Sessions);
    }

    [Fact]
    public async Task A_paid_session_cannot_be_expired()
    {
        var session = await _sessions.CreateAsync(Session());
        _stripe.Complete(session.Id);
        var e = await Assert.ThrowsAsync<StripeException>(() => _sessions.ExpireAsync(session.Id));
        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.Equal("complete", _stripe.Sessions.Single().Status);

        var open = await _sessions.CreateAsync(Session());
        Assert.Equal("expired", (await _sessions.ExpireAsync(open.Id)).Status);
    }
}
