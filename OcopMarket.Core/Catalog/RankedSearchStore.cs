using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// Broad words' ranked hits shared through the database (<see cref="RankedSearch"/>): a node that ranks a word of at
/// least <see cref="MinHits"/> hits writes them, and any node that needs them at the same shared search-text version
/// reads them instead of ranking them again. So a fresh node's warm-up and first searches cost a read each, not FTS5's
/// bm25 over every hit (0.1–0.3 s a word at 1,000,000 products), and a word that no longer fits a node's hits budget
/// is read back in milliseconds. Only one-word expressions are kept: there are only so many words and prefixes that
/// broad, so the table cannot be grown by inventing searches.
/// <para>
/// A row is served when (1) its version is the shared one now, (2) it is younger than <see cref="MaxAge"/>, so a lost
/// move of the shared version (a crash between a commit and its bump) leaves it stale for minutes, not for ever, and
/// (3) it was ranked after this node last moved its own search-text version: a node's own write moves its cache
/// before the shared row, and a row ranked before that write must not be taken for current in between.
/// </para>
/// The SQL of the write is the same on both providers (<c>INSERT … ON CONFLICT … DO UPDATE … WHERE</c>); an older
/// ranking never replaces a newer one.
/// </summary>
internal static class RankedSearchStore
{
    /// <summary>Words with fewer hits are ranked where they are asked: a few milliseconds (see <see cref="CatalogService.BroadHits"/>).</summary>
    public const int MinHits = CatalogService.BroadHits;

    /// <summary>How long a stored ranking is served: half an in-memory entry's life, so the two together stay within minutes.</summary>
    public static readonly TimeSpan MaxAge = CatalogCache.SearchTextMaxAge / 2;

    /// <summary>One word's expression (several words have spaces between them on both providers): the only kind kept.</summary>
    public static bool IsOneWord(string match) => !match.Contains(' ');

    /// <summary>Whether a ranking of <paramref name="match"/> with <paramref name="hits"/> hits is kept in the database.</summary>
    public static bool Keeps(string match, int hits, int minHits = MinHits) => hits >= minHits && IsOneWord(match);

    /// <summary>The stored ranking of <paramref name="match"/> if it is current (see the class), else null; one statement.</summary>
    public static async Task<SearchHits?> ReadAsync(OcopDbContext db, string match, DateTimeOffset notBefore, CancellationToken ct)
    {
        var since = notBefore.UtcTicks;
        var row = await db.RankedSearches.AsNoTracking()
            .Where(r => r.Match == match && r.RankedAtTicks >= since
                && r.SearchTextVersion == db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.SearchTextRowId).Select(v => v.Value).FirstOrDefault())
            .Select(r => new { r.Hits, r.Ids, r.Ranks })
            .FirstOrDefaultAsync(ct);
        // A row whose lengths disagree is not a ranking this code wrote: ranked again, and replaced.
        if (row is null || row.Hits <= 0 || row.Ids.Length != row.Hits * sizeof(int)
            || (row.Ranks.Length != 0 && row.Ranks.Length != row.Hits * sizeof(double))) return null;
        return new SearchHits(MemoryMarshal.Cast<byte, int>(row.Ids).ToArray(),
            row.Ranks.Length == 0 ? null : MemoryMarshal.Cast<byte, double>(row.Ranks).ToArray());
    }

    /// <summary>Keeps a ranking made at shared version <paramref name="version"/>, unless a newer one is kept already.</summary>
    public static async Task WriteAsync(OcopDbContext db, string match, long version, DateTimeOffset rankedAt, SearchHits hits, CancellationToken ct)
    {
        // Little-endian on every machine .NET runs this app on; the read checks the lengths.
        var ids = MemoryMarshal.AsBytes(hits.Ids.Span).ToArray();
        var ranks = hits.Ranks is { } r ? MemoryMarshal.AsBytes(r.Span).ToArray() : [];
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RankedSearches" ("Match", "SearchTextVersion", "RankedAtTicks", "Hits", "Ids", "Ranks")
            VALUES ({match}, {version}, {rankedAt.UtcTicks}, {hits.Ids.Length}, {ids}, {ranks})
            ON CONFLICT ("Match") DO UPDATE SET "SearchTextVersion" = excluded."SearchTextVersion",
                "RankedAtTicks" = excluded."RankedAtTicks", "Hits" = excluded."Hits", "Ids" = excluded."Ids", "Ranks" = excluded."Ranks"
            WHERE excluded."SearchTextVersion" > "RankedSearches"."SearchTextVersion"
                OR (excluded."SearchTextVersion" = "RankedSearches"."SearchTextVersion" AND excluded."RankedAtTicks" > "RankedSearches"."RankedAtTicks")
            """, ct);
    }
}
