using OcopMarket.Core.Common;

namespace OcopMarket.Core.Complaints.Domain;

/// <summary>
/// Working days as the returns policy promises them: Monday to Friday on the Vietnamese calendar (UTC+7). Public
/// holidays (Tết, 30/4–1/5, 2/9) are not known to the app and count as working days, which gives the producer less
/// time, never the buyer longer to wait. Time comes from the caller (a TimeProvider), so the rule is plain and tested.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The end (23:59:59.999 Vietnamese time, as UTC) of the <paramref name="days"/>-th working day after the day of
    /// <paramref name="fromUtc"/>. The opening day itself never counts: a complaint opened on Friday afternoon with 3
    /// working days is due at the end of Wednesday, one opened on Saturday or Sunday also at the end of Wednesday.
    /// </summary>
    public static DateTime DeadlineAfter(DateTime fromUtc, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var day = VietnamClock.DayOf(fromUtc);
        var counted = 0;
        while (counted < days)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        // The start of the next calendar day in Vietnam, less one tick: the whole last working day is in time.
        return DateTime.SpecifyKind(day.AddDays(1).ToDateTime(TimeOnly.MinValue) - VietnamClock.Offset, DateTimeKind.Utc).AddTicks(-1);
    }

    /// <summary>Working days from the day of <paramref name="fromUtc"/> to the day of <paramref name="toUtc"/> (the first not counted).</summary>
    public static int Between(DateTime fromUtc, DateTime toUtc)
    {
        var from = VietnamClock.DayOf(fromUtc);
        var to = VietnamClock.DayOf(toUtc);
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1)) if (IsWorkingDay(d)) n++;
        return n;
    }
}
