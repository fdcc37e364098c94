namespace OcopMarket.Core.Bookings.Domain;

public enum DayState
{
    /// <summary>Outside the shown month (the grid's leading and trailing days).</summary>
    OtherMonth = 0,
    Past = 1,
    TooSoon = 2,
    NotRunning = 3,
    Closed = 4,
    Full = 5,
    Open = 6,
}

/// <param name="Left">Places left on the day, the fewest of its slots' when it has slots (0 unless open or full).</param>
/// <param name="SlotsLeft">Places left in each slot, in the offer's order (empty when the date has no slots).</param>
public sealed record CalendarDay(DateOnly Date, DayState State, int Left, IReadOnlyList<(string Slot, int Left)> SlotsLeft)
{
    public bool CanBook => State == DayState.Open;
}

/// <summary>A month of an offer's calendar, weeks starting on Monday as Vietnamese calendars do.</summary>
public sealed record MonthCalendar(int Year, int Month, IReadOnlyList<CalendarDay> Days)
{
    public DateOnly First => new(Year, Month, 1);

    public static (int Year, int Month) Parse(string? text, DateOnly today) =>
        text is { Length: 7 } && int.TryParse(text[..4], out var y) && text[4] == '-' && int.TryParse(text[5..], out var m)
            && y is >= 2000 and <= 2100 && m is >= 1 and <= 12 ? (y, m) : (today.Year, today.Month);

    /// <summary>
    /// Builds the month from the offer's rules, the dates the producer closed and the places taken per (date, slot).
    /// </summary>
    public static MonthCalendar Build(BookableOffer offer, int year, int month, DateOnly today,
        IReadOnlySet<DateOnly> closed, IReadOnlyDictionary<(DateOnly Date, string Slot), int> taken)
    {
        var first = new DateOnly(year, month, 1);
        var gridStart = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var last = first.AddMonths(1).AddDays(-1);
        var gridEnd = last.AddDays(6 - ((int)last.DayOfWeek + 6) % 7);
        var slots = offer.SlotList.Count == 0 ? [""] : offer.SlotList;
        var days = new List<CalendarDay>();
        for (var d = gridStart; d <= gridEnd; d = d.AddDays(1))
        {
            var perSlot = slots.Select(s => (Slot: s, Left: Math.Max(0, offer.PlacesPerSlot - taken.GetValueOrDefault((d, s))))).ToList();
            var state = d.Month != month ? DayState.OtherMonth
                : d < today ? DayState.Past
                : d > today.AddDays(BookableOffer.MaxDaysAhead) ? DayState.NotRunning
                : d < offer.FirstBookableDay(today) ? DayState.TooSoon
                : !offer.RunsOn(d) ? DayState.NotRunning
                : closed.Contains(d) ? DayState.Closed
                : perSlot.All(s => s.Left == 0) ? DayState.Full
                : DayState.Open;
            var left = state is DayState.Open or DayState.Full ? perSlot.Max(s => s.Left) : 0;
            days.Add(new CalendarDay(d, state, left, offer.SlotList.Count == 0 ? [] : perSlot));
        }
        return new MonthCalendar(year, month, days);
    }
}
