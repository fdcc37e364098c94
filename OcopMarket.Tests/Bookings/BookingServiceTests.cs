using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Bookings;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Bookings;

/// <summary>
/// Bookings through the real checkout, expiry and cancellation on both providers. The seed makes Lan's Homestay
/// (Cao Bằng) four rooms a night, booked a day ahead, refunded until three days before; the test clock is Saturday
/// 28 November 2026, 10:00 in Vietnam.
/// </summary>
public abstract class BookingServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : BookingServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : BookingServiceTests(DatabaseProvider.PostgreSql);

    internal const string HomestaySlug = "lan-s-homestay";
    private static readonly DeliveryAddress Guest = new("Trần Văn Nam", "0912 345 678", "Số 5, ngõ 12", "05503", "19", null);
    private static readonly DateOnly Friday = new(2026, 12, 4);

    private TestDatabase _db = null!;
    private CheckoutService _checkout = null!;
    private BookingService _bookings = null!;
    private (int Id, long Price, int ProducerId) _homestay;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _checkout = new CheckoutService(_db, _db.Clock, CheckoutOptions.Default);
        _bookings = new BookingService(_db, _db.Clock);
        _homestay = await HomestayAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    internal static async Task<(int Id, long Price, int ProducerId)> HomestayAsync(IDbContextFactory<OcopDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var p = await db.Products.SingleAsync(x => x.Slug == HomestaySlug);
        return (p.Id, p.PriceVnd, p.ProducerId);
    }

    private Task<PlacedCheckout> BookAsync(DateOnly date, int nights, PaymentMethod payment = PaymentMethod.BankTransfer, int people = 2) =>
        _checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(_homestay.Id, nights, _homestay.Price, new BookingChoice(date, nights, people, null))],
            Guest, payment, null, "nam@example.test", (id, t) => "http://localhost" + OrderPaths.BuyerOrder(id, t)));

    private async Task<int> TakenAsync(DateOnly day)
    {
        await using var db = _db.CreateDbContext();
        return await db.BookingDays.Where(d => d.ProductId == _homestay.Id && d.Date == day).Select(d => d.Taken).SingleOrDefaultAsync();
    }

    [SkippableFact]
    public async Task The_seed_makes_every_tourism_product_bookable()
    {
        await using var db = _db.CreateDbContext();
        var tourism = await db.Products.CountAsync(p => p.Group == Core.Reference.Domain.OcopGroup.Tourism);
        Assert.Equal(4, tourism);
        Assert.Equal(tourism, await db.BookableOffers.CountAsync());
        var offer = await db.BookableOffers.SingleAsync(o => o.ProductId == _homestay.Id);
        Assert.Equal((BookingPricing.PerRoomNight, 4), (offer.Pricing, offer.PlacesPerSlot));
    }

    [SkippableFact]
    public async Task Two_nights_take_a_room_on_each_night_in_one_order_without_shipping()
    {
        var placed = await BookAsync(Friday, nights: 2);

        Assert.Equal(1, await TakenAsync(Friday));
        Assert.Equal(1, await TakenAsync(Friday.AddDays(1)));
        Assert.Equal(0, await TakenAsync(Friday.AddDays(2)));
        await using var db = _db.CreateDbContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.CheckoutId == placed.CheckoutId);
        var line = Assert.Single(order.Lines);
        Assert.Equal(2, line.Quantity); // two nights charged
        Assert.Equal(new BookingChoice(Friday, 2, 2, null), line.Booking);
        Assert.Equal(0, order.ShippingFeeVnd);
        Assert.Equal(2 * _homestay.Price, order.TotalVnd);
        var booking = await db.Bookings.SingleAsync(b => b.OrderId == order.Id);
        Assert.Equal(("Trần Văn Nam", "0912345678", 1), (booking.GuestName, booking.GuestPhone, booking.Places));
        var email = await db.OutboxEmails.Where(m => m.To == "nam@example.test").Select(m => m.Body).SingleAsync();
        Assert.Contains("04/12/2026 – 06/12/2026 (2 đêm)", email);
        Assert.Contains($"(.ics): http://localhost/don-hang/{placed.CheckoutId}/lich.ics?t=", email);
    }

    [SkippableFact]
    public async Task Cash_on_delivery_is_refused_for_a_booking_and_nothing_is_taken()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => BookAsync(Friday, 1, PaymentMethod.CashOnDelivery));
        Assert.Contains("chuyển khoản", e.Text.Vi);
        Assert.Contains("bank transfer or card", e.Text.En);
        Assert.Equal(0, await TakenAsync(Friday));
    }

    [SkippableFact]
    public async Task A_stay_over_a_full_night_is_refused_with_that_night_and_takes_no_other()
    {
        for (var i = 0; i < 4; i++) await BookAsync(Friday.AddDays(1), 1);
        var e = await Assert.ThrowsAsync<FullyBookedException>(() => BookAsync(Friday, 2));
        Assert.Equal(Friday.AddDays(1), e.Day);
        Assert.Equal("Ngày 05/12/2026 của “Lan's Homestay” đã hết chỗ. Vui lòng chọn ngày khác.", e.Text.Vi);
        Assert.Equal("“Lan's Homestay” is fully booked on 05/12/2026. Please choose another date.", e.Text.En);
        Assert.Equal(0, await TakenAsync(Friday)); // the first night, taken before the second failed, rolled back
        await Assert.ThrowsAsync<FullyBookedException>(() => _bookings.QuoteAsync(_homestay.Id, new BookingChoice(Friday, 2, 2, null)));
        var month = await _bookings.CalendarAsync(_homestay.Id, 2026, 12);
        Assert.Equal(DayState.Full, month!.Month.Days.Single(d => d.Date == Friday.AddDays(1)).State);
        Assert.Equal((DayState.Open, 4), month.Month.Days.Where(d => d.Date == Friday).Select(d => (d.State, d.Left)).Single());
    }

    [SkippableFact]
    public async Task An_unpaid_booking_gives_its_nights_back_when_the_payment_window_ends()
    {
        var stockBefore = await StockAsync();
        await BookAsync(Friday, 2);
        _db.Clock.Now += CheckoutOptions.Default.PaymentWindow + TimeSpan.FromMinutes(1);
        Assert.Equal(1, await new OrderExpiryService(_db, _db.Clock).ExpireDueAsync());
        Assert.Equal(0, await TakenAsync(Friday));
        Assert.Equal(0, await TakenAsync(Friday.AddDays(1)));
        await using var db = _db.CreateDbContext();
        Assert.NotNull((await db.Bookings.SingleAsync()).ReleasedAt);
        Assert.Equal(stockBefore, await StockAsync()); // places, not units: the product's stock was never touched
    }

    private async Task<int> StockAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.Id == _homestay.Id).Select(p => p.Stock).SingleAsync();
    }

    [SkippableFact]
    public async Task A_paid_booking_cancelled_in_time_is_released_and_after_the_policy_s_day_is_refused()
    {
        var early = await BookAsync(new DateOnly(2026, 12, 10), 1);
        var late = await BookAsync(Friday, 1);
        await using (var db = _db.CreateDbContext())
        {
            foreach (var o in await db.Orders.ToListAsync()) o.MarkPaid(_db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        _db.Clock.Now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7)); // Friday is two days away; the 10th eight
        var orders = new OrderQueryService(_db, _db.Clock, _db.Cards());

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            orders.CancelByBuyerAsync(late.CheckoutId, late.Orders[0].Id, late.AccessToken, null));
        Assert.Contains("01/12/2026", refused.Text.Vi);
        Assert.Contains("not refunded", refused.Text.En);
        Assert.Equal(1, await TakenAsync(Friday));

        await orders.CancelByBuyerAsync(early.CheckoutId, early.Orders[0].Id, early.AccessToken, null);
        Assert.Equal(0, await TakenAsync(new DateOnly(2026, 12, 10)));
    }

    [SkippableFact]
    public async Task The_producer_sees_guests_per_night_closes_a_date_and_another_producer_cannot()
    {
        await BookAsync(Friday, 2, people: 3);
        var owner = new Actor("owner", _homestay.ProducerId, false);
        var month = await _bookings.ProducerMonthAsync(owner, _homestay.Id, 2026, 12);
        Assert.Equal(3, month.PeopleByDay[Friday]);
        Assert.Equal(3, month.PeopleByDay[Friday.AddDays(1)]);
        Assert.False(month.PeopleByDay.ContainsKey(Friday.AddDays(2)));
        var night = await _bookings.ProducerDayAsync(owner, _homestay.Id, Friday.AddDays(1));
        Assert.Equal(("Trần Văn Nam", "0912345678"), (night.Guests.Single().GuestName, night.Guests.Single().GuestPhone));

        await _bookings.SetClosedAsync(owner, _homestay.Id, new DateOnly(2026, 12, 24), closed: true);
        var e = await Assert.ThrowsAsync<DateNotOpenException>(() => BookAsync(new DateOnly(2026, 12, 23), 2));
        Assert.Contains("24/12/2026", e.Text.Vi);
        Assert.Equal(DayState.Closed, (await _bookings.CalendarAsync(_homestay.Id, 2026, 12))!.Month.Days.Single(d => d.Date == new DateOnly(2026, 12, 24)).State);
        await _bookings.SetClosedAsync(owner, _homestay.Id, new DateOnly(2026, 12, 24), closed: false);
        await BookAsync(new DateOnly(2026, 12, 23), 2);

        int otherProducer;
        await using (var db = _db.CreateDbContext())
            otherProducer = await db.Producers.Where(p => p.Id != _homestay.ProducerId).Select(p => p.Id).FirstAsync();
        var stranger = new Actor("stranger", otherProducer, false);
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.ProducerMonthAsync(stranger, _homestay.Id, 2026, 12));
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.ProducerDayAsync(stranger, _homestay.Id, Friday));
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.SetClosedAsync(stranger, _homestay.Id, Friday, true));
    }

    [SkippableFact]
    public async Task A_tour_by_the_person_takes_its_people_in_the_slot_chosen_only()
    {
        // The Tày village tour: 20 places at 08:00 and at 14:00, booked two days ahead, closed on Mondays.
        int tourId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var tour = await db.Products.SingleAsync(p => p.Slug == "du-lich-van-hoa-dan-toc-tay-ban-lang-thai-hai");
            (tourId, price) = (tour.Id, tour.PriceVnd);
        }
        var sunday = new DateOnly(2026, 12, 6);
        CheckoutRequest Tour(int people, string? slot) => new([new CheckoutLine(tourId, people, price, new BookingChoice(sunday, 0, people, slot))],
            Guest with { Phone = $"09123{people:00}{slot?.Length ?? 0}11" }, PaymentMethod.BankTransfer, null, null);

        var placed = await _checkout.PlaceAsync(Tour(10, "08:00"));
        await Assert.ThrowsAsync<DomainException>(() => _checkout.PlaceAsync(Tour(11, "08:00"))); // ten people a booking at most
        await _checkout.PlaceAsync(Tour(10, "08:00"));
        var full = await Assert.ThrowsAsync<FullyBookedException>(() => _checkout.PlaceAsync(Tour(1, "08:00")));
        Assert.Equal(0, full.Left);
        await _checkout.PlaceAsync(Tour(9, "14:00"));
        await Assert.ThrowsAsync<DomainException>(() => _checkout.PlaceAsync(Tour(2, null))); // a slot must be chosen

        await using var check = _db.CreateDbContext();
        var taken = await check.BookingDays.Where(d => d.ProductId == tourId).OrderBy(d => d.Slot).Select(d => new { d.Slot, d.Taken }).ToListAsync();
        Assert.Equal([new { Slot = "08:00", Taken = 20 }, new { Slot = "14:00", Taken = 9 }], taken);
        var order = await check.Orders.Include(o => o.Lines).SingleAsync(o => o.CheckoutId == placed.CheckoutId);
        Assert.Equal(10 * price, order.TotalVnd); // ten people
        var day = (await _bookings.CalendarAsync(tourId, 2026, 12))!.Month.Days.Single(d => d.Date == sunday);
        Assert.Equal((DayState.Open, 11), (day.State, day.Left)); // the 14:00 tour still has 11
        Assert.Equal([("08:00", 0), ("14:00", 11)], day.SlotsLeft);
    }

    [SkippableFact]
    public async Task The_producer_sets_the_offer_of_a_tourism_product_only_its_own_and_only_group_6()
    {
        var owner = new Actor("owner", _homestay.ProducerId, false);
        var settings = await _bookings.OfferSettingsAsync(owner, _homestay.Id);
        await _bookings.SaveOfferAsync(owner, _homestay.Id, settings! with { PlacesPerSlot = 1, OpenDays = BookableOffer.Weekdays(DayOfWeek.Friday, DayOfWeek.Saturday) });

        var month = (await _bookings.CalendarAsync(_homestay.Id, 2026, 12))!.Month;
        Assert.Equal((DayState.Open, 1), month.Days.Where(d => d.Date == Friday).Select(d => (d.State, d.Left)).Single());
        Assert.Equal(DayState.NotRunning, month.Days.Single(d => d.Date == Friday.AddDays(2)).State); // a Sunday
        await BookAsync(Friday, 2);
        await Assert.ThrowsAsync<FullyBookedException>(() => BookAsync(Friday, 1));

        int teaId, otherProducer;
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            (teaId, otherProducer) = (tea.Id, tea.ProducerId);
        }
        var teaMaker = new Actor("tea", otherProducer, false);
        var notTourism = await Assert.ThrowsAsync<DomainException>(() => _bookings.SaveOfferAsync(teaMaker, teaId, OfferSettings.Default));
        Assert.Contains("group 6", notTourism.Text.En);
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.SaveOfferAsync(teaMaker, _homestay.Id, OfferSettings.Default));
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.OfferSettingsAsync(teaMaker, _homestay.Id));
        Assert.Empty(await _bookings.ProducerServicesAsync(teaMaker));
        Assert.Equal([new BookableProductRow(_homestay.Id, "Lan's Homestay", true)], await _bookings.ProducerServicesAsync(owner));
    }

    /// <summary>The last rooms of a night, many travellers at once: exactly that many are sold, on both providers.</summary>
    [SkippableFact]
    public async Task Parallel_bookings_for_the_last_places_sell_exactly_that_many()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ocop-bookings-{Guid.NewGuid():N}.db");
        try
        {
            var (factory, clock) = await ConcurrentDatabaseAsync(path);
            var homestay = await HomestayAsync(factory);
            var checkout = new CheckoutService(factory, clock, CheckoutOptions.Default);
            // One room of four already sold: three are left, and every traveller wants Friday and Saturday.
            await checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(homestay.Id, 1, homestay.Price, new BookingChoice(Friday, 1, 2, null))],
                Guest, PaymentMethod.BankTransfer, null, null));
            const int travellers = 24;
            using var start = new Barrier(travellers);
            var attempts = Enumerable.Range(0, travellers).Select(t => Task.Factory.StartNew(() =>
            {
                if (!start.SignalAndWait(TimeSpan.FromSeconds(60))) throw new TimeoutException("Not every traveller reached the start.");
                try
                {
                    checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(homestay.Id, 2, homestay.Price, new BookingChoice(Friday, 2, 2, null))],
                        Guest with { Phone = $"09123456{t:00}" }, PaymentMethod.BankTransfer, null, null)).GetAwaiter().GetResult();
                    return true;
                }
                catch (FullyBookedException)
                {
                    return false;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
            var results = await Task.WhenAll(attempts);

            Assert.Equal(3, results.Count(ok => ok));
            await using var check = await factory.CreateDbContextAsync();
            var nights = await check.BookingDays.Where(d => d.ProductId == homestay.Id).OrderBy(d => d.Date).Select(d => d.Taken).ToListAsync();
            Assert.Equal([4, 3], nights); // Friday full; Saturday has the three stays
            Assert.Equal(4, await check.Bookings.CountAsync(b => b.ProductId == homestay.Id));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
    }

    private async Task<(IDbContextFactory<OcopDbContext> Factory, FakeClock Clock)> ConcurrentDatabaseAsync(string sqlitePath)
    {
        if (provider == DatabaseProvider.PostgreSql) return (_db, _db.Clock);
        var factory = new FileFactory(new DbContextOptionsBuilder<SqliteOcopDbContext>()
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

    private sealed class FileFactory(DbContextOptions<SqliteOcopDbContext> options) : IDbContextFactory<OcopDbContext>
    {
        public OcopDbContext CreateDbContext() => new SqliteOcopDbContext(options);
    }
}
