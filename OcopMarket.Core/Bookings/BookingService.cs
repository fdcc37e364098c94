using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Bookings;

/// <summary>What the product page shows of an offer: its rules and a month of dates with the places left.</summary>
public sealed record OfferCalendar(BookableOffer Offer, long PriceVnd, string Unit, MonthCalendar Month);

/// <summary>A producer's day in the portal calendar: who comes, and whether the producer closed it.</summary>
/// <param name="ContactsHidden">The day is more than Legal:ProducerContactDays past: the guests' phones are no longer shown
/// to the producer (the privacy notice promises it for delivered orders; a stay that ended is one).</param>
public sealed record BookingDayGuests(DateOnly Date, bool Closed, IReadOnlyList<Booking> Guests, bool ContactsHidden = false);

/// <summary>The producer's month: for each day, the bookings staying or coming that day (a stay counts on each night).</summary>
public sealed record ProducerMonth(int ProductId, string ProductName, BookableOffer Offer, MonthCalendar Calendar,
    IReadOnlyDictionary<DateOnly, int> PeopleByDay, IReadOnlyDictionary<DateOnly, int> BookingsByDay);

/// <param name="Bookable">Whether it takes bookings yet (a group-6 product is sold as goods until its producer sets an offer).</param>
public sealed record BookableProductRow(int ProductId, string Name, bool Bookable);

/// <summary>What a producer sets for an offer in the portal (the rules are <see cref="BookableOffer"/>'s).</summary>
public sealed record OfferSettings(BookingPricing Pricing, int PlacesPerSlot, int LeadDays, int FreeCancellationDays, int MaxPeople,
    int MaxNights, int OpenDays, string? Seasons, string? Slots)
{
    public static OfferSettings Of(BookableOffer o) => new(o.Pricing, o.PlacesPerSlot, o.LeadDays, o.FreeCancellationDays, o.MaxPeople,
        o.MaxNights, o.OpenDays, o.Seasons, o.Slots);

    /// <summary>A first offer to start from: by the person, every day, ten places, two days ahead, refunded until two days before.</summary>
    public static readonly OfferSettings Default = new(BookingPricing.PerPerson, 10, 2, 2, 10, 0, BookableOffer.AllDays, null, null);
}

/// <summary>
/// Bookable tourism services: the public calendar, the check a booking passes before it goes into a cart, and the
/// producer's calendar with its guests and closed dates. Places are only ever taken by the checkout.
/// </summary>
public sealed class BookingService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, Legal.LegalSettings? legal = null)
{
    private readonly int _contactDays = (legal ?? new Legal.LegalSettings()).ProducerContactDays;

