using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Orders;

public sealed record CheckoutLine(int ProductId, int Quantity, long ExpectedUnitPriceVnd);

/// <param name="OrderLinkFor">Builds the absolute link of the order page (checkout id, secret) for the buyer's email.</param>
public sealed record CheckoutRequest(IReadOnlyList<CheckoutLine> Lines, DeliveryAddress Delivery, PaymentMethod Payment,
    string? BuyerUserId, string? BuyerEmail, Func<Guid, string, string>? OrderLinkFor = null);

public sealed record PlacedOrder(int Id, string Number, int ProducerId, long TotalVnd, OrderStatus Status);

/// <param name="AccessToken">The secret for the guest's order link (shown once, stored only as a hash).</param>
public sealed record PlacedCheckout(Guid CheckoutId, IReadOnlyList<PlacedOrder> Orders, string AccessToken);

/// <summary>A product ran out (or has fewer units left than asked) while the buyer was checking out.</summary>
public sealed class OutOfStockException(string productName, int available)
    : DomainException(available == 0
        ? new($"“{productName}” vừa hết hàng.", $"“{productName}” has just sold out.")
        : new($"“{productName}” chỉ còn {available}.", $"Only {available} of “{productName}” left."))
{
    public string ProductName { get; } = productName;
    public int Available { get; } = available;
}

/// <summary>The price moved since the buyer put the product in the cart; they must see the new price first.</summary>
public sealed class PriceChangedException(string productName, long newPriceVnd)
    : DomainException(new(
        $"Giá của “{productName}” đã đổi thành {Money.FormatVnd(newPriceVnd)}. Vui lòng xem lại giỏ hàng.",
        $"The price of “{productName}” has changed to {Money.FormatVnd(newPriceVnd)}. Please check your cart again."))
{
    public long NewPriceVnd { get; } = newPriceVnd;
}

/// <summary>
/// Places a checkout: one order per producer, stock reserved atomically. Each line's stock is taken by one
/// conditional UPDATE ("only if enough is left") inside one transaction, so parallel checkouts for the last
/// units can never oversell: the second one finds too little and everything it did is rolled back.
/// </summary>
public sealed class CheckoutService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CheckoutOptions options)
{
    public async Task<PlacedCheckout> PlaceAsync(CheckoutRequest request, CancellationToken ct = default)
    {
        Validate(request);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = request.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsPublished)
            .Select(p => new { p.Id, p.Name, p.Unit, p.PriceVnd, p.ProducerId, p.Stock })
            .ToDictionaryAsync(p => p.Id, ct);
        var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == request.Delivery.CommuneCode, ct);
        if (commune is null || commune.ProvinceCode != request.Delivery.ProvinceCode)
            throw new DomainException(new("Xã/phường không thuộc tỉnh đã chọn.", "That commune or ward is not in the chosen province."));

        foreach (var line in request.Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var p)) throw new DomainException(new(
                "Một sản phẩm trong giỏ không còn được bán.",
                "A product in your cart is no longer for sale."));
            if (p.PriceVnd != line.ExpectedUnitPriceVnd) throw new PriceChangedException(p.Name, p.PriceVnd);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var checkoutId = Guid.NewGuid();
        var delivery = request.Delivery with { Phone = PhoneNumbers.Normalise(request.Delivery.Phone) };
        var orders = request.Lines
            .GroupBy(l => products[l.ProductId].ProducerId)
            .Select(g =>
            {
                var lines = g.Select(l => new OrderLine(l.ProductId, products[l.ProductId].Name, products[l.ProductId].Unit,
                    products[l.ProductId].PriceVnd, l.Quantity)).ToList();
                var subtotal = lines.Sum(l => l.LineTotalVnd);
                return new Order(NewOrderNumber(now), checkoutId, g.Key, request.Payment, lines, options.Shipping.FeeFor(subtotal), now,
                    request.Payment == PaymentMethod.CashOnDelivery ? null : options.PaymentWindow,
                    // Each order owns its own copy: EF tracks an owned value by instance, and one instance cannot belong to two orders.
                    delivery with { }, request.BuyerUserId, request.BuyerEmail);
            })
            .ToList();

        var accessToken = OrderAccess.NewToken();
        foreach (var order in orders) order.SetAccessTokenHash(OrderAccess.Hash(accessToken));

        // The first statement of the transaction is a write, so SQLite takes the write lock at once and a
        // concurrent checkout waits for it (busy timeout) instead of failing on a stale read.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in request.Lines)
        {
            var taken = await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE Products SET Stock = Stock - {line.Quantity} WHERE Id = {line.ProductId} AND IsPublished AND Stock >= {line.Quantity}", ct);
            if (taken == 0)
            {
                await transaction.RollbackAsync(ct);
                var available = await db.Products.Where(p => p.Id == line.ProductId).Select(p => p.Stock).FirstOrDefaultAsync(ct);
                throw new OutOfStockException(products[line.ProductId].Name, available);
            }
        }
        if (request.OrderLinkFor?.Invoke(checkoutId, accessToken) is { } buyerLink)
        {
            foreach (var order in orders) OrderNotifications.AttachBuyerLink(order, buyerLink);
        }
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync(ct); // the placement emails are queued by the same save (OrderEventOutbox)
        await transaction.CommitAsync(ct);

        return new PlacedCheckout(checkoutId, [.. orders.Select(o => new PlacedOrder(o.Id, o.Number, o.ProducerId, o.TotalVnd, o.Status))], accessToken);
    }

    private void Validate(CheckoutRequest request)
    {
        if (request.Lines.Count == 0) throw new DomainException(new("Giỏ hàng đang trống.", "Your cart is empty."));
        if (request.Lines.Any(l => l.Quantity <= 0)) throw new DomainException(new("Số lượng phải lớn hơn 0.", "The quantity must be above 0."));
        if (request.Lines.Select(l => l.ProductId).Distinct().Count() != request.Lines.Count)
            throw new ArgumentException("Each product appears once in a checkout.", nameof(request));
        if (request.Payment == PaymentMethod.Card && !options.CardPaymentsEnabled)
            throw new DomainException(new("Thanh toán thẻ chưa được bật.", "Card payment is not turned on."));
        var d = request.Delivery;
        if (string.IsNullOrWhiteSpace(d.RecipientName)) throw new DomainException(new("Vui lòng nhập họ tên người nhận.", "Please enter the recipient's name."));
        if (!PhoneNumbers.IsVietnameseMobile(d.Phone)) throw new DomainException(new(
            "Số điện thoại di động không hợp lệ (ví dụ 0912 345 678).",
            "That is not a valid Vietnamese mobile number (e.g. 0912 345 678)."));
        if (string.IsNullOrWhiteSpace(d.Street)) throw new DomainException(new("Vui lòng nhập số nhà, đường.", "Please enter the street address."));
    }

    /// <summary>"OCM-261128-7KQ2MX": the day, then six random characters (no 0/O or 1/I to misread on the phone).</summary>
    private static string NewOrderNumber(DateTime nowUtc)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> code = stackalloc char[6];
        for (var i = 0; i < code.Length; i++) code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"OCM-{nowUtc.AddHours(7):yyMMdd}-{code}";
    }
}
