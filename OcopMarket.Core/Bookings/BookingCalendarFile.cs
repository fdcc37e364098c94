using System.Globalization;
using System.Text;
using OcopMarket.Core.Bookings.Domain;

namespace OcopMarket.Core.Bookings;

/// <param name="Uid">Stable per booking (the order number and product), so importing the file twice updates one event.</param>
public sealed record BookedEvent(string Uid, string Title, string Description, string? Location, BookingChoice Choice);

/// <summary>
/// An iCalendar (RFC 5545) file of a buyer's bookings, for their phone's calendar. A stay is an all-day event from the
/// arrival to the departure day (DTEND is exclusive); a tour of the whole day is one all-day event; a time slot starts
/// at its hour in Vietnam's time (UTC+7, written as UTC) and, its length not being known, has no end.
/// </summary>
public static class BookingCalendarFile
{
    public static string Build(IEnumerable<BookedEvent> events, DateTime stampUtc)
    {
        var s = new StringBuilder();
        Line(s, "BEGIN:VCALENDAR");
        Line(s, "VERSION:2.0");
        Line(s, "PRODID:-//OcopMarket//Bookings//VI");
        Line(s, "CALSCALE:GREGORIAN");
        Line(s, "METHOD:PUBLISH");
        foreach (var e in events)
        {
            Line(s, "BEGIN:VEVENT");
            Line(s, "UID:" + Escape(e.Uid) + "@ocopmarket");
            Line(s, "DTSTAMP:" + stampUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            if (e.Choice.Slot is { } slot && !e.Choice.IsStay)
            {
                var start = e.Choice.Date.ToDateTime(TimeOnly.ParseExact(slot, "HH:mm", CultureInfo.InvariantCulture)).AddHours(-7);
                Line(s, "DTSTART:" + start.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            }
            else
            {
                Line(s, "DTSTART;VALUE=DATE:" + e.Choice.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                var end = e.Choice.IsStay ? e.Choice.Date.AddDays(e.Choice.Nights) : e.Choice.Date.AddDays(1);
                Line(s, "DTEND;VALUE=DATE:" + end.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            }
            Line(s, "SUMMARY:" + Escape(e.Title));
            Line(s, "DESCRIPTION:" + Escape(e.Description));
            if (e.Location is { Length: > 0 } location) Line(s, "LOCATION:" + Escape(location));
            Line(s, "END:VEVENT");
        }
        Line(s, "END:VCALENDAR");
        return s.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Lines end in CRLF and fold at 75 octets (UTF-8), continuing with a space, as the RFC asks.</summary>
    private static void Line(StringBuilder s, string line)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                s.Append("\r\n ");
                bytes = 1;
            }
            s.Append(rune.ToString());
            bytes += size;
        }
        s.Append("\r\n");
    }
}
