using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

public abstract class CheckoutServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CheckoutServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : CheckoutServiceTests(DatabaseProvider.PostgreSql);

    // Xã Tân Cương (05503), Thái Nguyên (19).
    private static readonly DeliveryAddress Address = new("Nguyễn Thị Mai", "0912 345 678", "Số 5, ngõ 12", "05503", "19", null);

    private TestDatabase _db = null!;
    private CheckoutService _checkout = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _checkout = new CheckoutService(_db, _db.Clock, CheckoutOptions.Default);
        // Demo stock is generated and may be zero: give the two products these tests buy a known stock.
        await using var db = _db.CreateDbContext();
        foreach (var p in await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong" || p.Slug == "ruou-nep-cai-hoa-vang").ToListAsync())
            p.SetStock(50);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Id, long Price, int Stock, int ProducerId)> ProductAsync(string slug)
    {
        await using var db = _db.CreateDbContext();
        var p = await db.Products.SingleAsync(x => x.Slug == slug);
        return (p.Id, p.PriceVnd, p.Stock, p.ProducerId);
    }

    private async Task SetStockAsync(string slug, int stock)
    {
        await using var db = _db.CreateDbContext();
        (await db.Products.SingleAsync(p => p.Slug == slug)).SetStock(stock);
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task Two_producers_in_one_cart_make_two_orders_with_their_own_numbers_and_shipping()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var spirit = await ProductAsync("ruou-nep-cai-hoa-vang");
        var placed = await _checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(tea.Id, 1, tea.Price), new CheckoutLine(spirit.Id, 2, spirit.Price)], Address, PaymentMethod.CashOnDelivery, null, "mai@example.test"));

        Assert.Equal(2, placed.Orders.Count);
        Assert.Equal(2, placed.Orders.Select(o => o.Number).Distinct().Count());
        Assert.All(placed.Orders, o => Assert.Matches(@"^OCM-261128-[2-9A-HJ-NP-Z]{6}$", o.Number));
        // Cash on delivery now waits for each producer's confirmation call (it used to start Confirmed).
        Assert.All(placed.Orders, o => Assert.Equal(OrderStatus.AwaitingConfirmation, o.Status));

        await using var db = _db.CreateDbContext();
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Events).Where(o => o.CheckoutId == placed.CheckoutId).ToListAsync();
        var teaOrder = orders.Single(o => o.ProducerId == tea.ProducerId);
        Assert.Equal(tea.Price, teaOrder.Lines.Single().UnitPriceVnd);
        Assert.Equal(CheckoutOptions.Default.Shipping.FeeFor(tea.Price), teaOrder.ShippingFeeVnd);
        Assert.Equal("0912345678", teaOrder.Delivery!.Phone);
        Assert.Equal(tea.Stock - 1, (await db.Products.SingleAsync(p => p.Id == tea.Id)).Stock);
        Assert.Equal(spirit.Stock - 2, (await db.Products.SingleAsync(p => p.Id == spirit.Id)).Stock);
        // One line of the consent ledger for the checkout (not one per order), the privacy notice in force, committed with the orders.
        var consent = await db.ConsentRecords.SingleAsync(r => r.CheckoutId == placed.CheckoutId);
        Assert.Equal((null, OcopMarket.Core.Legal.Domain.ConsentPurpose.OrderProcessing, true, OcopMarket.Core.Legal.LegalDocuments.PrivacyNotice.Current.Version),
            (consent.UserId, consent.Purpose, consent.Granted, consent.DocumentVersion));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task A_payment_that_is_no_payment_method_is_refused_before_anything_is_taken(int payment)
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var error = await Assert.ThrowsAsync<DomainException>(() => _checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(tea.Id, 1, tea.Price)], Address, (PaymentMethod)payment, null, null)));
        Assert.Equal(("Vui lòng chọn một cách thanh toán.", "Please choose a way to pay."), (error.Text.Vi, error.Text.En));
        Assert.Equal(tea.Stock, (await ProductAsync("che-dinh-tan-cuong")).Stock);
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [SkippableFact]
    public async Task A_changed_price_stops_the_checkout_and_reserves_nothing()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var error = await Assert.ThrowsAsync<PriceChangedException>(() => _checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(tea.Id, 1, tea.Price - 1000)], Address, PaymentMethod.CashOnDelivery, null, null)));
        Assert.Equal(tea.Price, error.NewPriceVnd);
        Assert.Equal(tea.Stock, (await ProductAsync("che-dinh-tan-cuong")).Stock);
    }

    [SkippableFact]
    public async Task Asking_for_more_than_is_left_says_how_many_remain_and_rolls_back_every_line()
    {
        // Fewer units left than the per-line cap, so it is the stock that refuses the line, not the cap.
        await SetStockAsync("che-dinh-tan-cuong", 4);
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var spirit = await ProductAsync("ruou-nep-cai-hoa-vang");
        var error = await Assert.ThrowsAsync<OutOfStockException>(() => _checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(spirit.Id, 1, spirit.Price), new CheckoutLine(tea.Id, tea.Stock + 1, tea.Price)], Address, PaymentMethod.CashOnDelivery, null, null)));
        Assert.Equal(tea.Stock, error.Available);
        Assert.Contains($"chỉ còn {tea.Stock}", error.Message);
        Assert.Equal(spirit.Stock, (await ProductAsync("ruou-nep-cai-hoa-vang")).Stock); // the first line was given back
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    /// <summary>
    /// On PostgreSQL the orders are written before the stock is taken (so a hot product's row is locked only for its
    /// update and the commit); on SQLite after. Either way the last unit's sale names the product's page and the
    /// listings, and a checkout refused for want of stock leaves no order, no email and no page change behind.
    /// </summary>
    [SkippableFact]
    public async Task The_last_unit_names_its_page_and_the_listings_and_a_refused_checkout_leaves_nothing_behind()
    {
        await SetStockAsync("che-dinh-tan-cuong", 1);
        var tea = await ProductAsync("che-dinh-tan-cuong");
        async Task<(int Orders, int Emails, List<string> Changes)> WrittenAsync()
        {
            await using var db = _db.CreateDbContext();
            return (await db.Orders.CountAsync(), await db.Set<OcopMarket.Core.Email.Domain.OutboxEmail>().CountAsync(),
                await db.Set<OcopMarket.Core.PublicPages.Domain.PageChange>().OrderBy(c => c.Id).Select(c => c.Tags).ToListAsync());
        }
        var before = await WrittenAsync();

        await _checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(tea.Id, 1, tea.Price)], Address, PaymentMethod.CashOnDelivery, null, "mai@example.test"));
        var sold = await WrittenAsync();
        Assert.Equal(before.Orders + 1, sold.Orders);
        Assert.True(sold.Emails > before.Emails, "the placement emails are queued");
        var tags = sold.Changes.Skip(before.Changes.Count).SelectMany(t => t.Split(' ')).ToHashSet();
        Assert.Contains(OcopMarket.Core.PublicPages.Domain.PageTags.Product(tea.Id), tags);
        Assert.Contains(OcopMarket.Core.PublicPages.Domain.PageTags.Listings, tags);

        var error = await Assert.ThrowsAsync<OutOfStockException>(() => _checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(tea.Id, 1, tea.Price)], Address with { Phone = "0987 654 321" }, PaymentMethod.CashOnDelivery, null, "lan@example.test")));
        Assert.Equal(0, error.Available);
        var refused = await WrittenAsync();
        Assert.Equal(sold.Orders, refused.Orders);
        Assert.Equal(sold.Emails, refused.Emails);
        Assert.Equal(sold.Changes, refused.Changes);
        Assert.Equal(0, (await ProductAsync("che-dinh-tan-cuong")).Stock);
        await using (var db = _db.CreateDbContext())
            Assert.Equal(1, await db.ConsentRecords.CountAsync(r => r.Source == OcopMarket.Core.Legal.Domain.ConsentSource.Checkout)); // none for the refused one
    }

    [SkippableFact]
    public async Task Bad_delivery_details_are_refused_with_a_reason()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        Task Place(DeliveryAddress a, PaymentMethod m = PaymentMethod.CashOnDelivery) =>
            _checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(tea.Id, 1, tea.Price)], a, m, null, null));
        Assert.Contains("di động", (await Assert.ThrowsAsync<DomainException>(() => Place(Address with { Phone = "024 3826 4000" }))).Message);
        Assert.Contains("không thuộc tỉnh", (await Assert.ThrowsAsync<DomainException>(() => Place(Address with { ProvinceCode = "01" }))).Message);
        Assert.Contains("họ tên", (await Assert.ThrowsAsync<DomainException>(() => Place(Address with { RecipientName = " " }))).Message);
        Assert.Contains("thẻ", (await Assert.ThrowsAsync<DomainException>(() => Place(Address, PaymentMethod.Card))).Message);
    }

    [SkippableFact]
    public async Task A_transfer_order_waits_for_payment_until_its_window_ends()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var placed = await _checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(tea.Id, 1, tea.Price)], Address, PaymentMethod.BankTransfer, null, null));
        await using var db = _db.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == placed.Orders[0].Id);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(order.PlacedAt + CheckoutOptions.Default.PaymentWindow, order.PaymentDueAt);
    }

    /// <summary>K units, many buyers at once: exactly K are sold and stock never goes below zero.</summary>
    [SkippableFact]
    public async Task Parallel_checkouts_for_the_last_units_never_oversell()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ocop-oversell-{Guid.NewGuid():N}.db");
        try
        {
            var (factory, clock) = await ConcurrentDatabaseAsync(path);
            const int units = 5;
            int productId;
            long price;
            await using (var db = factory.CreateDbContext())
            {
                var product = await db.Products.FirstAsync(p => p.Slug == "che-dinh-tan-cuong");
                product.SetStock(units);
                await db.SaveChangesAsync();
                (productId, price) = (product.Id, product.PriceVnd);
            }

            var checkout = new CheckoutService(factory, clock, CheckoutOptions.Default);
            // Each buyer on a thread of its own, all held at a barrier until the last one is ready, so the checkouts
            // really start together instead of one after another as a thread pool warms up.
            const int buyers = 24;
            using var start = new Barrier(buyers);
            var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
            var inFlight = 0;
            var mostAtOnce = 0;
            // Each buyer with a phone of their own: one phone may hold only a few unconfirmed cash orders.
            var attempts = Enumerable.Range(0, buyers).Select(buyer => Task.Factory.StartNew(() =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                if (!start.SignalAndWait(TimeSpan.FromSeconds(60))) throw new TimeoutException("Not every buyer reached the start.");
                var now = Interlocked.Increment(ref inFlight);
                for (var seen = Volatile.Read(ref mostAtOnce); now > seen; seen = Volatile.Read(ref mostAtOnce))
                    Interlocked.CompareExchange(ref mostAtOnce, now, seen);
                try
                {
                    checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(productId, 1, price)],
                            Address with { Phone = $"09123456{buyer:00}" }, PaymentMethod.CashOnDelivery, null, null))
                        .GetAwaiter().GetResult();
                    return true;
                }
                catch (OutOfStockException)
                {
                    return false;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
            var results = await Task.WhenAll(attempts);

            Assert.Equal(buyers, threads.Distinct().Count());
            Assert.True(mostAtOnce > 1, "the checkouts overlapped");
            Assert.Equal(units, results.Count(ok => ok));
            Assert.Equal(buyers - units, results.Count(ok => !ok));
            await using var check = factory.CreateDbContext();
            Assert.Equal(0, (await check.Products.SingleAsync(p => p.Id == productId)).Stock);
            var sold = await check.Orders.SelectMany(o => o.Lines).Where(l => l.ProductId == productId).SumAsync(l => l.Quantity);
            Assert.Equal(units, sold);
        }
        finally
        {
            DeleteSqliteFile(path);
        }
    }

    /// <summary>
    /// A database where checkouts really run at once. SQLite: a file database, as in production, so every checkout
    /// gets its own connection and SQLite's own locking (not the in-memory test database's shared cache).
    /// PostgreSQL: the test's own database.
    /// </summary>
    private async Task<(IDbContextFactory<OcopDbContext> Factory, FakeClock Clock)> ConcurrentDatabaseAsync(string sqlitePath)
    {
        if (provider == DatabaseProvider.PostgreSql) return (_db, _db.Clock);
        var factory = new SimpleFactory(new DbContextOptionsBuilder<SqliteOcopDbContext>()
            .UseSqlite($"Data Source={sqlitePath};Pooling=False;Default Timeout=30").AddInterceptors(new SqliteBusyTimeout()).Options);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var clock = new FakeClock();
        await new CatalogSeeder(factory, clock, NullLogger<CatalogSeeder>.Instance).SeedAsync();
        return (factory, clock);
    }

    private static void DeleteSqliteFile(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }

    /// <summary>The cash-on-delivery cap per phone holds when that phone's checkouts arrive all at once.</summary>
    [SkippableFact]
    public async Task Parallel_cash_checkouts_from_one_phone_stop_at_its_cap()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ocop-cod-cap-{Guid.NewGuid():N}.db");
        try
        {
            var (factory, clock) = await ConcurrentDatabaseAsync(path);
            const int cap = 3, attempts = 12;
            // A different product each time: checkouts of one product already queue on its stock row, and the cap
            // must hold without that help.
            List<(int Id, long Price)> products;
            await using (var db = factory.CreateDbContext())
            {
                var chosen = await db.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Take(attempts).ToListAsync();
                foreach (var product in chosen) product.SetStock(100);
                await db.SaveChangesAsync();
                products = chosen.Select(p => (p.Id, p.PriceVnd)).ToList();
            }
            var checkout = new CheckoutService(factory, clock, CheckoutOptions.Default with
            {
                Limits = CheckoutOptions.Default.Limits with { MaxUnconfirmedCodCheckoutsPerPhone = cap, MaxUnconfirmedCodCheckoutsPerIp = 100 },
            });
            using var start = new Barrier(attempts);
            var results = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(60));
                try
                {
                    // One phone, a different address each time (a phone's cap, not an address's).
                    checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(products[i].Id, 1, products[i].Price)], Address,
                        PaymentMethod.CashOnDelivery, null, null, ClientIp: $"198.51.100.{i + 1}")).GetAwaiter().GetResult();
                    return true;
                }
                catch (DomainException)
                {
                    return false;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

            Assert.Equal(cap, results.Count(placed => placed));
            await using var check = factory.CreateDbContext();
            Assert.Equal(cap, await check.Orders.CountAsync()); // a fresh database: only these orders
            var ids = products.Select(p => p.Id).ToList();
            Assert.Equal(attempts * 100 - cap, await check.Products.Where(p => ids.Contains(p.Id)).SumAsync(p => p.Stock)); // refused ones rolled back
        }
        finally
        {
            DeleteSqliteFile(path);
        }
    }

    private sealed class SimpleFactory(DbContextOptions<SqliteOcopDbContext> options) : IDbContextFactory<OcopDbContext>
    {
        public OcopDbContext CreateDbContext() => new SqliteOcopDbContext(options);
    }
}

