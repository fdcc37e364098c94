using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.OpenData;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;
using OcopMarket.Web.OpenData;

namespace OcopMarket.Tests.OpenData;

/// <summary>The open data API as another system uses it: documented, paged without gaps, cacheable, open to other sites.</summary>
public sealed class OpenDataHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private HttpClient Client() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<T> WithDbAsync<T>(Func<OcopDbContext, Task<T>> work)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    [Fact]
    public async Task Every_api_endpoint_is_in_the_openapi_document_with_its_parameters_and_responses()
    {
        var doc = JsonNode.Parse(await Client().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/v1/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(7, routes.Count);
        foreach (var route in routes)
        {
            var get = paths[route]?["get"];
            Assert.True(get is not null, $"{route} is not in the document");
            Assert.NotNull(get!["responses"]!["200"]);
            Assert.False(string.IsNullOrWhiteSpace(get["summary"]?.GetValue<string>()), $"{route} has no summary");
        }
        // The shop's forms and pages stay out; EPCIS is in.
        Assert.DoesNotContain(paths, p => !p.Key.StartsWith("/api/v1/", StringComparison.Ordinal) && !p.Key.StartsWith("/epcis/v2/", StringComparison.Ordinal)
            && !p.Key.StartsWith("/api/producer/v1/", StringComparison.Ordinal));
        Assert.NotNull(paths["/api/producer/v1/products/{id}"]?["patch"]);
        // The producer API says it takes a bearer token; the open data does not.
        Assert.Equal("bearer", doc["components"]!["securitySchemes"]![OpenDataEndpoints.ProducerTokenScheme]!["scheme"]!.GetValue<string>());
        foreach (var (path, item) in paths.Where(p => p.Key.StartsWith("/api/producer/v1/", StringComparison.Ordinal)))
            foreach (var (_, operation) in item!.AsObject())
                Assert.True(operation!["security"]?[0]?[OpenDataEndpoints.ProducerTokenScheme] is not null, $"{path} does not name the bearer token");
        Assert.Null(paths["/api/v1/products"]!["get"]!["security"]);
        Assert.NotNull(paths["/epcis/v2/events"]?["get"]);
        Assert.Contains("EQ_bizStep", paths["/epcis/v2/events"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));

        string[] Parameters(string path) => [.. paths[path]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())];
        Assert.Equal(["group", "set", "province", "stars", "inStock", "minPrice", "maxPrice", "updatedSince", "cursor", "limit"], Parameters("/api/v1/products"));
        Assert.Contains("slug", Parameters("/api/v1/products/{slug}"));
        Assert.NotNull(paths["/api/v1/products"]!["get"]!["responses"]!["400"]);
        Assert.NotNull(paths["/api/v1/products/{slug}"]!["get"]!["responses"]!["404"]);
        Assert.Equal("http://localhost", doc["servers"]![0]!["url"]!.GetValue<string>()); // Site:PublicUrl, not the request
    }

    [Fact]
    public async Task Paging_by_cursor_returns_every_product_once_even_when_products_are_added_meanwhile()
    {
        var client = Client();
        var first = (await client.GetFromJsonAsync<ApiPage<ApiProduct>>("/api/v1/products?limit=40", Web))!;
        Assert.Equal(40, first.Items.Count);

        // A producer publishes a new product while the client pages through.
        var added = await WithDbAsync(async db =>
        {
            var producer = await db.Producers.Include(p => p.Province).FirstAsync(p => p.Slug == "hop-tac-xa-che-hao-dat");
            var product = new Product(producer, "Chè búp mới", "che-bup-moi-api", OcopGroup.Food, "I.5a", "Chè mới", "hộp 100 g", 150_000, 5,
                FakeClock.DefaultNow.UtcDateTime);
            product.AddCertificate(new OcopCertificate(4, "1/QĐ-UBND", CertifyingLevel.Province, new DateOnly(2026, 1, 5)));
            product.Publish(new DateOnly(2026, 11, 28));
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product.Id;
        });

        var seen = first.Items.Select(p => p.Id).ToList();
        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var page = (await client.GetFromJsonAsync<ApiPage<ApiProduct>>($"/api/v1/products?limit=40&cursor={cursor}", Web))!;
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        Assert.Contains(added, seen);
        Assert.Equal(await WithDbAsync(db => db.Products.CountAsync(p => p.IsPublished)), seen.Count);
    }

    [Fact]
    public async Task Filters_mean_what_they_mean_in_the_catalog()
    {
        var page = (await Client().GetFromJsonAsync<ApiPage<ApiProduct>>("/api/v1/products?province=thai-nguyen&stars=5&limit=100", Web))!;
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, p => Assert.True(p.ProvinceCode == "19" && p.Stars == 5));
        Assert.Contains(page.Items, p => p.Slug == "che-dinh-tan-cuong");
        Assert.All(page.Items, p => Assert.StartsWith("http://localhost/", p.ImageUrl));

        var food = (await Client().GetFromJsonAsync<ApiPage<ApiProduct>>("/api/v1/products?group=food&inStock=true&maxPrice=200000&limit=100", Web))!;
        Assert.All(food.Items, p => Assert.True(p.Group == "food" && p.Stock > 0 && p.PriceVnd <= 200_000));
    }

    [Theory]
    [InlineData("/api/v1/products?cursor=not-a-cursor", "nextCursor")]
    [InlineData("/api/v1/products?limit=0", "limit")]
    [InlineData("/api/v1/products?limit=101", "limit")]
    [InlineData("/api/v1/products?stars=2", "stars")]
    [InlineData("/api/v1/products?group=cars", "group")]
    [InlineData("/api/v1/products?province=saigon", "province")]
    [InlineData("/api/v1/producers?cursor=aWQ6LTU", "nextCursor")] // "id:-5", forged
    public async Task Bad_queries_are_refused_with_a_reason_in_both_languages(string url, string named)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("bad_request", error["code"]!.GetValue<string>());
        Assert.Contains(named, error["en"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["vi"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answers_are_cacheable_with_etags_and_open_to_other_sites()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/provinces");
        request.Headers.Add("Origin", "https://so-nong-nghiep.example.gov.vn");
        var response = await Client().SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var provinces = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(34, provinces.Count);

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/provinces");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Client().SendAsync(again)).StatusCode);

        var communes = (await Client().GetFromJsonAsync<JsonArray>("/api/v1/provinces/19/communes"))!;
        Assert.Contains(communes, c => c!["name"]!.GetValue<string>() == "Xã Tân Cương");
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/api/v1/provinces/99/communes")).StatusCode);
    }

    [Fact]
    public async Task A_product_answers_schema_org_linked_data_with_its_gs1_digital_link()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products/che-dinh-tan-cuong");
        request.Headers.Accept.ParseAdd("application/ld+json");
        var response = await Client().SendAsync(request);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Product", json["@type"]!.GetValue<string>());
        Assert.Equal("VND", json["offers"]!["priceCurrency"]!.GetValue<string>());
        var gtin = json["gtin"]!.GetValue<string>();
        Assert.Equal($"https://id.gs1.org/01/{gtin}", json["hasGS1DigitalLink"]!.GetValue<string>());

        var plain = (await Client().GetFromJsonAsync<ApiProduct>("/api/v1/products/che-dinh-tan-cuong", Web))!;
        Assert.Equal(5, plain.Stars);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/api/v1/products/khong-co-san-pham-nay")).StatusCode);
    }

    [Fact]
    public async Task Producers_certificates_and_programme_figures_are_listed()
    {
        var producers = (await Client().GetFromJsonAsync<ApiPage<ApiProducer>>("/api/v1/producers?province=thai-nguyen&limit=100", Web))!;
        Assert.Contains(producers.Items, p => p.Slug == "hop-tac-xa-che-hao-dat" && p.Type == "cooperative" && p.PublishedProducts > 0);
        var certificates = (await Client().GetFromJsonAsync<ApiPage<ApiCertificate>>("/api/v1/certificates?product=che-dinh-tan-cuong", Web))!;
        Assert.Contains(certificates.Items, c => c.Stars == 5 && c.Level == "central" && c.Status == "current");
        var programme = JsonNode.Parse(await Client().GetStringAsync("/api/v1/programme"))!;
        Assert.Equal(8, programme["cards"]!.AsArray().Count);
        Assert.Equal(34, programme["provinces"]!.AsArray().Count);
        Assert.Contains(programme["cards"]!.AsArray(), c => c!["metric"]!.GetValue<string>() == "certified_products" && c["national"]!.GetValue<decimal>() == 18_243);
    }
}

/// <summary>A program that reads too fast is told to wait, in JSON, in both languages.</summary>
public sealed class OpenDataRateLimitTests : IDisposable
{
    private readonly OcopWebFactory _factory = new();

    public OpenDataRateLimitTests()
    {
        _factory.Settings["RateLimits:OpenDataPerIp:Permits"] = "3";
        _factory.Settings["RateLimits:OpenDataPerIp:Window"] = "00:01:00";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_fourth_request_in_a_minute_from_one_client_is_refused_and_another_client_is_not()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/provinces?n={i}")).StatusCode);
        var refused = await client.GetAsync("/api/v1/provinces");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var error = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("too_many_requests", error["code"]!.GetValue<string>());
        Assert.Contains("Quá nhiều", error["vi"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/api/v1/provinces")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/san-pham")).StatusCode); // the shop itself is not limited
    }
}
