using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Producers;

/// <summary>
/// A suspended producer's portal is closed: products, orders, CSV export and packing slips alike. Their open orders
/// are the officer's to cancel (see <see cref="Admin.SuspendedProducerOrderService"/>) until the producer is restored.
/// </summary>
public static class ProducerSuspension
{
    /// <exception cref="ForbiddenException">The producer is suspended; the message gives the officer's reason.</exception>
    public static async Task RequireNotSuspendedAsync(OcopDbContext db, int producerId, CancellationToken ct)
    {
        if (await SuspendedBecauseAsync(db, producerId, ct) is { } refusal) throw refusal;
    }

    /// <summary>The refusal to give a suspended producer (with the officer's reason), or null when they are in good standing.</summary>
    public static async Task<ForbiddenException?> SuspendedBecauseAsync(OcopDbContext db, int producerId, CancellationToken ct)
    {
        var status = await db.Producers.Where(p => p.Id == producerId).Select(p => new { p.Status, p.SuspensionReason }).SingleAsync(ct);
        return status.Status != VerificationStatus.Suspended ? null : new ForbiddenException(new(
            $"Tài khoản nhà sản xuất đang bị tạm ngừng: {status.SuspensionReason}",
            $"This producer account is suspended: {status.SuspensionReason}"));
    }
}
