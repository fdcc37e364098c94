namespace OcopMarket.Core.Catalog.Domain;

/// <summary>
/// One broad word's ranked hits as some node ranked them (<see cref="RankedSearchStore"/>), kept in the database so
/// that no other node ranks them again at the same search-text version: at 1,000,000 products a broad word costs FTS5
/// 100–300 ms to rank, and reading its row a few milliseconds. One row per search expression (a word or prefix of
/// at least <see cref="RankedSearchStore.MinHits"/> hits), replaced when it is ranked again.
/// </summary>
public sealed class RankedSearch
{
    private RankedSearch() { }

    /// <summary>The provider's match expression (<c>"tra"*</c> on SQLite, <c>tra:*</c> on PostgreSQL).</summary>
    public string Match { get; private set; } = "";

    /// <summary>The shared search-text version read before the ranking: the row is current while the shared one still says this.</summary>
    public long SearchTextVersion { get; private set; }

    /// <summary>When the ranking began (UTC ticks), for the row's age and for writes a node made just before.</summary>
    public long RankedAtTicks { get; private set; }

    public int Hits { get; private set; }

    /// <summary>The ids in rank order, 4 bytes each (little-endian).</summary>
    public byte[] Ids { get; private set; } = [];

    /// <summary>Each id's rank, 8 bytes each, where the word keeps them (<see cref="ProductSearchIndex.KeepsRanks"/>); empty otherwise.</summary>
    public byte[] Ranks { get; private set; } = [];
}
