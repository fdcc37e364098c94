using OcopMarket.Core.Bookings;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Bookings;

/// <summary>A booking in the visitor's language, for the cart, checkout and order pages.</summary>
public static class BookingLabels
{
    public static string Describe(BookingChoice b) => Lang.T(BookingText.Vi(b), BookingText.En(b));
}
