using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Common;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Orders;

/// <param name="Booking">For a tourism service: the date(s), slot and people; its quantity is then the units the choice charges.</param>
public sealed record CheckoutLine(int ProductId, int Quantity, long ExpectedUnitPriceVnd, BookingChoice? Booking = null);

/// <param name="OrderLinkFor">Builds the absolute link of the order page (checkout id, secret) for the buyer's email.</param>
/// <param name="ClientIp">The address the request came from (null from tools): capped per address, stored for officers.</param>
public sealed record CheckoutRequest(IReadOnlyList<CheckoutLine> Lines, DeliveryAddress Delivery, PaymentMethod Payment,
    string? BuyerUserId, string? BuyerEmail, Func<Guid, string, string>? OrderLinkFor = null, string? ClientIp = null);

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
    // SQLite has one writer per database. A checkout that finds the write lock taken waits in SQLite's busy handler,
    // which sleeps in growing steps (up to 100 ms) and so often wakes long after the lock came free: under load those
    // sleeps were most of a checkout's time (bench/README.md, "Checkout under load: where the time goes"). This
    // process's checkouts therefore queue here first, in order, and each begins as soon as the one before it is done.
    // The database's lock still decides between processes (several nodes on one file) and keeps the stock right; this
    // only stops this process's own checkouts from polling for it. PostgreSQL locks rows and needs no such queue.
    private readonly SemaphoreSlim _sqliteWriters = new(1, 1);

    private static readonly IReadOnlyDictionary<int, BookableOffer> NoOffers = new Dictionary<int, BookableOffer>();

    public async Task<PlacedCheckout> PlaceAsync(CheckoutRequest request, CancellationToken ct = default)
    {
        Validate(request);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = request.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsPublished)
            // Whether it takes bookings, in the same read: a cart of goods alone then skips the booking rules' own.
            .Select(p => new { p.Id, p.Name, p.Unit, p.PriceVnd, p.ProducerId, p.Stock, Bookable = db.BookableOffers.Any(o => o.ProductId == p.Id) })
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
        var offers = request.Lines.Any(l => l.Booking is not null || products[l.ProductId].Bookable)
            ? await BookingRules.CheckAsync(db, request.Lines.Select(l => (l.ProductId, l.Booking)).ToList(),
                cashOnDelivery: request.Payment == PaymentMethod.CashOnDelivery, VietnamClock.DayOf(now), ct)
            : NoOffers;
        var checkoutId = Guid.NewGuid();
        var delivery = request.Delivery with { Phone = PhoneNumbers.Normalise(request.Delivery.Phone) };
        var orders = request.Lines
            .GroupBy(l => products[l.ProductId].ProducerId)
            .Select(g =>
            {
                var lines = g.Select(l => new OrderLine(l.ProductId, products[l.ProductId].Name, products[l.ProductId].Unit,
                    products[l.ProductId].PriceVnd, l.Booking is { } b ? offers[l.ProductId].UnitsFor(b) : l.Quantity, l.Booking)).ToList();
                // A booking is not shipped: only the goods of the order pay shipping, and an order of bookings alone none.
                var shipped = lines.Where(l => l.Booking is null).ToList();
                var shipping = shipped.Count == 0 ? 0 : options.Shipping.FeeFor(shipped.Sum(l => l.LineTotalVnd));
                return new Order(NewOrderNumber(now), checkoutId, g.Key, request.Payment, lines, shipping, now,
                    request.Payment == PaymentMethod.CashOnDelivery ? null : options.PaymentWindow,
                    // Each order owns its own copy: EF tracks an owned value by instance, and one instance cannot belong to two orders.
                    delivery with { }, request.BuyerUserId, request.BuyerEmail, options.CodConfirmationWindow, ClientIp(request));
            })
            .ToList();

        var accessToken = OrderAccess.NewToken();
        foreach (var order in orders) order.SetAccessTokenHash(OrderAccess.Hash(accessToken));

        // SQLite begins the transaction IMMEDIATE (Microsoft.Data.Sqlite's default), so it holds the one write lock
        // from here and a concurrent checkout waits for it (busy timeout) instead of failing on a stale read; there the
        // order of the statements changes nothing, and the orders are written after the stock, so a sold-out checkout
        // writes nothing. PostgreSQL locks rows as it goes: the caps' checks come first, then the orders are written,
        // and the stock is taken last, so a popular product's row stays locked only for its update and the commit.
        var stockLast = db.Provider == DatabaseProvider.PostgreSql;
        var gate = db.Provider == DatabaseProvider.Sqlite ? _sqliteWriters : null;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Counted inside the transaction, so two checkouts racing from one phone cannot both be the last allowed.
            if (request.Payment == PaymentMethod.CashOnDelivery) await EnsureUnderUnconfirmedCapsAsync(db, delivery.Phone, ClientIp(request), transaction, ct);
            foreach (var line in request.Lines.Where(l => l.Booking is null)) OrderStock.Taking(db, line.ProductId);
            if (request.OrderLinkFor?.Invoke(checkoutId, accessToken) is { } buyerLink)
            {
                foreach (var order in orders) OrderNotifications.AttachBuyerLink(order, buyerLink);
            }
            db.Orders.AddRange(orders);
            // The line that shows which privacy notice the checkout was placed under (a guest's is kept by the checkout's
            // id), in the same commit as the orders: never an order without it, and no second write transaction per
            // checkout (on SQLite that one waited for the write lock outside the queue above, in the busy handler's sleeps).
            db.ConsentRecords.Add(new ConsentRecord(request.BuyerUserId, checkoutId, ConsentPurpose.OrderProcessing, true,
                LegalDocuments.Of(ConsentPurpose.OrderProcessing).Current.Version, ConsentSource.Checkout, now));
            // The placement emails are queued by the same save (OrderEventOutbox); rolled back with it if stock is short.
            if (stockLast) await db.SaveChangesAsync(ct);
            var soldOut = false;
            // By product, so two checkouts (or a checkout and a cancellation) lock shared rows in one order and never deadlock.
            foreach (var line in request.Lines.OrderBy(l => l.ProductId))
            {
                if (line.Booking is { } booking)
                {
                    // Every night of a stay (or the one day of a tour) in this transaction: all of them, or none.
                    var offer = offers[line.ProductId];
                    var places = offer.PlacesFor(booking);
                    foreach (var day in booking.Days)
                    {
                        if (await BookingCapacity.TakeAsync(db, line.ProductId, day, booking.Slot ?? "", places, ct)) continue;
                        await transaction.RollbackAsync(ct);
                        var placesLeft = await BookingRules.LeftAsync(db, offer, day, booking.Slot ?? "", ct);
                        throw new FullyBookedException(products[line.ProductId].Name, day, placesLeft);
                    }
                    continue;
                }
                var left = await OrderStock.TakeAsync(db, line.ProductId, line.Quantity, now, ct);
                if (left is null)
                {
                    await transaction.RollbackAsync(ct);
                    var available = await db.Products.Where(p => p.Id == line.ProductId).Select(p => p.Stock).FirstOrDefaultAsync(ct);
                    throw new OutOfStockException(products[line.ProductId].Name, available);
                }
                soldOut |= left == 0;
            }
            if (!stockLast) await db.SaveChangesAsync(ct);
            if (offers.Count > 0)
            {
                // The producer's calendar rows, now that the orders have their ids; committed with them.
                foreach (var order in orders)
                foreach (var line in order.Lines.Where(l => l.Booking is not null))
                    db.Bookings.Add(new Booking(order.Id, order.Number, order.ProducerId, line.ProductId, line.ProductName,
                        offers[line.ProductId].Pricing, line.Booking!, offers[line.ProductId].PlacesFor(line.Booking!),
                        delivery.RecipientName.Trim(), delivery.Phone, now));
                await db.SaveChangesAsync(ct);
            }
            // The last unit's listings change, marked after the orders' save: rare, one sold-out product.
            else if (stockLast && soldOut) await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            gate?.Release(); // after the transaction is disposed (committed or rolled back): the write lock is free
        }

        return new PlacedCheckout(checkoutId, [.. orders.Select(o => new PlacedOrder(o.Id, o.Number, o.ProducerId, o.TotalVnd, o.Status))], accessToken);
    }

    private async Task EnsureUnderUnconfirmedCapsAsync(OcopDbContext db, string phone, string? ip,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken ct)
    {
        // SQLite already holds the write lock here (IMMEDIATE). PostgreSQL does not serialize two checkouts from one phone (or
        // one address), so they queue on transaction locks keyed by them before counting: the second sees the first's orders.
        await OrderLocks.LockAsync(db, ct, ip is null ? ["cod-phone:" + phone] : ["cod-phone:" + phone, "cod-ip:" + ip]); // the phone first, always
        var limits = options.Limits;
        var counts = await UnconfirmedCodCheckoutsAsync(db, phone, ip, ct);
        if (counts.Phone >= limits.MaxUnconfirmedCodCheckoutsPerPhone)
        {
            await transaction.RollbackAsync(ct);
            throw new DomainException(new(
                $"Số điện thoại này đã có {limits.MaxUnconfirmedCodCheckoutsPerPhone} lần đặt hàng đang chờ cửa hàng xác nhận. Vui lòng chờ cửa hàng gọi xác nhận, hoặc chọn chuyển khoản.",
                $"This phone number already has {limits.MaxUnconfirmedCodCheckoutsPerPhone} checkouts waiting for the shop to confirm. Please wait for the shop's call, or pay by transfer."));
        }
        if (ip is not null && counts.Address >= limits.MaxUnconfirmedCodCheckoutsPerIp)
        {
            await transaction.RollbackAsync(ct);
            throw new DomainException(new(
                "Có quá nhiều đơn thanh toán khi nhận hàng đang chờ xác nhận từ mạng của bạn. Vui lòng thử lại sau, hoặc chọn chuyển khoản.",
                "Too many cash-on-delivery orders from your network are waiting for confirmation. Please try again later, or pay by transfer."));
        }
    }

    /// <summary>The caps' two counts (checkouts, not orders: one checkout may split into several) in one statement.</summary>
    private sealed record UnconfirmedCodCheckouts(int Phone, int Address);

    /// <summary>
    /// Cash-on-delivery checkouts still waiting for a producer's call, from this phone and from this address, read
    /// together after the caps' locks (each subquery reads through its own index; an address of null counts none).
    /// </summary>
    private static async Task<UnconfirmedCodCheckouts> UnconfirmedCodCheckoutsAsync(OcopDbContext db, string phone, string? ip, CancellationToken ct)
    {
        const int cod = (int)PaymentMethod.CashOnDelivery, waiting = (int)OrderStatus.AwaitingConfirmation;
        var counts = await db.Database.SqlQuery<UnconfirmedCodCheckouts>($"""
            SELECT
                CAST((SELECT COUNT(DISTINCT o."CheckoutId") FROM "Orders" o
                      WHERE o."Payment" = {cod} AND o."Status" = {waiting} AND o."Delivery_Phone" = {phone}) AS INTEGER) AS "Phone",
                CAST((SELECT COUNT(DISTINCT o."CheckoutId") FROM "Orders" o
                      WHERE o."Payment" = {cod} AND o."Status" = {waiting} AND o."PlacedFromIp" = {ip}) AS INTEGER) AS "Address"
            """).ToListAsync(ct);
        return counts[0];
    }

    private static string? ClientIp(CheckoutRequest request) =>
        request.ClientIp?.Trim() is { Length: > 0 } ip ? ip[..Math.Min(ip.Length, 45)] : null;

    private void Validate(CheckoutRequest request)
    {
        if (request.Lines.Count == 0) throw new DomainException(new("Giỏ hàng đang trống.", "Your cart is empty."));
        if (request.Lines.Any(l => l.Quantity <= 0)) throw new DomainException(new("Số lượng phải lớn hơn 0.", "The quantity must be above 0."));
        if (request.Lines.Select(l => l.ProductId).Distinct().Count() != request.Lines.Count)
            throw new ArgumentException("Each product appears once in a checkout.", nameof(request));
        var limits = options.Limits;
        if (request.Lines.Any(l => l.Quantity > limits.MaxQuantityPerLine)) throw new DomainException(new(
            $"Mỗi sản phẩm đặt tối đa {limits.MaxQuantityPerLine} trong một lần. Cần số lượng lớn hơn, vui lòng liên hệ trực tiếp nhà sản xuất.",
            $"You can order at most {limits.MaxQuantityPerLine} of each product at a time. For larger quantities, please contact the producer directly."));
        if (request.Lines.Sum(l => (long)l.Quantity) > limits.MaxQuantityPerCheckout) throw new DomainException(new(
            $"Một lần đặt hàng tối đa {limits.MaxQuantityPerCheckout} sản phẩm. Vui lòng chia thành nhiều lần, hoặc liên hệ trực tiếp nhà sản xuất.",
            $"One checkout can hold at most {limits.MaxQuantityPerCheckout} items. Please split it up, or contact the producer directly."));
        // A number the form binds but no payment is (0, 9): it would pass as "not cash on delivery" and skip the caps.
        if (!Enum.IsDefined(request.Payment))
            throw new DomainException(new("Vui lòng chọn một cách thanh toán.", "Please choose a way to pay."));
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
