using OcopMarket.Core.Common;

namespace OcopMarket.Core.Bookings;

/// <summary>The last places of a date went to someone else (or the producer closed it) while the buyer was checking out.</summary>
public sealed class FullyBookedException(string productName, DateOnly day, int left)
    : DomainException(left == 0
        ? new($"Ngày {day:dd/MM/yyyy} của “{productName}” đã hết chỗ. Vui lòng chọn ngày khác.",
              $"“{productName}” is fully booked on {day:dd/MM/yyyy}. Please choose another date.")
        : new($"Ngày {day:dd/MM/yyyy} của “{productName}” chỉ còn {left} chỗ.",
              $"Only {left} places left for “{productName}” on {day:dd/MM/yyyy}."))
{
    public DateOnly Day { get; } = day;
    public int Left { get; } = left;
}
