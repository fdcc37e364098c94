using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Programme;
using OcopMarket.Core.Programme.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Programme;

/// <summary>The public dashboard and its CSV, over HTTP: cacheable, in both languages, sortable without script.</summary>
public sealed class ProgrammeHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient Anonymous() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task The_dashboard_shows_each_target_with_the_platform_and_national_figure_and_is_cacheable()
    {
        var response = await Anonymous().GetAsync("/chuong-trinh");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var html = await response.Content.ReadAsStringAsync();
        var doc = new HtmlParser().ParseDocument(html);

        Assert.Equal(8, doc.QuerySelectorAll(".programme-card").Length);
        var certified = doc.QuerySelector("[data-testid=card-certified_products]")!;
        Assert.Contains("Ít nhất 10.000 sản phẩm OCOP", certified.TextContent);
        Assert.Contains("18.243", certified.QuerySelector("[data-testid=national-certified_products]")!.TextContent);
        Assert.Contains("20/12/2025", certified.TextContent);
        Assert.Equal("https://thoibaotaichinhvietnam.vn/festival-ocop-viet-nam-2025-dua-san-pham-made-in-viet-nam-vuon-tam-the-gioi-189141.html",
            certified.QuerySelector("[data-testid=national-certified_products] a")!.GetAttribute("href"));
        // Charts are drawn on the server: SVG images with a title and a description, and no script on the page but Blazor's.
        var chart = certified.QuerySelector("svg[role=img]")!;
        Assert.NotNull(chart.QuerySelector("title"));
        Assert.Contains("31/12/2024 14.642", chart.QuerySelector("desc")!.TextContent);
        Assert.Equal(34, doc.QuerySelectorAll("[data-testid=province-row]").Length);
        Assert.Equal(34, doc.QuerySelectorAll("svg.bar-chart rect.bar").Length);
        Assert.DoesNotContain("<script>", html.Replace("<script type=\"importmap\">", ""));

        var again = await Anonymous().GetAsync("/chuong-trinh");
        Assert.NotNull(again.Headers.Age); // from the output cache
        var notModified = new HttpRequestMessage(HttpMethod.Get, "/chuong-trinh");
        notModified.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous().SendAsync(notModified)).StatusCode);
    }

    [Fact]
    public async Task The_english_dashboard_is_at_its_own_url()
    {
        var html = await Anonymous().GetStringAsync("/en/chuong-trinh");
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains("At least 10,000 OCOP products rated 3★ or more", doc.QuerySelector("[data-testid=card-certified_products]")!.TextContent);
        Assert.Contains("18,243", doc.QuerySelector("[data-testid=national-certified_products]")!.TextContent);
        Assert.Contains("hreflang=\"vi\"", html);
        Assert.Equal("/en/chuong-trinh/so-lieu.csv", doc.QuerySelector("[data-testid=csv-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_province_table_sorts_by_any_column_through_links()
    {
        async Task<string[]> RowsAsync(string url) => [.. new HtmlParser().ParseDocument(await Anonymous().GetStringAsync(url))
            .QuerySelectorAll("[data-testid=province-row] th").Select(th => th.TextContent.Trim())];

        var byName = await RowsAsync("/chuong-trinh?sort=name&dir=asc");
        Assert.Equal("An Giang", byName[0]);
        Assert.Equal("Vĩnh Long", byName[^1]);
        Assert.Equal(byName.Reverse(), await RowsAsync("/chuong-trinh?sort=name&dir=desc"));

        var doc = new HtmlParser().ParseDocument(await Anonymous().GetStringAsync("/chuong-trinh?sort=subjects&dir=desc"));
        var subjects = doc.QuerySelectorAll("[data-testid=province-row]").Select(r => int.Parse(r.QuerySelectorAll("td")[2].TextContent.Replace(".", ""))).ToList();
        Assert.Equal(subjects.OrderByDescending(x => x), subjects);
        Assert.Equal("descending", doc.QuerySelector("[data-testid=sort-subjects]")!.ParentElement!.GetAttribute("aria-sort"));
        Assert.Contains("dir=asc", doc.QuerySelector("[data-testid=sort-subjects]")!.GetAttribute("href"));

        // A sort key nobody offers falls back to the default order, not an error.
        Assert.Equal(34, (await RowsAsync("/chuong-trinh?sort=%27%3Bdrop&dir=sideways")).Length);
    }

    [Fact]
    public async Task The_csv_holds_every_card_province_and_national_figure_with_stable_keys()
    {
        var response = await Anonymous().GetAsync("/chuong-trinh/so-lieu.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("ocop-chuong-trinh-", response.Content.Headers.ContentDisposition!.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ProgrammeCsv.Header, lines[0].TrimEnd('\r'));
        Assert.Equal(8, lines.Count(l => l.StartsWith("card,platform,")));
        Assert.Equal(34 * ProgrammeCsv.ProvinceMetrics.Count, lines.Count(l => l.StartsWith("province,")));
        Assert.Contains(lines, l => l.StartsWith("national,national,Việt Nam,certified_products,14642,,,2024-12-31,https://doanhnghiephoinhap.vn/"));
        Assert.Contains(lines, l => l.StartsWith("province,19,Thái Nguyên,certified_products,"));
    }

    [Fact]
    public async Task A_national_figure_an_officer_adds_is_on_the_cached_page_at_the_next_request()
    {
        var before = await Anonymous().GetStringAsync("/chuong-trinh");
        Assert.DoesNotContain("41,5", before);
        var programme = factory.Services.GetRequiredService<ProgrammeService>();
        var officer = new Actor("officer-test", null, true);
        await programme.AddNationalFigureAsync(officer, ProgrammeMetric.SellingOnlineSharePercent, 41.5m, new DateOnly(2026, 6, 30),
            "https://example.gov.vn/so-ket-2026", "Sơ kết 6 tháng 2026");
        var after = new HtmlParser().ParseDocument(await Anonymous().GetStringAsync("/chuong-trinh"));
        Assert.Contains("41,5", after.QuerySelector("[data-testid=national-selling_online_share_percent]")!.TextContent);
    }
}
