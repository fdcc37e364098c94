namespace OcopMarket.Core.Common;

/// <summary>Certificates expire on Vietnamese calendar days, so "today" is taken in Vietnam (UTC+7, no DST).</summary>
public static class VietnamClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Today(this TimeProvider clock) => DayOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>The Vietnamese calendar day of a UTC time.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(utc + Offset);
}
