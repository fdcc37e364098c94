using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.OpenData;

/// <summary>The demo lots' stories through the EPCIS 2.0 query interface, as another traceability system reads them.</summary>
public sealed class EpcisHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string FishSauceLot = "KH4N2P8R"; // demo lot without a GTIN: its label is /t/KH4N2P8R

    private HttpClient Client() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpResponseMessage Response, JsonArray Events)> QueryAsync(string query)
    {
        var response = await Client().GetAsync("/epcis/v2/events" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response, doc["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray());
    }

    private async Task<(int Lots, int Steps)> CountsAsync() => await WithDbAsync(async db =>
        (await db.Lots.CountAsync(l => db.Products.Any(p => p.Id == l.ProductId && p.IsPublished)),
         await db.TraceEvents.CountAsync(e => db.Lots.Any(l => l.Id == e.LotId && db.Products.Any(p => p.Id == l.ProductId && p.IsPublished)))));

    private async Task<T> WithDbAsync<T>(Func<OcopDbContext, Task<T>> work)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    [Fact]
    public async Task Every_lot_and_timeline_step_is_an_epcis_event_in_a_query_document()
    {
        var response = await Client().GetAsync("/epcis/v2/events?perPage=500");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("EPCISQueryDocument", doc["type"]!.GetValue<string>());
        Assert.Equal("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", doc["@context"]![0]!.GetValue<string>());
        var events = doc["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
        var (lots, steps) = await CountsAsync();
        Assert.True(lots >= 3);
        Assert.Equal(lots + steps, events.Count);
        Assert.Equal(lots, events.Count(e => e!["bizStep"]!.GetValue<string>() == "creating_class_instance" && e["action"]!.GetValue<string>() == "ADD"
            && e["ilmd"]?["cbvmda:lotNumber"] is not null));
        Assert.All(events, e =>
        {
            Assert.Equal("ObjectEvent", e!["type"]!.GetValue<string>());
            Assert.StartsWith("http://localhost/epcis/v2/events/", e["eventID"]!.GetValue<string>());
            Assert.Contains(e["bizStep"]!.GetValue<string>(), EpcisVocabulary.BizSteps);
            Assert.EndsWith("Z", e["eventTime"]!.GetValue<string>());
        });
        var times = events.Select(e => DateTime.Parse(e!["eventTime"]!.GetValue<string>())).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Theory]
    [InlineData("packing")]
    [InlineData("urn:epcglobal:cbv:bizstep:packing")]
    [InlineData("https://ref.gs1.org/cbv/BizStep-packing")]
    public async Task EQ_bizStep_takes_the_name_its_urn_or_its_web_uri(string bizStep)
    {
        var (_, events) = await QueryAsync("?EQ_bizStep=" + Uri.EscapeDataString(bizStep));
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("packing", e!["bizStep"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_lot_or_one_of_its_units_selects_that_lots_events_and_a_forged_serial_selects_none()
    {
        var lotUri = $"http://localhost/t/{FishSauceLot}";
        var (_, byLot) = await QueryAsync("?MATCH_anyEPC=" + Uri.EscapeDataString(lotUri));
        Assert.NotEmpty(byLot);
        Assert.All(byLot, e => Assert.Equal(lotUri, e!["quantityList"]![0]!["epcClass"]!.GetValue<string>()));

        var serial = (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial(FishSauceLot, 2);
        var (_, byUnit) = await QueryAsync("?MATCH_epc=" + Uri.EscapeDataString($"{lotUri}/{serial}"));
        Assert.Equal(byLot.Count, byUnit.Count);

        var forged = serial[..^1] + (serial[^1] == 'A' ? 'B' : 'A');
        Assert.Empty((await QueryAsync("?MATCH_epc=" + Uri.EscapeDataString($"{lotUri}/{forged}"))).Events);
        Assert.Empty((await QueryAsync("?MATCH_epc=" + Uri.EscapeDataString("https://elsewhere.example/t/ABCDEFGH"))).Events);
    }

    [Fact]
    public async Task The_time_window_is_half_open_and_pages_follow_the_next_link()
    {
        var (_, all) = await QueryAsync("?perPage=500");
        var middle = DateTimeOffset.Parse(all[all.Count / 2]!["eventTime"]!.GetValue<string>());
        var (_, from) = await QueryAsync("?GE_eventTime=" + Uri.EscapeDataString(middle.ToString("O")));
        var (_, before) = await QueryAsync("?LT_eventTime=" + Uri.EscapeDataString(middle.ToString("O")));
        Assert.Equal(all.Count, from.Count + before.Count);
        Assert.All(from, e => Assert.True(DateTimeOffset.Parse(e!["eventTime"]!.GetValue<string>()) >= middle));

        var ids = new List<string>();
        var next = "/epcis/v2/events?perPage=4";
        while (next is not null)
        {
            var response = await Client().GetAsync(next);
            var events = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
            Assert.True(events.Count <= 4);
            ids.AddRange(events.Select(e => e!["eventID"]!.GetValue<string>()));
            next = response.Headers.TryGetValues("Link", out var link) ? new Uri(link.Single().Split('>')[0].TrimStart('<')).PathAndQuery : null;
        }
        Assert.Equal(all.Select(e => e!["eventID"]!.GetValue<string>()), ids);
    }

    [Fact]
    public async Task One_event_is_found_by_its_id_and_an_unknown_id_is_a_problem()
    {
        var (_, all) = await QueryAsync("?EQ_bizStep=shipping");
        var id = all[0]!["eventID"]!.GetValue<string>();
        var one = JsonNode.Parse(await Client().GetStringAsync(new Uri(id).PathAndQuery))!;
        Assert.Equal(id, one["eventID"]!.GetValue<string>());
        Assert.Equal("shipping", one["bizStep"]!.GetValue<string>());

        foreach (var bad in (string[])["/epcis/v2/events/event-999999", "/epcis/v2/events/lot-0", "/epcis/v2/events/drop%20table"])
        {
            var response = await Client().GetAsync(bad);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Theory]
    [InlineData("?EQ_bizStep=dancing")]
    [InlineData("?GE_eventTime=yesterday")]
    [InlineData("?LT_eventTime=2026-11-01T00:00:00")] // no zone: ambiguous
    [InlineData("?perPage=0")]
    [InlineData("?nextPageToken=forged")]
    public async Task Bad_parameters_are_a_query_parameter_exception_in_both_languages(string query)
    {
        var response = await Client().GetAsync("/epcis/v2/events" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("epcisException:QueryParameterException", problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["vi"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_label_linkset_points_at_the_lots_events_and_the_resolver_describes_itself()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{FishSauceLot}");
        request.Headers.Accept.ParseAdd("application/linkset+json");
        var linkset = JsonNode.Parse(await (await Client().SendAsync(request)).Content.ReadAsStringAsync())!["linkset"]![0]!;
        var epcis = linkset["https://gs1.org/voc/epcis"]![0]!["href"]!.GetValue<string>();
        Assert.StartsWith("http://localhost/epcis/v2/events?MATCH_anyEPC=", epcis);
        var (_, events) = await QueryAsync(new Uri(epcis).Query);
        Assert.NotEmpty(events);

        var resolver = JsonNode.Parse(await Client().GetStringAsync("/.well-known/gs1resolver"))!;
        Assert.Equal("http://localhost", resolver["resolverRoot"]!.GetValue<string>());
        Assert.Contains(resolver["supportedLinkType"]!.AsArray(), l => l!["namespacedProfile"]!.GetValue<string>() == "gs1:epcis");
    }
}
