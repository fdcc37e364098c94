using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Traceability;

/// <summary>The QR download's refusal is JSON: "error" in the visitor's language, and both texts for a script without the cookie.</summary>
public sealed class LotQrEnglishHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    [Fact]
    public async Task A_unit_never_issued_is_refused_in_english_with_both_texts_alongside()
    {
        int lotId;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            lotId = await db.Lots.Where(l => l.PublicCode == "TC7K3M9Q").Select(l => l.Id).SingleAsync();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(client, "haodat@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/portal")).StatusCode);

        var response = await client.GetAsync($"/portal/lots/{lotId}/qr.png?unit=999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith("The lot has only issued codes 1–", error);
        Assert.Equal(error, body.RootElement.GetProperty("en").GetString());
        Assert.StartsWith("Lô mới phát hành mã 1–", body.RootElement.GetProperty("vi").GetString());
    }
}
