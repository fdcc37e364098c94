using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Legal;

/// <summary>The account's privacy page: where each purpose stands, and every line of its history, newest first.</summary>
public sealed record ConsentOverview(IReadOnlyList<ConsentState> Current, IReadOnlyList<ConsentRecord> History);

/// <summary>Writes and reads the consent ledger. Each answer is stamped with the version of the document in force.</summary>
public sealed class ConsentService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The answers given on one form (registration, checkout, the seller application), one line each.</summary>
    public async Task RecordAsync(string? userId, Guid? checkoutId, IEnumerable<(ConsentPurpose Purpose, bool Granted)> answers,
        ConsentSource source, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (purpose, granted) in answers)
            db.ConsentRecords.Add(new ConsentRecord(userId, checkoutId, purpose, granted, LegalDocuments.Of(purpose).Current.Version, source, now));
        await db.SaveChangesAsync(ct);
    }

    public async Task<ConsentOverview> OverviewAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var history = await db.ConsentRecords.AsNoTracking().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).ToListAsync(ct);
        return new ConsentOverview(ConsentLedger.Current(history), history);
    }

    /// <summary>Whether the account said yes to an optional purpose, and has not said no since: what a sender checks.</summary>
    public async Task<bool> IsGrantedAsync(string userId, ConsentPurpose purpose, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await IsGrantedAsync(db, userId, purpose, ct);
    }

    /// <summary>The same question inside another service's context (an unsubscribe link writing its "no" in its own commit).</summary>
    internal static async Task<bool> IsGrantedAsync(OcopDbContext db, string userId, ConsentPurpose purpose, CancellationToken ct) =>
        await db.ConsentRecords.AsNoTracking().Where(r => r.UserId == userId && r.Purpose == purpose)
            .OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).Select(r => (bool?)r.Granted).FirstOrDefaultAsync(ct) == true;

    /// <summary>Of these accounts, the ones whose last answer about the purpose is yes (silence is no): one query for a batch.</summary>
    internal static async Task<HashSet<string>> GrantedAmongAsync(OcopDbContext db, IReadOnlyCollection<string> userIds, ConsentPurpose purpose,
        CancellationToken ct)
    {
        var lines = await db.ConsentRecords.AsNoTracking()
            .Where(r => r.UserId != null && userIds.Contains(r.UserId) && r.Purpose == purpose).ToListAsync(ct);
        return [.. lines.GroupBy(r => r.UserId!).Where(g => ConsentLedger.Current(g).Single(c => c.Purpose == purpose).Granted).Select(g => g.Key)];
    }

    /// <summary>A "no" to a purpose under the version in force: the same line the privacy page writes, for a caller's own commit.</summary>
    internal static ConsentRecord Withdrawal(string userId, ConsentPurpose purpose, ConsentSource source, DateTime atUtc) =>
        new(userId, null, purpose, false, LegalDocuments.Of(purpose).Current.Version, source, atUtc);

    /// <summary>The acceptances that come with an account and are asked again when their document changes.</summary>
    public static readonly IReadOnlyList<ConsentPurpose> Renewable = [ConsentPurpose.TermsOfUse, ConsentPurpose.SellerRules];

    /// <summary>
    /// The documents this account accepted in a version that is no longer in force: the operating rules promise that
    /// a changed text is shown and accepted before the account goes on (nothing is assumed from continued use).
    /// </summary>
    public async Task<IReadOnlyList<ConsentPurpose>> RenewalsDueAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await db.ConsentRecords.AsNoTracking().Where(r => r.UserId == userId && Renewable.Contains(r.Purpose)).ToListAsync(ct);
        return [.. ConsentLedger.Current(lines)
            .Where(c => Renewable.Contains(c.Purpose) && ConsentLedger.NeedsRenewal(c, LegalDocuments.Of(c.Purpose).Current.Version))
            .Select(c => c.Purpose)];
    }

    /// <summary>Accepts the versions in force of the documents that were due (only those: nothing new is agreed here).</summary>
    public async Task AcceptRenewalsAsync(string userId, CancellationToken ct = default)
    {
        var due = await RenewalsDueAsync(userId, ct);
        if (due.Count > 0) await RecordAsync(userId, null, due.Select(p => (p, true)), ConsentSource.Renewal, ct);
    }

    /// <summary>
    /// Says yes or no to an optional purpose, as easily one way as the other. An answer that changes nothing adds no
    /// line. Required purposes are refused here: they end with the account, not with a switch.
    /// </summary>
    /// <exception cref="DomainException">A purpose that is part of the service itself.</exception>
    public async Task SetAsync(string userId, ConsentPurpose purpose, bool granted, ConsentSource source, CancellationToken ct = default)
    {
        if (!ConsentLedger.IsOptional(purpose))
            throw new DomainException(new("Đồng ý này là điều kiện của dịch vụ; muốn chấm dứt, hãy xoá tài khoản.",
                "This agreement is a condition of the service; to end it, delete the account."));
        if (await IsGrantedAsync(userId, purpose, ct) == granted) return;
        await RecordAsync(userId, null, [(purpose, granted)], source, ct);
    }
}
