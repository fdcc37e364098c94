using System.Globalization;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.Bookings.Domain;

/// <summary>What one booking is charged for, and so what one place of the capacity is.</summary>
public enum BookingPricing
{
    /// <summary>A tour or workshop: each person pays and takes one place.</summary>
    PerPerson = 1,

    /// <summary>A guided group: the group pays once and takes one place, whatever its size (up to the maximum).</summary>
    PerGroup = 2,

    /// <summary>A homestay room: each night is paid and takes one room on that night.</summary>
    PerRoomNight = 3,
}

/// <summary>What the buyer picked: the first day (the arrival for a stay), nights (0 for a tour of one day), people, time slot.</summary>
public sealed record BookingChoice(DateOnly Date, int Nights, int People, string? Slot)
{
    public bool IsStay => Nights > 0;

    /// <summary>The nights of a stay, or the one day of a tour: each takes places of its own.</summary>
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, Math.Max(Nights, 1)).Select(Date.AddDays);

    public DateOnly LastDay => Date.AddDays(Math.Max(Nights, 1) - 1);
}

/// <summary>The offer does not run on that day (a weekday or season it has not) or the producer closed it.</summary>
public sealed class DateNotOpenException(DateOnly day)
    : DomainException(new($"Ngày {day:dd/MM/yyyy} không nhận khách.", $"{day:dd/MM/yyyy} is not open for bookings."))
{
    public DateOnly Day { get; } = day;
}

/// <summary>Whether cancelling a paid booking now gives the money back, under the offer's policy.</summary>
public enum CancellationRefund
{
    Full = 1,
    None = 2,
}

/// <summary>
/// A group-6 (community and eco tourism) product sold for a date rather than shipped: its calendar (days of the week,
/// seasons, dates the producer closed), how many places each date (or each time slot) has, how far ahead it must be
/// booked and until when a cancellation is refunded. Plain rules: the reservation itself is a conditional update on
/// the day's row (BookingCapacity), so two buyers can never both take the last place.
/// </summary>
public sealed class BookableOffer
{
    public const int AllDays = 0b111_1111;

    private BookableOffer() { }

    public BookableOffer(int productId, BookingPricing pricing, int placesPerSlot, int leadDays, int freeCancellationDays,
        int maxPeople, int maxNights = 0, int openDays = AllDays, string? seasons = null, string? slots = null)
    {
        ProductId = productId;
        Change(pricing, placesPerSlot, leadDays, freeCancellationDays, maxPeople, maxNights, openDays, seasons, slots);
    }

    public int ProductId { get; private set; }
    public BookingPricing Pricing { get; private set; }

    /// <summary>Places on each date, or in each time slot when there are slots (rooms for a homestay).</summary>
    public int PlacesPerSlot { get; private set; }

    /// <summary>Days of the week it runs: bit <c>1 &lt;&lt; (int)DayOfWeek</c> for each.</summary>
    public int OpenDays { get; private set; }

    /// <summary>
    /// The seasons it runs in, as a person writes them: "01/10-30/04, 01/07-31/08" (day/month, both ends included; a
    /// season may run over the new year). Empty: all year.
    /// </summary>
    public string Seasons { get; private set; } = "";

    /// <summary>Each season as (first, last) month×100+day: 1 October is 1001.</summary>
    public IReadOnlyList<(int First, int Last)> SeasonList => ParseSeasons(Seasons) ?? [];

    /// <summary>Start times ("08:00,14:00") when a date is split into slots; empty when the whole date is one.</summary>
    public string Slots { get; private set; } = "";

    /// <summary>Days between the booking and its date, at least: a homestay must know the day before, a tour a few days.</summary>
    public int LeadDays { get; private set; }

    /// <summary>A paid booking cancelled up to this many days before its first day is refunded in full; after that, not at all.</summary>
    public int FreeCancellationDays { get; private set; }

    public int MaxPeople { get; private set; }
    /// <summary>Nights a stay may book at once; 0 for a tour (booked for one day).</summary>
    public int MaxNights { get; private set; }

