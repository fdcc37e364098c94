using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Admin;

public sealed record AdminProducerRow(int Id, string Slug, string Name, ProducerType Type, string ProvinceName,
    VerificationStatus Status, string? SuspensionReason, int Products, int Published);

public sealed record AdminProductRow(int Id, string Slug, string Name, string ProducerName, bool IsPublished, string? ModerationNote);

public sealed record CertificateToVerify(int CertificateId, int ProductId, string ProductSlug, string ProductName,
    string ProducerName, int Stars, string? Number, CertifyingLevel Level, DateOnly? IssuedOn, DateOnly? ValidUntil);

/// <summary>An order not yet shipped, found by the phone it is delivered to or the address it was placed from.</summary>
public sealed record OpenOrderFromSource(int Id, string Number, string ProducerName, OrderStatus Status, PaymentMethod Payment,
    bool IsPaid, string RecipientName, string Phone, string? PlacedFromIp, long TotalVnd, DateTime PlacedAt)
{
    /// <summary>Paid by card: cancelling it means a refund, which an officer decides order by order, not in bulk.</summary>
    public bool NeedsRefund => IsPaid && Payment == PaymentMethod.Card;
}

/// <param name="Cancelled">The numbers of the orders cancelled (their stock returned, their buyers and producers emailed).</param>
/// <param name="SkippedPaidByCard">The numbers of card-paid orders left as they are: they need a refund, not a bulk cancel.</param>
public sealed record BulkCancelResult(IReadOnlyList<string> Cancelled, IReadOnlyList<string> SkippedPaidByCard);

