using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Admin;

/// <summary>What an officer types from an authority's letter.</summary>
/// <param name="Target">The product's or producer's page address (or its slug), as the letter names it.</param>
public sealed record TakedownRequest(TakedownTarget Kind, string Target, string Authority, string Reference, string Reason,
    DateTime ReceivedAt, DateTime? DueBy);

public sealed record TakedownRow(int Id, TakedownTarget Target, string TargetName, string? Slug, string Authority, string Reference,
    string Reason, DateTime ReceivedAt, DateTime DueBy, DateTime TakenDownAt, bool WasLate, string OfficerName,
    DateTime? LiftedAt, string? LiftedByName, string? LiftNote);

/// <summary>
/// Takedowns an authority asked for, done and logged in one transaction: the product is hidden and held (its
/// producer cannot re-publish it), or the producer is suspended with all its listings; the log keeps the letter's
/// reference and deadline and says whether it was met.
/// </summary>
public sealed class AuthorityTakedownService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> TakeDownAsync(Actor actor, TakedownRequest request, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var now = clock.GetUtcNow().UtcDateTime;
        var slug = SlugOf(request.Target, request.Kind);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var officer = await OfficerNameAsync(db, actor, ct);
        AuthorityTakedown takedown;
        if (request.Kind == TakedownTarget.Product)
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Slug == slug, ct) ?? throw new NotFoundException(new(
                $"Không có sản phẩm nào ở địa chỉ “{request.Target.Trim()}”.", $"No product at “{request.Target.Trim()}”."));
            takedown = AuthorityTakedown.Record(TakedownTarget.Product, product.Id, product.ProducerId, product.Name, request.Authority,
                request.Reference, request.Reason, request.ReceivedAt, request.DueBy, actor.UserId, officer, now);
            product.TakeDownForAuthority(takedown.NoteForProducer);
        }
        else
        {
            var producer = await db.Producers.FirstOrDefaultAsync(p => p.Slug == slug, ct) ?? throw new NotFoundException(new(
                $"Không có nhà sản xuất nào ở địa chỉ “{request.Target.Trim()}”.", $"No producer at “{request.Target.Trim()}”."));
            takedown = AuthorityTakedown.Record(TakedownTarget.Producer, null, producer.Id, producer.Name, request.Authority,
                request.Reference, request.Reason, request.ReceivedAt, request.DueBy, actor.UserId, officer, now);
            producer.Suspend(takedown.NoteForProducer);
            foreach (var product in await db.Products.Where(p => p.ProducerId == producer.Id && p.IsPublished).ToListAsync(ct))
                product.TakeDown(takedown.NoteForProducer);
        }
        db.Add(takedown);
        await db.SaveChangesAsync(ct);
        return takedown.Id;
    }

    /// <summary>Ends the hold: a product may be published again by its producer, a producer is restored (its listings stay down).</summary>
    public async Task LiftAsync(Actor actor, int takedownId, string note, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var takedown = await db.AuthorityTakedowns.FirstOrDefaultAsync(t => t.Id == takedownId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy yêu cầu gỡ.", "Takedown not found."));
        var officer = await OfficerNameAsync(db, actor, ct);
        takedown.Lift(officer, note, clock.GetUtcNow().UtcDateTime);
        if (takedown.Target == TakedownTarget.Product)
        {
            // Another authority's hold on the same product stays until that one is lifted too.
            var otherHolds = await db.AuthorityTakedowns.AnyAsync(t => t.Id != takedown.Id && t.ProductId == takedown.ProductId && t.LiftedAt == null, ct);
            if (!otherHolds) (await db.Products.SingleAsync(p => p.Id == takedown.ProductId, ct)).ReleaseAuthorityHold();
        }
        else
        {
            var otherHolds = await db.AuthorityTakedowns.AnyAsync(t => t.Id != takedown.Id && t.Target == TakedownTarget.Producer
                && t.ProducerId == takedown.ProducerId && t.LiftedAt == null, ct);
            if (!otherHolds) (await db.Producers.SingleAsync(p => p.Id == takedown.ProducerId, ct)).Verify();
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The log, newest request first.</summary>
    public async Task<IReadOnlyList<TakedownRow>> LogAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuthorityTakedowns.AsNoTracking().OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Id).Take(500)
            .Select(t => new TakedownRow(t.Id, t.Target, t.TargetName,
                t.Target == TakedownTarget.Product
                    ? db.Products.Where(p => p.Id == t.ProductId).Select(p => p.Slug).FirstOrDefault()
                    : db.Producers.Where(p => p.Id == t.ProducerId).Select(p => p.Slug).FirstOrDefault(),
                t.Authority, t.Reference, t.Reason, t.ReceivedAt, t.DueBy, t.TakenDownAt, t.TakenDownAt > t.DueBy, t.OfficerName,
                t.LiftedAt, t.LiftedByName, t.LiftNote))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The slug from what the officer pasted: the page's address as the letter quotes it (with or without the site,
    /// /en, a query), or the slug itself.
    /// </summary>
    public static string SlugOf(string target, TakedownTarget kind)
    {
        var text = (target ?? "").Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") text = absolute.AbsolutePath;
        text = text.Split('?', '#')[0].Trim('/');
        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = kind == TakedownTarget.Product ? "san-pham" : "nha-san-xuat";
        var at = Array.IndexOf(segments, prefix);
        var slug = at >= 0 && at + 1 < segments.Length ? segments[at + 1] : segments.LastOrDefault() ?? "";
        return Uri.UnescapeDataString(slug).ToLowerInvariant();
    }

    /// <summary>The officer's name as the log shows it, kept in the row so the log reads the same after they leave.</summary>
    private static async Task<string> OfficerNameAsync(OcopDbContext db, Actor actor, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
}