    public IReadOnlyList<string> SlotList => Slots.Length == 0 ? [] : Slots.Split(',');

    public bool IsStay => Pricing == BookingPricing.PerRoomNight;

    public void Change(BookingPricing pricing, int placesPerSlot, int leadDays, int freeCancellationDays, int maxPeople,
        int maxNights, int openDays, string? seasons, string? slots)
    {
        if (!Enum.IsDefined(pricing)) throw new ArgumentOutOfRangeException(nameof(pricing));
        if (placesPerSlot is < 1 or > 10_000) throw new DomainException(new("Số chỗ mỗi ngày từ 1 đến 10.000.", "Places per date must be 1 to 10,000."));
        if (leadDays is < 0 or > 365) throw new DomainException(new("Số ngày đặt trước từ 0 đến 365.", "Lead time must be 0 to 365 days."));
        if (freeCancellationDays is < 0 or > 365) throw new DomainException(new("Hạn huỷ miễn phí từ 0 đến 365 ngày.", "Free cancellation must be 0 to 365 days before."));
        if (maxPeople is < 1 or > 500) throw new DomainException(new("Số người mỗi lần đặt từ 1 đến 500.", "People per booking must be 1 to 500."));
        if (maxNights < 0 || pricing == BookingPricing.PerRoomNight != maxNights >= 1 || maxNights > 30)
            throw new DomainException(new("Chỉ lưu trú mới đặt nhiều đêm (tối đa 30).", "Only stays are booked for several nights (at most 30)."));
        if ((openDays & AllDays) == 0) throw new DomainException(new("Hãy chọn ít nhất một ngày trong tuần.", "Please choose at least one day of the week."));
        var seasonList = ParseSeasons(seasons) ?? throw new DomainException(new(
            "Mùa phục vụ ghi dạng 01/10-30/04, nhiều mùa cách nhau dấu phẩy (tối đa 6), mỗi ngày phải có thật.",
            "Seasons are written 01/10-30/04, several separated by commas (at most 6), each a real day."));
        var slotList = (slots ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (slotList.Any(x => !TimeOnly.TryParseExact(x, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) || slotList.Length > 12)
            throw new DomainException(new("Khung giờ ghi dạng 08:00, 14:00 (tối đa 12).", "Time slots are written 08:00, 14:00 (at most 12)."));
        if (slotList.Length > 0 && pricing == BookingPricing.PerRoomNight)
            throw new DomainException(new("Lưu trú tính theo đêm, không chia khung giờ.", "Stays are booked by the night, not in time slots."));
        Pricing = pricing;
        PlacesPerSlot = placesPerSlot;
        LeadDays = leadDays;
        FreeCancellationDays = freeCancellationDays;
        MaxPeople = maxPeople;
        MaxNights = maxNights;
        OpenDays = openDays & AllDays;
        Seasons = string.Join(", ", seasonList.Select(x => $"{x.First % 100:00}/{x.First / 100:00}-{x.Last % 100:00}/{x.Last / 100:00}"));
        Slots = string.Join(',', slotList.Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>"01/10-30/04, 01/07-31/08" as (first, last) month-days; empty text is all year (no seasons); null when unreadable.</summary>
    public static IReadOnlyList<(int First, int Last)>? ParseSeasons(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 6) return null;
        var list = new List<(int, int)>();
        foreach (var part in parts)
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || MonthDayOf(ends[0]) is not { } first || MonthDayOf(ends[1]) is not { } last) return null;
            list.Add((first, last));
        }
        return list;
    }

    private static int? MonthDayOf(string dayMonth) =>
        dayMonth.Split('/') is [var d, var m] && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && IsMonthDay(month * 100 + day)
            ? month * 100 + day : null;

    private static bool IsMonthDay(int md) => md / 100 is >= 1 and <= 12 && md % 100 >= 1 && md % 100 <= DateTime.DaysInMonth(2024, md / 100);

    public static int Weekdays(params DayOfWeek[] days) => days.Aggregate(0, (mask, d) => mask | 1 << (int)d);

    /// <summary>Whether the offer runs that day at all (its weekdays and season), before closed dates and capacity.</summary>
    public bool RunsOn(DateOnly day)
    {
        if ((OpenDays & 1 << (int)day.DayOfWeek) == 0) return false;
        var seasons = SeasonList;
        if (seasons.Count == 0) return true;
        var md = day.Month * 100 + day.Day;
        return seasons.Any(x => x.First <= x.Last ? md >= x.First && md <= x.Last : md >= x.First || md <= x.Last);
    }

    /// <summary>The first day that can still be booked today.</summary>
    public DateOnly FirstBookableDay(DateOnly today) => today.AddDays(LeadDays);

    /// <summary>Places one booking takes on each of its days: its people on a per-person tour, else one (a group, a room).</summary>
    public int PlacesFor(BookingChoice choice) => Pricing == BookingPricing.PerPerson ? choice.People : 1;

    /// <summary>The units the order line charges: people, one group, or nights.</summary>
    public int UnitsFor(BookingChoice choice) => Pricing switch
    {
        BookingPricing.PerPerson => choice.People,
        BookingPricing.PerGroup => 1,
        _ => choice.Nights,
    };

    /// <summary>
    /// Refuses, with the reason in both languages, a choice the offer's rules do not allow on <paramref name="today"/>:
    /// too soon, a day it does not run or the producer closed, a slot it does not have, too many people or nights.
    /// Capacity is not checked here: only the conditional update knows what is left.
    /// </summary>
    public void Check(BookingChoice choice, DateOnly today, IReadOnlySet<DateOnly> closed)
    {
        if (choice.People < 1) throw new DomainException(new("Số người phải từ 1 trở lên.", "There must be at least 1 person."));
        if (choice.People > MaxPeople) throw new DomainException(new(
            $"Mỗi lần đặt tối đa {MaxPeople} người.", $"At most {MaxPeople} people per booking."));
        if (IsStay ? choice.Nights < 1 : choice.Nights != 0) throw new DomainException(new("Số đêm không hợp lệ.", "That number of nights is not valid."));
        if (choice.Nights > MaxNights) throw new DomainException(new($"Đặt tối đa {MaxNights} đêm một lần.", $"At most {MaxNights} nights per booking."));
        if (choice.Date < FirstBookableDay(today)) throw new DomainException(LeadDays == 0
            ? new("Không đặt được ngày đã qua.", "That date has passed.")
            : new($"Cần đặt trước ít nhất {LeadDays} ngày: sớm nhất là ngày {FirstBookableDay(today):dd/MM/yyyy}.",
                $"Please book at least {LeadDays} days ahead: the earliest date is {FirstBookableDay(today):dd/MM/yyyy}."));
        if (choice.Date > today.AddDays(MaxDaysAhead)) throw new DomainException(new(
            "Chỉ nhận đặt chỗ trong vòng một năm tới.", "Bookings open at most a year ahead."));
        var slots = SlotList;
        if (slots.Count == 0 ? !string.IsNullOrEmpty(choice.Slot) : choice.Slot is null || !slots.Contains(choice.Slot))
            throw new DomainException(slots.Count == 0
                ? new("Dịch vụ này không chia khung giờ.", "This service has no time slots.")
                : new("Hãy chọn một khung giờ có trong lịch.", "Please choose one of the time slots offered."));
        foreach (var day in choice.Days)
        {
            if (!RunsOn(day) || closed.Contains(day)) throw new DateNotOpenException(day);
        }
    }

    public const int MaxDaysAhead = 366;

    /// <summary>The policy: a full refund until <see cref="FreeCancellationDays"/> days before the first day, none after.</summary>
    public CancellationRefund RefundOnCancel(DateOnly firstDay, DateOnly today) =>
        today <= firstDay.AddDays(-FreeCancellationDays) ? CancellationRefund.Full : CancellationRefund.None;
}