/// <summary>
/// What programme officers do: suspend and restore producers, take products down, verify certificates, and clear
/// the open orders one phone number or one IP address placed to hoard stock.
/// </summary>
public sealed class ProgramAdminService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdminProducerRow>> ProducersAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Producers.AsNoTracking()
            .Select(p => new AdminProducerRow(p.Id, p.Slug, p.Name, p.Type, p.Province.Name, p.Status, p.SuspensionReason,
                db.Products.Count(x => x.ProducerId == p.Id), db.Products.Count(x => x.ProducerId == p.Id && x.IsPublished)))
            .ToListAsync(ct);
        var folded = VietnameseText.Fold(search);
        // A few thousand producers: folding names in memory keeps one search rule everywhere.
        return [.. rows.Where(r => folded.Length == 0 || VietnameseText.Fold(r.Name).Contains(folded, StringComparison.Ordinal))
            .OrderBy(r => r.Status == VerificationStatus.Suspended ? 0 : 1).ThenBy(r => r.Name).Take(200)];
    }

    /// <summary>Suspends a producer: their listings leave the shop and their account can no longer change anything.</summary>
    public async Task SuspendProducerAsync(Actor actor, int producerId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var producer = await db.Producers.FirstOrDefaultAsync(p => p.Id == producerId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy nhà sản xuất.",
            "Producer not found."));
        producer.Suspend(reason);
        foreach (var product in await db.Products.Where(p => p.ProducerId == producerId && p.IsPublished).ToListAsync(ct))
            product.TakeDown($"Nhà sản xuất bị tạm ngừng: {producer.SuspensionReason}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Restores a producer. Their products stay unpublished until the producer publishes them again.</summary>
    public async Task RestoreProducerAsync(Actor actor, int producerId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var producer = await db.Producers.FirstOrDefaultAsync(p => p.Id == producerId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy nhà sản xuất.",
            "Producer not found."));
        producer.Verify();
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AdminProductRow>> ProductsAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var folded = VietnameseText.Fold(search);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Products.AsNoTracking();
        if (folded.Length > 0) q = q.Where(p => p.SearchName.Contains(folded) || p.SearchProducer.Contains(folded));
        return await q.OrderByDescending(p => p.IsPublished).ThenByDescending(p => p.CreatedAt).Take(50)
            .Select(p => new AdminProductRow(p.Id, p.Slug, p.Name, p.Producer.Name, p.IsPublished, p.ModerationNote))
            .ToListAsync(ct);
    }

    public async Task TakeDownProductAsync(Actor actor, int productId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy sản phẩm.",
            "Product not found."));
        product.TakeDown(reason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Current certificates of listed products that no officer has checked yet, newest first.</summary>
    public async Task<IReadOnlyList<CertificateToVerify>> CertificatesToVerifyAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var today = clock.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from c in db.Certificates.AsNoTracking()
                      join p in db.Products on c.ProductId equals p.Id
                      where !c.IsVerifiedByProgram && c.IssuedOn != null && c.IssuedOn > today.AddMonths(-OcopCertificate.ValidityMonths)
                      orderby c.IssuedOn descending, c.Id descending
                      select new CertificateToVerify(c.Id, p.Id, p.Slug, p.Name, p.Producer.Name, c.Stars, c.Number, c.Level,
                          c.IssuedOn, null))
            .Take(100).ToListAsync(ct);
        return [.. rows.Select(r => r with { ValidUntil = r.IssuedOn?.AddMonths(OcopCertificate.ValidityMonths) })];
    }

    public async Task VerifyCertificateAsync(Actor actor, int certificateId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy chứng nhận.", "Certificate not found."));
        certificate.MarkVerified();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The open (not yet shipped, not cancelled) orders delivered to this phone number or placed from this IP address.</summary>
    public async Task<IReadOnlyList<OpenOrderFromSource>> OpenOrdersFromAsync(Actor actor, string phoneOrIp, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await OpenOrdersFrom(db, phoneOrIp).AsNoTracking().Include(o => o.Lines).ToListAsync(ct);
        var producerIds = orders.Select(o => o.ProducerId).Distinct().ToList();
        var producers = await db.Producers.AsNoTracking().Where(p => producerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. orders.OrderByDescending(o => o.PlacedAt).Select(o => new OpenOrderFromSource(o.Id, o.Number, producers.GetValueOrDefault(o.ProducerId, ""),
            o.Status, o.Payment, o.IsPaid, o.Delivery?.RecipientName ?? "", o.Delivery?.Phone ?? "", o.PlacedFromIp, o.TotalVnd, o.PlacedAt))];
    }

    /// <summary>
    /// Cancels every open order from this phone number or IP address at once, with a reason the buyers see, and
    /// returns their stock, all in one transaction; the emails follow from the orders' events as for any cancel.
    /// Orders already paid by card are skipped and listed: giving money back is decided one order at a time.
    /// </summary>
    public async Task<BulkCancelResult> CancelOpenOrdersFromAsync(Actor actor, string phoneOrIp, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(new(
            "Hãy ghi lý do huỷ để người mua biết.",
            "Please give the reason for cancelling, so the buyer knows."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await OpenOrdersFrom(db, phoneOrIp).Include(o => o.Lines).Include(o => o.Events).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var skipped = orders.Where(o => o.NeedsRefundOnCancel).Select(o => o.Number).ToList();
        var toCancel = orders.Where(o => !o.NeedsRefundOnCancel).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var order in toCancel)
        {
            order.Cancel(CancelledBy.Officer, reason, now);
            await OrderStock.ReturnAsync(db, order, now, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An order moved (shipped, paid) while the officer was looking: nothing was cancelled, stock included.
            throw new DomainException(new(
                "Một đơn vừa thay đổi trạng thái trong lúc huỷ nên chưa đơn nào bị huỷ. Hãy tải lại danh sách và thử lại.",
                "An order changed while cancelling, so none were cancelled. Please reload the list and try again."));
        }
        await transaction.CommitAsync(ct);
        return new BulkCancelResult([.. toCancel.Select(o => o.Number)], skipped);
    }

    /// <summary>A mobile number is matched as the delivery phone (normalised as the checkout stores it), anything else as an IP address.</summary>
    private static IQueryable<Order> OpenOrdersFrom(OcopDbContext db, string phoneOrIp)
    {
        var open = db.Orders.Where(o => o.Status == OrderStatus.AwaitingPayment || o.Status == OrderStatus.AwaitingConfirmation
                                        || o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Packed);
        // Checked as a phone first: "0912345678" would also parse as an (integer-form) IPv4 address.
        if (PhoneNumbers.IsVietnamesePhone(phoneOrIp))
        {
            var phone = PhoneNumbers.Normalise(phoneOrIp);
            return open.Where(o => o.Delivery!.Phone == phone);
        }
        var typed = phoneOrIp?.Trim() ?? "";
        if ((typed.Contains('.') || typed.Contains(':')) && System.Net.IPAddress.TryParse(typed, out var ip))
        {
            var address = ClientAddress.Canonical(ip);
            return open.Where(o => o.PlacedFromIp == address);
        }
        throw new DomainException(new(
            "Hãy nhập một số điện thoại hoặc một địa chỉ IP.",
            "Please enter a phone number or an IP address."));
    }
}