    /// <summary>The month of a published product's offer, or null when the product is not booked for a date.</summary>
    public async Task<OfferCalendar?> CalendarAsync(int productId, int year, int month, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offer = await db.BookableOffers.AsNoTracking().FirstOrDefaultAsync(o => o.ProductId == productId, ct);
        if (offer is null) return null;
        var product = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.PriceVnd, p.Unit }).FirstAsync(ct);
        return new OfferCalendar(offer, product.PriceVnd, product.Unit, await MonthAsync(db, offer, year, month, ct));
    }

    private async Task<MonthCalendar> MonthAsync(OcopDbContext db, BookableOffer offer, int year, int month, CancellationToken ct)
    {
        var from = new DateOnly(year, month, 1).AddDays(-7);
        var to = new DateOnly(year, month, 1).AddMonths(1).AddDays(7);
        var closed = (await db.BookingClosedDates.AsNoTracking().Where(c => c.ProductId == offer.ProductId && c.Date >= from && c.Date <= to)
            .Select(c => c.Date).ToListAsync(ct)).ToHashSet();
        var taken = await db.BookingDays.AsNoTracking().Where(d => d.ProductId == offer.ProductId && d.Date >= from && d.Date <= to)
            .ToDictionaryAsync(d => (d.Date, d.Slot), d => d.Taken, ct);
        return MonthCalendar.Build(offer, year, month, clock.Today(), closed, taken);
    }

    /// <summary>
    /// Checks a booking before it goes into the cart: the offer's rules, and that its days have the places now
    /// (a fair warning, not a hold: the checkout's conditional update decides).
    /// </summary>
    /// <returns>The unit price and the units the order line will charge.</returns>
    /// <exception cref="FullyBookedException">One of its days has too few places left.</exception>
    /// <exception cref="DomainException">The choice breaks a rule of the offer, or the product is not for sale.</exception>
    public async Task<(long PriceVnd, int Units)> QuoteAsync(int productId, BookingChoice choice, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().Where(p => p.Id == productId && p.IsPublished)
            .Select(p => new { p.Name, p.PriceVnd }).FirstOrDefaultAsync(ct);
        var offer = product is null ? null : await db.BookableOffers.AsNoTracking().FirstOrDefaultAsync(o => o.ProductId == productId, ct);
        if (product is null || offer is null) throw new DomainException(new("Dịch vụ này không nhận đặt chỗ.", "This service does not take bookings."));
        var today = clock.Today();
        var closed = (await db.BookingClosedDates.AsNoTracking().Where(c => c.ProductId == productId && c.Date >= choice.Date && c.Date <= choice.LastDay)
            .Select(c => c.Date).ToListAsync(ct)).ToHashSet();
        offer.Check(choice, today, closed);
        var places = offer.PlacesFor(choice);
        if (places > offer.PlacesPerSlot) throw new FullyBookedException(product.Name, choice.Date, offer.PlacesPerSlot);
        foreach (var day in choice.Days)
        {
            var left = await BookingRules.LeftAsync(db, offer, day, choice.Slot ?? "", ct);
            if (left < places) throw new FullyBookedException(product.Name, day, left);
        }
        return (product.PriceVnd, offer.UnitsFor(choice));
    }

    /// <summary>The address slug of a published product, for sending a refused booking back to its page.</summary>
    public async Task<string?> SlugAsync(int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => p.Id == productId && p.IsPublished).Select(p => p.Slug).FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether the product is booked for a date (the cart refuses to add it as goods).</summary>
    public async Task<bool> IsBookableAsync(int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BookableOffers.AnyAsync(o => o.ProductId == productId, ct);
    }

    /// <summary>The producer's group-6 (tourism) products, and which of them take bookings, for the portal calendar.</summary>
    public async Task<IReadOnlyList<BookableProductRow>> ProducerServicesAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking()
            .Where(p => p.ProducerId == producerId && (p.Group == OcopGroup.Tourism || db.BookableOffers.Any(o => o.ProductId == p.Id)))
            .OrderBy(p => p.Name).Select(p => new BookableProductRow(p.Id, p.Name, db.BookableOffers.Any(o => o.ProductId == p.Id))).ToListAsync(ct);
    }

    /// <summary>The offer's settings for the portal form, or null while the product takes no bookings.</summary>
    /// <exception cref="NotFoundException">Not one of the actor's products.</exception>
    public async Task<OfferSettings?> OfferSettingsAsync(Actor actor, int productId, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId && p.ProducerId == producerId, ct))
            throw new NotFoundException(new("Không tìm thấy dịch vụ đặt chỗ này.", "Booking calendar not found."));
        var offer = await db.BookableOffers.AsNoTracking().FirstOrDefaultAsync(o => o.ProductId == productId, ct);
        return offer is null ? null : OfferSettings.Of(offer);
    }

    /// <summary>
    /// The producer sets (or first makes) the offer of one of their group-6 products. Places already taken stay
    /// taken: fewer places than are booked only stop new bookings on those dates.
    /// </summary>
    /// <exception cref="NotFoundException">Not one of the actor's products.</exception>
    public async Task SaveOfferAsync(Actor actor, int productId, OfferSettings s, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Products.Where(p => p.Id == productId && p.ProducerId == producerId).Select(p => (OcopGroup?)p.Group).FirstOrDefaultAsync(ct);
        if (group is null) throw new NotFoundException(new("Không tìm thấy dịch vụ đặt chỗ này.", "Booking calendar not found."));
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        if (group != OcopGroup.Tourism) throw new DomainException(new(
            "Chỉ sản phẩm nhóm 6 (dịch vụ du lịch cộng đồng, sinh thái) mới nhận đặt chỗ theo ngày.",
            "Only OCOP group 6 products (community and eco tourism services) are booked for a date."));
        var offer = await db.BookableOffers.FirstOrDefaultAsync(o => o.ProductId == productId, ct);
        if (offer is null)
            db.BookableOffers.Add(new BookableOffer(productId, s.Pricing, s.PlacesPerSlot, s.LeadDays, s.FreeCancellationDays, s.MaxPeople,
                s.MaxNights, s.OpenDays, s.Seasons, s.Slots));
        else
            offer.Change(s.Pricing, s.PlacesPerSlot, s.LeadDays, s.FreeCancellationDays, s.MaxPeople, s.MaxNights, s.OpenDays, s.Seasons, s.Slots);
        PageChangeRecorder.Changed(db, PageTags.Product(productId)); // the page shows the calendar instead of stock, or its new rules
        await db.SaveChangesAsync(ct);
    }

    /// <exception cref="NotFoundException">The product is not one of the actor's bookable services (another producer's included).</exception>
    public async Task<ProducerMonth> ProducerMonthAsync(Actor actor, int productId, int year, int month, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (offer, name) = await OwnOfferAsync(db, actor, productId, ct);
        var calendar = await MonthAsync(db, offer, year, month, ct);
        var from = calendar.Days[0].Date;
        var to = calendar.Days[^1].Date;
        // A stay that began before the grid still counts on its nights inside it (stays are 30 nights at most).
        var bookings = await Holding(db, offer.ProductId).Where(b => b.StartDate <= to && b.StartDate >= from.AddDays(-31)).ToListAsync(ct);
        var people = new Dictionary<DateOnly, int>();
        var count = new Dictionary<DateOnly, int>();
        foreach (var b in bookings)
        foreach (var day in b.Choice.Days.Where(d => d >= from && d <= to))
        {
            people[day] = people.GetValueOrDefault(day) + b.People;
            count[day] = count.GetValueOrDefault(day) + 1;
        }
        return new ProducerMonth(offer.ProductId, name, offer, calendar, people, count);
    }

    /// <exception cref="NotFoundException">The product is not one of the actor's bookable services.</exception>
    public async Task<BookingDayGuests> ProducerDayAsync(Actor actor, int productId, DateOnly date, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (offer, _) = await OwnOfferAsync(db, actor, productId, ct);
        var candidates = await Holding(db, offer.ProductId).Where(b => b.StartDate <= date && b.StartDate >= date.AddDays(-31))
            .OrderBy(b => b.Slot).ThenBy(b => b.BookedAt).ToListAsync(ct);
        var closed = await db.BookingClosedDates.AnyAsync(c => c.ProductId == productId && c.Date == date, ct);
        var hidden = date.AddDays(_contactDays) < clock.Today();
        return new BookingDayGuests(date, closed, [.. candidates.Where(b => b.Choice.Days.Contains(date))], hidden);
    }

    /// <summary>
    /// The producer closes a date to new bookings (or opens it again). Bookings already made stay: the producer
    /// calls those guests (the day's list gives their phones) and cancels their orders if they must.
    /// </summary>
    public async Task SetClosedAsync(Actor actor, int productId, DateOnly date, bool closed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (offer, _) = await OwnOfferAsync(db, actor, productId, ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, actor.ProducerId!.Value, ct);
        if (date < clock.Today()) throw new DomainException(new("Không đổi được ngày đã qua.", "A past date cannot be changed."));
        var exists = await db.BookingClosedDates.AnyAsync(c => c.ProductId == offer.ProductId && c.Date == date, ct);
        if (closed && !exists) db.BookingClosedDates.Add(new BookingClosedDate(offer.ProductId, date));
        if (!closed && exists) await db.BookingClosedDates.Where(c => c.ProductId == offer.ProductId && c.Date == date).ExecuteDeleteAsync(ct);
        PageChangeRecorder.Changed(db, PageTags.Product(offer.ProductId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (closed)
        {
            // Closed by another tab at the same moment: it is closed, as asked.
        }
    }

    private static IQueryable<Booking> Holding(OcopDbContext db, int productId) =>
        db.Bookings.AsNoTracking().Where(b => b.ProductId == productId && b.ReleasedAt == null);

    private static async Task<(BookableOffer Offer, string Name)> OwnOfferAsync(OcopDbContext db, Actor actor, int productId, CancellationToken ct)
    {
        var producerId = actor.RequireProducer();
        var name = await db.Products.AsNoTracking().Where(p => p.Id == productId && p.ProducerId == producerId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var offer = name is null ? null : await db.BookableOffers.AsNoTracking().FirstOrDefaultAsync(o => o.ProductId == productId, ct);
        if (offer is null) throw new NotFoundException(new("Không tìm thấy dịch vụ đặt chỗ này.", "Booking calendar not found."));
        return (offer, name!);
    }
}