public class CheckoutOptionsTests
{
    private static Microsoft.Extensions.Configuration.IConfiguration Config(params (string Key, string Value)[] values) =>
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
            values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Missing_settings_keep_the_defaults() =>
        Assert.Equal(CheckoutOptions.Default, CheckoutOptions.From(Config(), cardPaymentsEnabled: false));

    [Fact]
    public void Settings_override_fee_threshold_and_window()
    {
        var options = CheckoutOptions.From(Config(("Checkout:ShippingFlatFee", "25000"), ("Checkout:FreeShippingFrom", "0"), ("Checkout:PaymentWindowHours", "48")), false);
        Assert.Equal(25_000, options.Shipping.FeeFor(10_000_000)); // 0 = never free
        Assert.Equal(TimeSpan.FromHours(48), options.PaymentWindow);
    }

    [Fact]
    public void The_hoarding_limits_default_to_48_hours_20_a_line_50_a_checkout_3_a_phone_5_an_ip_and_can_be_set()
    {
        var defaults = CheckoutOptions.From(Config(), false);
        Assert.Equal(TimeSpan.FromHours(48), defaults.CodConfirmationWindow);
        Assert.Equal(new HoardingLimits(20, 50, 3, 5), defaults.Limits);
        var set = CheckoutOptions.From(Config(("Checkout:CodConfirmationHours", "24"), ("Checkout:MaxQuantityPerLine", "5"),
            ("Checkout:MaxQuantityPerCheckout", "10"), ("Checkout:MaxUnconfirmedCodCheckoutsPerPhone", "1"),
            ("Checkout:MaxUnconfirmedCodCheckoutsPerIp", "2")), false);
        Assert.Equal(TimeSpan.FromHours(24), set.CodConfirmationWindow);
        Assert.Equal(new HoardingLimits(5, 10, 1, 2), set.Limits);
    }

