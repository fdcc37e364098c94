using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Startup;

/// <summary>
/// Two web nodes, A and B, on one database of the given provider, started once for all of a
/// <see cref="TwoNodeTests"/> class — lazily, at the first test, so that without a PostgreSQL server those tests are
/// skipped (with the reason) rather than failing in a fixture.
/// </summary>
public abstract class TwoNodes(DatabaseProvider provider) : IDisposable
{
    private sealed class Node(DatabaseConnection database) : OcopWebFactory(database, ownsDatabase: false);

    private readonly Lazy<(DatabaseConnection Database, OcopWebFactory A, OcopWebFactory B)> _nodes = new(() =>
    {
        var database = SharedTestDatabase.CreateAsync(provider).GetAwaiter().GetResult();
        // Both count the abuse limits in the database, as the README's deployment section asks of several nodes.
        var a = new Node(database) { Settings = { ["RateLimits:Store"] = "Database" } };
        _ = a.Services; // A migrates and seeds the database before B starts, as the first node of a deployment does
        var b = new Node(database) { Settings = { ["RateLimits:Store"] = "Database" } };
        _ = b.Services;
        return (database, a, b);
    });

    public OcopWebFactory A => _nodes.Value.A;
    public OcopWebFactory B => _nodes.Value.B;

    public void Dispose()
    {
        if (_nodes.IsValueCreated)
        {
            _nodes.Value.A.Dispose();
            _nodes.Value.B.Dispose();
            SharedTestDatabase.Delete(_nodes.Value.Database);
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class TwoNodesOnSqlite() : TwoNodes(DatabaseProvider.Sqlite);
public sealed class TwoNodesOnPostgreSql() : TwoNodes(DatabaseProvider.PostgreSql);

/// <summary>
/// The app as several web nodes behind a load balancer, with no stickiness for plain page requests: a browser's
/// requests land on either node, and each node's background workers run on the same database.
/// </summary>
public abstract class TwoNodeTests(TwoNodes nodes)
{
    public sealed class OnSqlite(TwoNodesOnSqlite nodes) : TwoNodeTests(nodes), IClassFixture<TwoNodesOnSqlite>;
    public sealed class OnPostgreSql(TwoNodesOnPostgreSql nodes) : TwoNodeTests(nodes), IClassFixture<TwoNodesOnPostgreSql>;

    private OcopWebFactory A => nodes.A;
    private OcopWebFactory B => nodes.B;

    /// <summary>A browser (its own cookie jar and address) whose requests may go to either node.</summary>
    private sealed class Browser(CookieContainer jar, string ip)
    {
        public HttpClient On(OcopWebFactory node)
        {
            var client = node.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
            client.DefaultRequestHeaders.Remove(OcopWebFactory.ClientIpHeader);
            client.DefaultRequestHeaders.Add(OcopWebFactory.ClientIpHeader, ip); // the same machine whichever node answers
            return client;
        }
    }

    private static Browser NewBrowser() => new(new CookieContainer(), OcopWebFactory.NewClientIp());

    private static async Task<T> WithDbAsync<T>(OcopWebFactory node, Func<OcopDbContext, Task<T>> work)
    {
        await using var db = await node.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    private static Task<(int Id, long Price)> StockAsync(OcopWebFactory node, string slug, int stock) => WithDbAsync(node, async db =>
    {
        var product = await db.Products.SingleAsync(p => p.Slug == slug);
        product.SetStock(stock);
        await db.SaveChangesAsync();
        return (product.Id, product.PriceVnd);
    });

    /// <summary>The checkout form as the node shows it (antiforgery token, hidden fields), filled in for cash on delivery.</summary>
    private static async Task<Dictionary<string, string>> FilledCheckoutAsync(HttpClient client, string phone, string email)
    {
        var fields = await StorefrontForms.CheckoutFieldsAsync(client);
        fields["Input.Name"] = "Nguyễn Thị Mai";
        fields["Input.Phone"] = phone;
        fields["Input.Email"] = email;
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "Số 5 đường Tân Cương";
        fields["Input.Payment"] = "CashOnDelivery";
        fields["Input.Step"] = "place";
        return fields;
    }


    private static bool Placed(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && AccountHttpTests.Target(response).AbsolutePath.StartsWith("/don-hang/", StringComparison.Ordinal);

    /// <summary>
    /// A script whose posts the balancer spreads over both nodes: each form's allowance and the failed-sign-in
    /// throttle are one for the client, not one per node.
    /// </summary>
    [SkippableFact]
    public async Task A_client_spread_over_both_nodes_gets_one_allowance_not_one_per_node()
    {
        var script = NewBrowser();
        for (var n = 1; n <= 5; n++) // forgot password: 5 per IP in 15 minutes
        {
            var passed = await AccountHttpTests.PostFormAsync(script.On(n % 2 == 0 ? B : A), "/Account/ForgotPassword", "forgot-password",
                new() { ["Input.Email"] = $"spread-{n}-{Guid.NewGuid():N}@example.test" });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, passed.StatusCode);
        }
        foreach (var node in new[] { A, B })
        {
            var refused = await AccountHttpTests.PostFormAsync(script.On(node), "/Account/ForgotPassword", "forgot-password",
                new() { ["Input.Email"] = $"spread-6-{Guid.NewGuid():N}@example.test" });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        var guesser = NewBrowser();
        for (var n = 1; n <= 5; n++) // five wrong passwords, alternating nodes, then that address is throttled on both
        {
            var wrong = await AccountHttpTests.SignInAsync(guesser.On(n % 2 == 0 ? B : A), "buyer@ocopmarket.test", $"wrong-password-{n}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.DoesNotContain("quá nhiều lần đăng nhập sai", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var node in new[] { A, B })
        {
            var throttled = await AccountHttpTests.SignInAsync(guesser.On(node), "buyer@ocopmarket.test", AccountSeeder.DemoPassword);
            Assert.Equal(HttpStatusCode.OK, throttled.StatusCode); // the right password, refused before it is checked
            Assert.Contains("Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_sign_in_on_one_node_holds_on_the_other()
    {
        var browser = NewBrowser();
        var signIn = await AccountHttpTests.SignInAsync(browser.On(A), "haodat@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var portal = await browser.On(B).GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("Hợp tác xã chè Hảo Đạt", await portal.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_form_served_by_one_node_is_accepted_by_the_other()
    {
        const string slug = "nuoc-mam-nam-o-huong-lang-co";
        await StockAsync(A, slug, 20);
        var browser = NewBrowser();
        // The page, its antiforgery token and the antiforgery cookie come from A; the post goes to B.
        var added = await StorefrontForms.AddToCartAsync(browser.On(A), slug, 1, postTo: browser.On(B));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var cart = await (await browser.On(A).GetAsync("/gio-hang")).Content.ReadAsStringAsync(); // B's cart cookie, read by A
        Assert.Contains("Nước mắm Nam Ô", cart);
    }

    [SkippableFact]
    public async Task A_cart_filled_on_one_node_checks_out_on_the_other()
    {
        const string slug = "nuoc-mam-nam-o-huong-lang-co";
        var (productId, _) = await StockAsync(A, slug, 20);
        var browser = NewBrowser();
        await StorefrontForms.AddToCartAsync(browser.On(A), slug, 2);

        var onB = browser.On(B);
        var response = await StorefrontForms.PlaceAsync(onB, await FilledCheckoutAsync(onB, "0912000001", "mai.giohang@example.test"));

        Assert.True(Placed(response), $"Not placed: {response.StatusCode} {response.Headers.Location}");
        var (stock, sold) = await WithDbAsync(A, async db => (
            await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(),
            await db.Orders.Where(o => o.BuyerEmail == "mai.giohang@example.test").SelectMany(o => o.Lines).SumAsync(l => l.Quantity)));
        Assert.Equal((18, 2), (stock, sold));
    }

    [SkippableFact]
    public async Task Parallel_checkouts_on_both_nodes_for_the_last_units_sell_exactly_those_units()
    {
        const string slug = "che-dinh-tan-cuong";
        const int units = 5, buyers = 32;
        var (productId, _) = await StockAsync(A, slug, units);
        // Each buyer fills a cart on one node and places it on the other; all the placing posts go at once.
        var ready = await Task.WhenAll(Enumerable.Range(0, buyers).Select(async i =>
        {
            var browser = NewBrowser();
            var (cartNode, checkoutNode) = i % 2 == 0 ? (A, B) : (B, A);
            await StorefrontForms.AddToCartAsync(browser.On(cartNode), slug, 1);
            var client = browser.On(checkoutNode);
            return (client, fields: await FilledCheckoutAsync(client, $"0913{i:000000}", $"mai.cuoi{i}@example.test"));
        }));

        var responses = await Task.WhenAll(ready.Select(b => Task.Run(() => StorefrontForms.PlaceAsync(b.client, b.fields))));

        Assert.Equal(units, responses.Count(Placed));
        Assert.All(responses.Where(r => !Placed(r)), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode)); // "only 0 left", not an error
        var (stock, sold) = await WithDbAsync(B, async db => (
            await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(),
            await db.Orders.Where(o => o.BuyerEmail!.StartsWith("mai.cuoi")).SelectMany(o => o.Lines).SumAsync(l => l.Quantity)));
        Assert.Equal((0, units), (stock, sold));
    }

    [SkippableFact]
    public async Task A_product_published_on_one_node_is_counted_in_the_other_nodes_facets_within_the_bound()
    {
        var query = new CatalogQuery { Group = OcopGroup.Drinks };
        var today = A.Clock.Today();
        var productId = await WithDbAsync(A, async db =>
        {
            var drink = await db.Products.FirstAsync(p => p.Group == OcopGroup.Drinks && p.IsPublished
                                                          && p.CertificateStars >= 3 && p.CertificateValidUntil > today);
            drink.Unpublish();
            await db.SaveChangesAsync();
            return drink.Id;
        });
        var catalogOnB = B.Services.GetRequiredService<CatalogService>();
        B.Clock.AdjustTime(B.Clock.GetUtcNow() + CatalogCache.MaxStaleness); // B's counts from before the unpublish are gone
        var before = (await catalogOnB.SearchAsync(query)).Total;

        await WithDbAsync(A, async db =>
        {
            (await db.Products.SingleAsync(p => p.Id == productId)).Publish(today);
            return await db.SaveChangesAsync();
        });
        // The time alone moves (no worker timers fire): only B's cache and its once-a-second read of the version see it.
        B.Clock.AdjustTime(B.Clock.GetUtcNow() + CatalogCache.MaxStaleness);
        Assert.Equal(before + 1, (await catalogOnB.SearchAsync(query)).Total);

        // And what a visitor sees on B's catalog page: the group's count in the filter.
        var page = await StorefrontForms.HtmlAsync(await NewBrowser().On(B).GetAsync("/san-pham"));
        var option = page.QuerySelectorAll("[data-testid=filter-panel] option")
            .First(o => o.GetAttribute("value") == query.Group!.Value.Key());
        Assert.Contains($"({before + 1})", option.TextContent);
    }

    /// <summary>
    /// Each node keeps its own output cache. A price changed through node A is gone from node B's cached page once B
    /// has read the change (its page-change worker, once a second of B's clock): until then B's copy is B's own.
    /// </summary>
    [SkippableFact]
    public async Task A_price_changed_on_one_node_is_fresh_on_the_other_nodes_cached_page_after_its_next_read()
    {
        const string slug = "mam-ca-me-vinh";
        async Task<HttpResponseMessage> OnB() => await NewBrowser().On(B).GetAsync("/san-pham/" + slug);
        static async Task<string> PriceAsync(HttpResponseMessage page) =>
            (await StorefrontForms.HtmlAsync(page)).QuerySelector("[data-testid=price] strong")!.TextContent;
        await OnB();
        var cached = await OnB();
        Assert.NotNull(cached.Headers.Age);
        var before = await PriceAsync(cached);

        var price = await WithDbAsync(A, async db =>
        {
            var product = await db.Products.SingleAsync(p => p.Slug == slug);
            product.SetPrice(product.PriceVnd + 2_000);
            await db.SaveChangesAsync();
            return product.PriceVnd;
        });
        var onA = await NewBrowser().On(A).GetAsync("/san-pham/" + slug);
        Assert.Equal(OcopMarket.Web.Localization.Labels.Price(price), await PriceAsync(onA)); // A evicted its own at once
        var stillCachedOnB = await OnB();
        Assert.NotNull(stillCachedOnB.Headers.Age);
        Assert.Equal(before, await PriceAsync(stillCachedOnB));

        Assert.True(await B.Clock.AdvanceUntilAsync(OcopMarket.Web.Workers.PageChangeWorker.Interval,
            async () => await PriceAsync(await OnB()) == OcopMarket.Web.Localization.Labels.Price(price)),
            "node B never dropped its cached page after A's price change");
    }

    [SkippableFact]
    public async Task Each_queued_email_is_sent_once_when_both_nodes_outbox_workers_run()
    {
        // Some mail to send: a checkout queues the buyer's and the producer's emails.
        await StockAsync(A, "che-bat-tien-huong-tam", 10);
        for (var i = 0; i < 4; i++)
        {
            var browser = NewBrowser();
            await StorefrontForms.AddToCartAsync(browser.On(A), "che-bat-tien-huong-tam", 1);
            var client = browser.On(i % 2 == 0 ? A : B);
            Assert.True(Placed(await StorefrontForms.PlaceAsync(client, await FilledCheckoutAsync(client, $"0914{i:000000}", $"mai.thu{i}@example.test"))));
        }
        Task<bool> AllSentAsync() => WithDbAsync(A, db => db.OutboxEmails.AllAsync(e => e.SentAt != null));
        Assert.False(await AllSentAsync());

        // Both nodes' clocks move together (their claims are timed by them), so both workers wake each step.
        var done = await Task.WhenAll(
            A.Clock.AdvanceUntilAsync(TimeSpan.FromSeconds(15), AllSentAsync),
            B.Clock.AdvanceUntilAsync(TimeSpan.FromSeconds(15), AllSentAsync));
        Assert.All(done, Assert.True);

        var queued = await WithDbAsync(A, db => db.OutboxEmails.Select(e => new { e.To, e.Subject }).ToListAsync());
        // Whichever node's worker wakes first may take them all; a node that sent none has no mail folder.
        var delivered = new[] { A.MailDirectory, B.MailDirectory }.Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.eml"))
            .Select(file => MimeMessage.Load(file)).Select(m => new { To = m.To.Mailboxes.Single().Address, m.Subject }).ToList();
        Assert.Equal(queued.Count, delivered.Count);
        Assert.Equal(queued.Select(q => $"{q.To} {q.Subject}").Order(), delivered.Select(d => $"{d.To} {d.Subject}").Order());
    }
}
