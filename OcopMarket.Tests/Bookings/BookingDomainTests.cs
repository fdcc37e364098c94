using OcopMarket.Core.Bookings;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Tests.Bookings;

public sealed class BookingDomainTests
{
    private static readonly DateOnly Today = new(2026, 11, 28); // a Saturday
    private static readonly IReadOnlySet<DateOnly> NoneClosed = new HashSet<DateOnly>();

    private static BookableOffer Homestay() => new(1, BookingPricing.PerRoomNight, placesPerSlot: 4, leadDays: 1, freeCancellationDays: 3, maxPeople: 4, maxNights: 7);

    private static BookableOffer Tour() => new(2, BookingPricing.PerPerson, placesPerSlot: 20, leadDays: 2, freeCancellationDays: 2, maxPeople: 10,
        openDays: BookableOffer.AllDays & ~BookableOffer.Weekdays(DayOfWeek.Monday), slots: "14:00,08:00");

    private static BookableOffer DrySeasonWeekends() => new(3, BookingPricing.PerGroup, placesPerSlot: 3, leadDays: 0, freeCancellationDays: 7, maxPeople: 25,
        openDays: BookableOffer.Weekdays(DayOfWeek.Saturday, DayOfWeek.Sunday), seasons: "01/10-30/04");

    [Fact]
    public void A_stay_takes_one_room_on_each_of_its_nights_and_charges_each_night()
    {
        var offer = Homestay();
        var stay = new BookingChoice(new DateOnly(2026, 12, 4), Nights: 2, People: 3, Slot: null);
        Assert.Equal([new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 5)], stay.Days);
        Assert.Equal(1, offer.PlacesFor(stay));
        Assert.Equal(2, offer.UnitsFor(stay));
        Assert.Equal(new DateOnly(2026, 12, 5), stay.LastDay);
    }

    [Fact]
    public void A_tour_by_the_person_takes_a_place_per_person_and_a_group_one_place()
    {
        var choice = new BookingChoice(new DateOnly(2026, 12, 6), 0, 5, "08:00");
        Assert.Equal(5, Tour().PlacesFor(choice));
        Assert.Equal(5, Tour().UnitsFor(choice));
        var group = choice with { People = 20, Slot = null };
        Assert.Equal(1, DrySeasonWeekends().PlacesFor(group));
        Assert.Equal(1, DrySeasonWeekends().UnitsFor(group));
        Assert.Equal(["08:00", "14:00"], Tour().SlotList);
    }

    [Fact]
    public void Lead_time_refuses_a_date_too_soon_and_says_the_earliest()
    {
        var offer = Tour();
        var e = Assert.Throws<DomainException>(() => offer.Check(new(Today.AddDays(1), 0, 2, "08:00"), Today, NoneClosed));
        Assert.Contains("30/11/2026", e.Text.Vi);
        Assert.Contains("at least 2 days ahead", e.Text.En);
        offer.Check(new(Today.AddDays(3), 0, 2, "08:00"), Today, NoneClosed); // Tuesday 1 December
    }

    [Fact]
    public void Weekdays_seasons_closed_dates_and_slots_are_kept()
    {
        var tour = Tour();
        var monday = new DateOnly(2026, 12, 7);
        Assert.False(tour.RunsOn(monday));
        Assert.Equal(monday, Assert.Throws<DateNotOpenException>(() => tour.Check(new(monday, 0, 2, "08:00"), Today, NoneClosed)).Day);
        Assert.Throws<DomainException>(() => tour.Check(new(monday.AddDays(1), 0, 2, null), Today, NoneClosed)); // needs a slot
        Assert.Throws<DomainException>(() => tour.Check(new(monday.AddDays(1), 0, 2, "10:00"), Today, NoneClosed)); // not one of its slots
        tour.Check(new(monday.AddDays(1), 0, 2, "14:00"), Today, NoneClosed);
        var closed = Assert.Throws<DateNotOpenException>(() => tour.Check(new(monday.AddDays(1), 0, 2, "14:00"), Today, new HashSet<DateOnly> { monday.AddDays(1) }));
        Assert.Contains("08/12/2026", closed.Text.Vi);

        // October to April, over the new year: a January Saturday runs, a June Saturday does not.
        var season = DrySeasonWeekends();
        Assert.True(season.RunsOn(new DateOnly(2027, 1, 9)));
        Assert.True(season.RunsOn(new DateOnly(2027, 4, 24)));
        Assert.False(season.RunsOn(new DateOnly(2027, 6, 5)));
        Assert.False(season.RunsOn(new DateOnly(2027, 1, 6))); // a Wednesday
    }

    [Fact]
    public void An_offer_runs_in_each_of_its_seasons_and_keeps_them_as_written()
    {
        // A lotus-pond homestay: the lotus season in summer and the Tết weeks, nothing in between.
        var offer = new BookableOffer(1, BookingPricing.PerRoomNight, 4, 0, 0, 4, maxNights: 3, seasons: " 01/06-31/08 ,20/12-15/02");
        Assert.Equal("01/06-31/08, 20/12-15/02", offer.Seasons);
        Assert.Equal([(601, 831), (1220, 215)], offer.SeasonList);
        Assert.True(offer.RunsOn(new DateOnly(2027, 7, 14)));
        Assert.True(offer.RunsOn(new DateOnly(2027, 1, 3)));   // over the new year
        Assert.True(offer.RunsOn(new DateOnly(2026, 12, 24)));
        Assert.False(offer.RunsOn(new DateOnly(2027, 4, 10))); // between the seasons
        Assert.False(offer.RunsOn(new DateOnly(2027, 9, 1)));
        Assert.True(new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, seasons: "").RunsOn(new DateOnly(2027, 4, 10))); // all year
        var seven = string.Join(",", Enumerable.Repeat("01/01-02/01", 7));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, seasons: seven));
    }

    [Fact]
    public void A_stay_is_refused_when_any_night_is_closed_and_tours_are_one_day()
    {
        var offer = Homestay();
        var closed = new HashSet<DateOnly> { new(2026, 12, 6) };
        Assert.Equal(new DateOnly(2026, 12, 6), Assert.Throws<DateNotOpenException>(() => offer.Check(new(new DateOnly(2026, 12, 5), 2, 2, null), Today, closed)).Day);
        offer.Check(new(new DateOnly(2026, 12, 4), 2, 2, null), Today, closed);
        Assert.Throws<DomainException>(() => offer.Check(new(new DateOnly(2026, 12, 4), 8, 2, null), Today, NoneClosed)); // 7 nights at most
        Assert.Throws<DomainException>(() => offer.Check(new(new DateOnly(2026, 12, 4), 1, 5, null), Today, NoneClosed)); // 4 people a room
        Assert.Throws<DomainException>(() => Tour().Check(new(new DateOnly(2026, 12, 8), 2, 2, "08:00"), Today, NoneClosed)); // a tour has no nights
        Assert.Throws<DomainException>(() => offer.Check(new(new DateOnly(2026, 12, 4), 0, 2, null), Today, NoneClosed)); // a stay has at least one
    }

    [Fact]
    public void Cancellation_refunds_in_full_until_the_policy_s_day_and_not_after()
    {
        var offer = Homestay(); // three days
        var arrival = new DateOnly(2026, 12, 10);
        Assert.Equal(CancellationRefund.Full, offer.RefundOnCancel(arrival, new DateOnly(2026, 12, 6)));
        Assert.Equal(CancellationRefund.Full, offer.RefundOnCancel(arrival, new DateOnly(2026, 12, 7)));
        Assert.Equal(CancellationRefund.None, offer.RefundOnCancel(arrival, new DateOnly(2026, 12, 8)));
        Assert.Equal(CancellationRefund.None, offer.RefundOnCancel(arrival, arrival));
    }

    [Fact]
    public void The_month_shows_places_left_full_closed_too_soon_and_not_running_days()
    {
        var offer = Homestay();
        var taken = new Dictionary<(DateOnly, string), int> { [(new DateOnly(2026, 12, 5), "")] = 4, [(new DateOnly(2026, 12, 4), "")] = 1 };
        var month = MonthCalendar.Build(offer, 2026, 12, Today, new HashSet<DateOnly> { new(2026, 12, 24) }, taken);
        CalendarDay Day(int d) => month.Days.Single(x => x.Date == new DateOnly(2026, 12, d));
        Assert.Equal(DayOfWeek.Monday, month.Days[0].Date.DayOfWeek); // weeks start on Monday
        Assert.Equal(0, month.Days.Count % 7);
        Assert.Equal((DayState.Open, 3), (Day(4).State, Day(4).Left));
        Assert.Equal(DayState.Full, Day(5).State);
        Assert.Equal(DayState.Closed, Day(24).State);
        Assert.Equal((DayState.Open, 4), (Day(1).State, Day(1).Left));

        var november = MonthCalendar.Build(offer, 2026, 11, Today, NoneClosed, taken);
        Assert.Equal(DayState.Past, november.Days.Single(x => x.Date == new DateOnly(2026, 11, 27)).State);
        Assert.Equal(DayState.TooSoon, november.Days.Single(x => x.Date == Today).State);
        Assert.Equal(DayState.Open, november.Days.Single(x => x.Date == Today.AddDays(1)).State);
        Assert.Equal(DayState.NotRunning, MonthCalendar.Build(Tour(), 2026, 12, Today, NoneClosed, taken).Days.Single(x => x.Date == new DateOnly(2026, 12, 7)).State);
    }

    [Fact]
    public void An_offer_refuses_settings_that_make_no_sense()
    {
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 0, 0, 0, 1));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, maxNights: 3));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerRoomNight, 5, 0, 0, 1, maxNights: 0));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerRoomNight, 5, 0, 0, 1, slots: "08:00"));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, openDays: 0));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, seasons: "01/13-01/01"));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, seasons: "30/02-01/03"));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, seasons: "01/10"));
        Assert.Throws<DomainException>(() => new BookableOffer(1, BookingPricing.PerPerson, 5, 0, 0, 1, slots: "8h"));
    }

    [Fact]
    public void A_cart_holds_one_booking_per_service_and_does_not_add_their_units_up()
    {
        var cart = new Cart();
        cart.Book(7, new BookingChoice(new DateOnly(2026, 12, 4), 2, 2, null), 2, 450_000);
        cart.Book(7, new BookingChoice(new DateOnly(2026, 12, 10), 3, 2, null), 3, 450_000);
        var line = Assert.Single(cart.Items);
        Assert.Equal((3, new DateOnly(2026, 12, 10)), (line.Quantity, line.Booking!.Date));
        cart.Set(7, 99, 450_000, stock: 0); // a booking's quantity is its nights: only removing changes it
        Assert.Equal(3, Assert.Single(cart.Items).Quantity);
        var merged = Cart.Merge(new Cart(), cart, new Dictionary<int, int> { [7] = 0 });
        Assert.Equal(line, Assert.Single(merged.Items)); // kept though "stock" is 0: places are checked at checkout
        cart.Set(7, 0, 450_000, 0);
        Assert.Empty(cart.Items);
    }

    [Fact]
    public void The_calendar_file_has_an_all_day_stay_ending_on_departure_and_a_timed_tour()
    {
        var ics = BookingCalendarFile.Build([
            new BookedEvent("OCM-1-7", "Lan's Homestay", "2 đêm, 3 người; đơn OCM-1", "Cao Bằng", new(new DateOnly(2026, 12, 4), 2, 3, null)),
            new BookedEvent("OCM-1-8", "Tour, bản làng", "5 người", null, new(new DateOnly(2026, 12, 6), 0, 5, "08:00")),
        ], new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc));
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261206\r\n", ics);
        Assert.Contains("DTSTART:20261206T010000Z\r\n", ics); // 08:00 in Vietnam
        Assert.Contains("SUMMARY:Tour\\, bản làng\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.All(ics.Split("\r\n"), l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75));
    }
}