    [Theory]
    [InlineData("Checkout:CodConfirmationHours", "0")]
    [InlineData("Checkout:CodConfirmationHours", "1000")]
    [InlineData("Checkout:MaxQuantityPerLine", "0")]
    [InlineData("Checkout:MaxQuantityPerCheckout", "19")]
    [InlineData("Checkout:MaxUnconfirmedCodCheckoutsPerPhone", "0")]
    [InlineData("Checkout:MaxUnconfirmedCodCheckoutsPerIp", "-1")]
    [InlineData("Checkout:ShippingFlatFee", "-1")]
    [InlineData("Checkout:ShippingFlatFee", "30.000")]
    [InlineData("Checkout:PaymentWindowHours", "0")]
    [InlineData("Checkout:PaymentWindowHours", "1000")]
    public void Nonsense_stops_start_up_with_a_message(string key, string value) =>
        Assert.Throws<InvalidOperationException>(() => CheckoutOptions.From(Config((key, value)), false));
}

public class SqliteBusyTimeoutTests
{
    [Fact]
    public async Task Every_connection_the_app_opens_waits_for_the_write_lock()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddOcopCore("Data Source=busy-timeout-test;Mode=Memory;Cache=Shared");
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IDbContextFactory<OcopMarket.Core.Persistence.OcopDbContext>>(provider);
        await using var db = await factory.CreateDbContextAsync();
        var timeout = await db.Database.SqlQuery<int>($"SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
        Assert.Equal(10_000, timeout);
    }
}
