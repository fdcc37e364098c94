namespace OcopMarket.Core.Bookings.Domain;

/// <summary>
/// Places taken on one date and slot of an offer (slot "" when the date is not split). The row is the capacity's
/// lock: every reservation is one conditional update of it, so it can never pass the offer's places.
/// </summary>
public sealed class BookingDay
{
    private BookingDay() { }

    public int ProductId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Slot { get; private set; } = "";
    public int Taken { get; private set; }
}

/// <summary>A date the producer closed (a holiday, a festival, the family's own wedding): no new bookings on it.</summary>
public sealed class BookingClosedDate
{
    private BookingClosedDate() { }

    public BookingClosedDate(int productId, DateOnly date)
    {
        ProductId = productId;
        Date = date;
    }

    public int ProductId { get; private set; }
    public DateOnly Date { get; private set; }
}

/// <summary>
/// One order line's booking as the producer's calendar shows it: who comes, when, how many, with the places it holds
/// on each of its days. It keeps a copy of the guest's name and phone and the order's number, so the calendar is read
/// without the orders; it is released (its places given back) when the order is cancelled or expires.
/// </summary>
public sealed class Booking
{
    private Booking() { }

    public Booking(int orderId, string orderNumber, int producerId, int productId, string productName, BookingPricing pricing,
        BookingChoice choice, int places, string guestName, string guestPhone, DateTime bookedAtUtc)
    {
        OrderId = orderId;
        OrderNumber = orderNumber;
        ProducerId = producerId;
        ProductId = productId;
        ProductName = productName;
        Pricing = pricing;
        StartDate = choice.Date;
        Nights = choice.Nights;
        People = choice.People;
        Slot = choice.Slot ?? "";
        Places = places;
        GuestName = guestName;
        GuestPhone = guestPhone;
        BookedAt = DateTime.SpecifyKind(bookedAtUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public int ProducerId { get; private set; }
    public int ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public BookingPricing Pricing { get; private set; }
    public DateOnly StartDate { get; private set; }
    public int Nights { get; private set; }
    public int People { get; private set; }
    public string Slot { get; private set; } = "";

    /// <summary>Places held on each of its days.</summary>
    public int Places { get; private set; }

    public string GuestName { get; private set; } = "";
    public string GuestPhone { get; private set; } = "";
    public DateTime BookedAt { get; private set; }

    /// <summary>The guest asked for their data to be deleted: the stay or tour stays counted, no longer naming them.</summary>
    public void Anonymise(string marker)
    {
        GuestName = marker;
        GuestPhone = "";
    }

    /// <summary>When its places went back (the order was cancelled or not paid in time); null while it holds them.</summary>
    public DateTime? ReleasedAt { get; private set; }

    public BookingChoice Choice => new(StartDate, Nights, People, Slot.Length == 0 ? null : Slot);
}
