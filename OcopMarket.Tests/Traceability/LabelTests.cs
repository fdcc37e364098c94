using System.Net;
using AngleSharp.Html.Parser;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Traceability;

namespace OcopMarket.Tests.Traceability;

/// <summary>A printed or downloaded QR decodes back to exactly its URL (ZXing.Net reads what QRCoder drew).</summary>
public sealed class LabelQrRoundTripTests
{
    [Theory]
    [InlineData("http://localhost:5032/01/02000000000015/10/TC-2611-01")]
    [InlineData("https://ocopmarket.vn/01/02000000000015/10/TC-2611-01/21/1734F0SVY8")]
    [InlineData("https://ocopmarket.vn/t/KH4N2P8R/10000ABCDEFGH")]
    public void Png_and_svg_decode_to_the_url(string url)
    {
        Assert.Equal(url, QrDecoder.DecodePng(LabelQr.Png(url)));
        Assert.Equal(url, QrDecoder.DecodeSvg(LabelQr.Svg(url)));
    }

    [Fact]
    public void The_decoder_is_not_fooled_by_a_different_code()
    {
        var svg = LabelQr.Svg("https://ocopmarket.vn/t/KH4N2P8R/1ABCDEFGH");
        var decoded = QrDecoder.DecodeSvg(svg);
        Assert.Equal("https://ocopmarket.vn/t/KH4N2P8R/1ABCDEFGH", decoded); // it reads the code: not a "no" that comes from reading nothing
        Assert.NotEqual("https://ocopmarket.vn/t/KH4N2P8R/2ABCDEFGH", decoded);
    }
}

/// <summary>The label sheet component: labels laid out by the chosen stock, each with its QR and text.</summary>
public sealed class LabelSheetComponentTests : BunitContext
{
    private static LabelData Label(int n) => new("Chè Đinh Tân Cương", 4, "TC-2611-01", new DateOnly(2028, 5, 16),
        $"/01/02000000000015/10/TC-2611-01/21/{n}ABCDEFGH", $"{n}ABCDEFGH");

    [Fact]
    public void Labels_fill_a4_sheets_of_the_chosen_stock_with_name_stars_lot_best_before_and_qr()
    {
        var size = LabelSize.ByKey("a4-21");
        var cut = Render<LabelSheet>(p => p
            .Add(x => x.Labels, [.. Enumerable.Range(1, 25).Select(Label)])
            .Add(x => x.Size, size)
            .Add(x => x.Origin, "https://ocopmarket.vn/"));

        var sheets = cut.FindAll("[data-testid=label-sheet]");
        Assert.Equal(2, sheets.Count); // 21 + 4
        Assert.Equal(21, sheets[0].QuerySelectorAll("[data-testid=label]").Length);
        Assert.Equal(4, sheets[1].QuerySelectorAll("[data-testid=label]").Length);
        Assert.Contains("--label-w:63.5mm", cut.Find("[data-testid=label-sheets]").GetAttribute("style"));

        var first = cut.FindAll("[data-testid=label]")[0];
        Assert.Equal("https://ocopmarket.vn/01/02000000000015/10/TC-2611-01/21/1ABCDEFGH", first.GetAttribute("data-url"));
        Assert.Contains("Chè Đinh Tân Cương", first.TextContent);
        Assert.Contains("★★★★ OCOP", first.TextContent);
        Assert.Contains("TC-2611-01", first.TextContent);
        Assert.Contains("16/05/2028", first.TextContent);
        Assert.Contains("1ABCDEFGH", first.TextContent);
        Assert.Equal(first.GetAttribute("data-url"), QrDecoder.DecodeSvg(first.QuerySelector("svg")!.OuterHtml));
    }

    [Fact]
    public void A_product_without_current_stars_prints_no_ocop_mark()
    {
        var cut = Render<LabelSheet>(p => p
            .Add(x => x.Labels, [Label(1) with { Stars = null }])
            .Add(x => x.Origin, "https://ocopmarket.vn"));
        Assert.DoesNotContain("OCOP", cut.Find("[data-testid=label]").TextContent);
    }
}

/// <summary>Label printing and QR downloads in the portal, over HTTP: the producer's own lots only.</summary>
public sealed class LabelHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private async Task<int> TeaLotIdAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await db.Lots.Where(l => l.PublicCode == "TC7K3M9Q").Select(l => l.Id).SingleAsync();
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(client, email, AccountSeeder.DemoPassword);
        return client;
    }

    [Fact]
    public async Task The_downloaded_png_and_svg_decode_to_the_label_url()
    {
        var id = await TeaLotIdAsync();
        var client = await SignedInAsync("haodat@ocopmarket.test");

        var png = await client.GetAsync($"/portal/lots/{id}/qr.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal("http://localhost/01/02000000000015/10/TC-2611-01", QrDecoder.DecodePng(await png.Content.ReadAsByteArrayAsync()));

        var svg = await client.GetAsync($"/portal/lots/{id}/qr.svg?unit=3");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var serial = (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial("TC7K3M9Q", 3);
        Assert.Equal($"http://localhost/01/02000000000015/10/TC-2611-01/21/{serial}", QrDecoder.DecodeSvg(await svg.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/portal/lots/{id}/qr.png?unit=999")).StatusCode); // never issued
    }

    [Fact]
    public async Task Another_producer_or_a_visitor_gets_no_labels()
    {
        var id = await TeaLotIdAsync();
        var other = await SignedInAsync("khaihoan@ocopmarket.test");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/portal/lots/{id}/qr.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/in/nhan/{id}")).StatusCode);

        var visitor = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { $"/portal/lots/{id}/qr.png", $"/in/nhan/{id}" })
        {
            // A visitor is sent to sign in, and nothing of the label comes with the redirect.
            var anonymous = await visitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/Account/Login", AccountHttpTests.Target(anonymous).PathAndQuery);
            Assert.Empty(await anonymous.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_print_page_lays_out_unit_labels_whose_qr_decode_to_their_urls()
    {
        var id = await TeaLotIdAsync();
        var client = await SignedInAsync("haodat@ocopmarket.test");
        var html = await client.GetStringAsync($"/in/nhan/{id}?kho=a4-24&so=20&tu=1");
        var page = new HtmlParser().ParseDocument(html);
        var labels = page.QuerySelectorAll("[data-testid=label]");
        Assert.Equal(20, labels.Length);
        Assert.Single(page.QuerySelectorAll("[data-testid=label-sheet]"));
        var urls = labels.Select(l => l.GetAttribute("data-url")!).ToList();
        Assert.Equal(20, urls.Distinct().Count());
        foreach (var label in labels.Take(3).Concat(labels.TakeLast(1)))
            Assert.Equal(label.GetAttribute("data-url"), QrDecoder.DecodeSvg(label.QuerySelector("svg")!.OuterHtml));

        // Asking for serials beyond those issued explains instead of printing.
        var tooMany = new HtmlParser().ParseDocument(await client.GetStringAsync($"/in/nhan/{id}?so=5&tu=19"));
        Assert.Contains("phát hành", tooMany.QuerySelector("[data-testid=label-error]")!.TextContent);
        Assert.Empty(tooMany.QuerySelectorAll("[data-testid=label]"));
    }
}
