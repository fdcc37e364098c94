using OcopMarket.Core.Bookings.Domain;

namespace OcopMarket.Core.Bookings;

/// <summary>A booking in words, both languages, for emails, the calendar file and the pages.</summary>
public static class BookingText
{
    /// <summary>"04/12/2026 – 06/12/2026 (2 đêm), 2 người / 2 nights, 2 people" — a stay shows its departure day.</summary>
    public static string Describe(BookingChoice b) => $"{Vi(b)} / {En(b)}";

    public static string Vi(BookingChoice b) =>
        (b.IsStay
            ? $"{b.Date:dd/MM/yyyy} – {b.Date.AddDays(b.Nights):dd/MM/yyyy} ({b.Nights} đêm)"
            : $"{b.Date:dd/MM/yyyy}" + (b.Slot is { } s ? $" lúc {s}" : "")) + $", {b.People} người";

    public static string En(BookingChoice b) =>
        (b.IsStay
            ? $"{b.Date:dd/MM/yyyy} – {b.Date.AddDays(b.Nights):dd/MM/yyyy} ({b.Nights} night{(b.Nights == 1 ? "" : "s")})"
            : $"{b.Date:dd/MM/yyyy}" + (b.Slot is { } s ? $" at {s}" : "")) + $", {b.People} {(b.People == 1 ? "person" : "people")}";

}
