using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.ProducerApi;
using OcopMarket.Core.ProducerApi.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.ProducerApi;

/// <summary>The producer API with bearer tokens: the portal's rules, the token's scopes, nobody else's ids.</summary>
public sealed class ProducerApiHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private async Task<T> WithDbAsync<T>(Func<OcopDbContext, Task<T>> work)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    private async Task<Actor> ProducerAsync(string slug) => await WithDbAsync(async db =>
        new Actor("api-test-" + slug, await db.Producers.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync(), false));

    private async Task<HttpClient> ClientWithAsync(string slug, ApiScopes scopes)
    {
        var (_, secret) = await factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(await ProducerAsync(slug), "test", scopes);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private Task<(int Id, int Stock)> ProductOfAsync(string producerSlug) => WithDbAsync(async db =>
        await db.Products.Where(p => p.Producer.Slug == producerSlug).OrderBy(p => p.Id).Select(p => new ValueTuple<int, int>(p.Id, p.Stock)).FirstAsync());

    [Fact]
    public async Task A_token_sets_its_producers_stock_and_price_and_gets_404_for_anothers()
    {
        var client = await ClientWithAsync("hop-tac-xa-van-huong", ApiScopes.WriteStockAndPrice);
        var (mine, _) = await ProductOfAsync("hop-tac-xa-van-huong");
        var response = await client.PatchAsJsonAsync($"/api/producer/v1/products/{mine}", new { stock = 42, priceVnd = 321_000 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((42, 321_000L), await WithDbAsync(db => db.Products.Where(p => p.Id == mine).Select(p => new ValueTuple<int, long>(p.Stock, p.PriceVnd)).SingleAsync()));

        var (theirs, theirStock) = await ProductOfAsync("hop-tac-xa-che-hao-dat");
        var refused = await client.PatchAsJsonAsync($"/api/producer/v1/products/{theirs}", new { stock = 0 });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(theirStock, await WithDbAsync(db => db.Products.Where(p => p.Id == theirs).Select(p => p.Stock).SingleAsync()));

        var bad = await client.PatchAsJsonAsync($"/api/producer/v1/products/{mine}", new { stock = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("negative", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_token_a_wrong_one_or_a_missing_scope_is_refused()
    {
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var none = await anonymous.GetAsync("/api/producer/v1/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ocop_made-up-token-that-nobody-issued");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/producer/v1/orders")).StatusCode);

        var readOnly = await ClientWithAsync("hop-tac-xa-van-huong", ApiScopes.ReadOrders);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/producer/v1/orders?status=delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await readOnly.GetAsync("/api/producer/v1/orders?status=stolen")).StatusCode);
        var (mine, _) = await ProductOfAsync("hop-tac-xa-van-huong");
        var noScope = await readOnly.PatchAsJsonAsync($"/api/producer/v1/products/{mine}", new { stock = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal("insufficient_scope", (await noScope.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_adds_a_step_to_its_own_lot_and_not_to_anothers()
    {
        var lots = await WithDbAsync(db => db.Lots.Select(l => new { l.Id, Producer = db.Products.Where(p => p.Id == l.ProductId).Select(p => p.Producer.Slug).Single() }).ToListAsync());
        var mine = lots.First(l => l.Producer == "hop-tac-xa-van-huong").Id;
        var theirs = lots.First(l => l.Producer != "hop-tac-xa-van-huong").Id;
        var client = await ClientWithAsync("hop-tac-xa-van-huong", ApiScopes.WriteLots | ApiScopes.ReadLots);
        var before = await WithDbAsync(db => db.TraceEvents.CountAsync(e => e.LotId == mine));

        var added = await client.PostAsJsonAsync($"/api/producer/v1/lots/{mine}/events",
            new { kind = "shipping", occurredAt = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1), place = "Kho HTX", description = "Giao cho GHN" });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(before + 1, await WithDbAsync(db => db.TraceEvents.CountAsync(e => e.LotId == mine)));
        var lot = JsonNode.Parse(await client.GetStringAsync($"/api/producer/v1/lots/{mine}"))!;
        Assert.Contains(lot["events"]!.AsArray(), e => e!["description"]!.GetValue<string>() == "Giao cho GHN");

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/producer/v1/lots/{theirs}/events",
            new { kind = "shipping", occurredAt = factory.Clock.GetUtcNow().UtcDateTime, place = "x", description = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/producer/v1/lots/{mine}/events",
            new { kind = "teleporting", occurredAt = DateTime.UtcNow, place = "x", description = "y" })).StatusCode);
    }
}
