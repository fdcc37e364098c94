using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.ProducerApi.Domain;
using OcopMarket.Core.Producers;

namespace OcopMarket.Core.ProducerApi;

public sealed record ApiTokenRow(int Id, string Name, string Hint, ApiScopes Scopes, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>Who a request's bearer token acts as, and what it may do.</summary>
public sealed record ApiCaller(Actor Actor, ApiScopes Scopes, int TokenId)
{
    public bool May(ApiScopes scope) => (Scopes & scope) == scope;
}

/// <summary>
/// Producers make and revoke access tokens for their own tools; a request with one acts exactly as the portal would
/// for that producer (the same services, the same ownership checks), within the token's scopes.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public async Task<(int Id, string Secret)> CreateAsync(Actor actor, string? name, ApiScopes scopes, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        if (await db.Set<ApiToken>().CountAsync(t => t.ProducerId == producerId && t.RevokedAt == null, ct) >= ApiToken.MaxPerProducer)
            throw new DomainException(new($"Tối đa {ApiToken.MaxPerProducer} khoá đang dùng; hãy thu hồi khoá cũ.",
                $"At most {ApiToken.MaxPerProducer} active tokens; revoke an old one."));
        var (token, secret) = ApiToken.Create(producerId, actor.UserId, name, scopes, clock.GetUtcNow().UtcDateTime);
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return (token.Id, secret);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ApiToken>().AsNoTracking().Where(t => t.ProducerId == producerId).OrderByDescending(t => t.Id)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Hint, t.Scopes, t.CreatedAt, t.LastUsedAt, t.RevokedAt)).ToListAsync(ct);
    }

    /// <summary>Revokes one of the producer's tokens; another producer's id is not found, as everywhere.</summary>
    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.ProducerId == producerId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy khoá.", "Token not found."));
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The caller a bearer token names, or null when it is unknown, revoked or its producer is suspended.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = ApiToken.HashOf(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
        if (token is null) return null;
        if (await db.Producers.AnyAsync(p => p.Id == token.ProducerId && p.Status == Producers.Domain.VerificationStatus.Suspended, ct)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        // Last use to the minute: a busy tool does not write on every call.
        if (token.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            token.Used(now);
            await db.SaveChangesAsync(ct);
        }
        return new ApiCaller(new Actor(token.CreatedByUserId, token.ProducerId, false), token.Scopes, token.Id);
    }
}
