using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Catalog;

/// <summary>
/// Broad words' ranked hits shared through the database (RankedSearchStore): one node ranks, the others read, and a
/// stored ranking is never served once it may be outdated (the search text moved, it aged, or the reading node's own
/// write came after it). The seed's 256 products have no word of 6,000 hits, so the nodes share from 20.
/// To tell a read from a ranking, the tests reverse the stored ids: a node that serves the reversed order read them.
/// </summary>
public abstract class RankedSearchStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : RankedSearchStoreTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : RankedSearchStoreTests(DatabaseProvider.PostgreSql);

    private const int SharedFrom = 20;
    private TestDatabase _db = null!;
    private CatalogService _nodeA = null!;
    private readonly List<CatalogCache> _otherCaches = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _nodeA = _db.Catalog();
        _nodeA.StoredFromHits = SharedFrom;
    }

    public async Task DisposeAsync()
    {
        foreach (var cache in _otherCaches) await cache.RefreshesSettledAsync();
        await _db.DisposeAsync();
    }

    /// <summary>Another web node on the same database: a cache of its own.</summary>
    private (CatalogService Node, CatalogCache Cache) NewNode()
    {
        var cache = new CatalogCache(_db.Clock);
        _otherCaches.Add(cache);
        return (new CatalogService(_db, _db.Clock, cache) { StoredFromHits = SharedFrom }, cache);
    }

    private string Match(string word) => ProductSearchIndex.BuildMatch(provider, word)!;

    private static async Task<List<int>> FirstPageAsync(CatalogService node, string search) =>
        [.. (await node.SearchAsync(new CatalogQuery { Search = search })).Items.Select(i => i.Id)];

    /// <summary>The published hits in the SQL's own order, the page's first 24.</summary>
    private async Task<List<int>> SqlFirstPageAsync(string word) => [.. (await SqlOrderAsync(word)).Take(24)];

    private async Task<List<int>> SqlOrderAsync(string word)
    {
        await using var db = _db.CreateDbContext();
        return await (from p in db.Products.AsNoTracking().Where(p => p.IsPublished)
                      join h in ProductSearchIndex.Hits(db, Match(word)) on p.Id equals h.ProductId
                      orderby h.Rank, p.Id
                      select p.Id).ToListAsync();
    }

    private async Task<(long Version, int Hits, int[] Ids)?> StoredAsync(string word)
    {
        await using var db = _db.CreateDbContext();
        var match = Match(word);
        var row = await db.RankedSearches.AsNoTracking().SingleOrDefaultAsync(r => r.Match == match);
        return row is null ? null : (row.SearchTextVersion, row.Hits, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(row.Ids).ToArray());
    }

    /// <summary>Reverses the stored ids (and ranks), so that a node serving them shows it read them.</summary>
    private async Task ReverseStoredAsync(string word)
    {
        await using var db = _db.CreateDbContext();
        var match = Match(word);
        var row = await db.RankedSearches.SingleAsync(r => r.Match == match);
        var ids = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(row.Ids).ToArray().Reverse().ToArray();
        var ranks = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(row.Ranks).ToArray().Reverse().ToArray();
        var idBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()).ToArray();
        var rankBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(ranks.AsSpan()).ToArray();
        await db.RankedSearches.Where(r => r.Match == match)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Ids, idBytes).SetProperty(r => r.Ranks, rankBytes));
    }

    [SkippableFact]
    public async Task A_broad_word_ranked_on_one_node_is_read_by_another_instead_of_ranked_again()
    {
        var onA = await FirstPageAsync(_nodeA, "nuoc");
        Assert.Equal(await SqlFirstPageAsync("nuoc"), onA);
        var stored = await StoredAsync("nuoc");
        Assert.NotNull(stored);
        Assert.True(stored.Value.Hits >= SharedFrom, "the premise: nuoc is broad enough to share");
        Assert.Equal(stored.Value.Hits, stored.Value.Ids.Length);

        // Node B starts a minute later (its first look at the shared row is no write of its own). Untouched, it serves
        // what A ranked; reversed, it serves the reversal: it read the row, it did not rank.
        _db.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(onA, await FirstPageAsync(NewNode().Node, "nuoc"));
        await ReverseStoredAsync("nuoc");
        _db.Clock.Now += TimeSpan.FromMinutes(1);
        var reversed = await FirstPageAsync(NewNode().Node, "nuoc");
        Assert.NotEqual(onA, reversed);
        var published = (await SqlOrderAsync("nuoc")).ToHashSet();
        Assert.Equal(stored.Value.Ids.Reverse().Where(published.Contains).Take(24), reversed);
    }

    [SkippableFact]
    public async Task A_stored_ranking_is_not_served_once_the_search_text_moved_and_is_replaced()
    {
        await FirstPageAsync(_nodeA, "nuoc");
        var before = (await StoredAsync("nuoc"))!.Value;
        await ReverseStoredAsync("nuoc");
        // A rename on node A: committed, then the shared search-text version moves.
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.FirstAsync(p => p.Slug == "che-dinh-tan-cuong");
            product.Rename("Nước chè Tân Cương", product.Slug);
            await db.SaveChangesAsync();
        }

        var onB = await FirstPageAsync(NewNode().Node, "nuoc");

        Assert.Equal(await SqlFirstPageAsync("nuoc"), onB);
        var after = (await StoredAsync("nuoc"))!.Value;
        Assert.True(after.Version > before.Version);
        Assert.Equal(after.Hits, after.Ids.Length);
    }

    [SkippableFact]
    public async Task A_nodes_own_write_is_not_hidden_by_a_ranking_from_before_it()
    {
        await FirstPageAsync(_nodeA, "nuoc");
        await ReverseStoredAsync("nuoc");
        var (nodeB, cacheB) = NewNode();
        // Node B commits a rename: its cache moves at once, the shared row a moment later (here: not yet). Between
        // the two, the stored ranking still carries the shared version, but it is older than B's write.
        _db.Clock.Now += TimeSpan.FromSeconds(1);
        cacheB.Invalidate(searchText: true);

        Assert.Equal(await SqlFirstPageAsync("nuoc"), await FirstPageAsync(nodeB, "nuoc"));
    }

    [SkippableFact]
    public async Task A_stored_ranking_older_than_its_maximum_age_is_ranked_again()
    {
        await FirstPageAsync(_nodeA, "nuoc");
        await ReverseStoredAsync("nuoc");
        _db.Clock.Now += RankedSearchStore.MaxAge + TimeSpan.FromSeconds(1);

        Assert.Equal(await SqlFirstPageAsync("nuoc"), await FirstPageAsync(NewNode().Node, "nuoc"));
        // And kept again, from now.
        Assert.Equal(await SqlFirstPageAsync("nuoc"), await FirstPageAsync(NewNode().Node, "nuoc"));
    }

    [SkippableFact]
    public async Task An_older_ranking_never_replaces_a_newer_one()
    {
        var match = Match("nuoc");
        var newer = new SearchHits([3, 2, 1]);
        var older = new SearchHits([1, 2, 3, 4]);
        await using var db = _db.CreateDbContext();
        await RankedSearchStore.WriteAsync(db, match, version: 7, _db.Clock.GetUtcNow(), newer, CancellationToken.None);
        await RankedSearchStore.WriteAsync(db, match, version: 6, _db.Clock.GetUtcNow().AddSeconds(5), older, CancellationToken.None);
        Assert.Equal(new[] { 3, 2, 1 }, (await StoredAsync("nuoc"))!.Value.Ids);
        // Same version, ranked later: replaces.
        await RankedSearchStore.WriteAsync(db, match, version: 7, _db.Clock.GetUtcNow().AddSeconds(5), older, CancellationToken.None);
        Assert.Equal(new[] { 1, 2, 3, 4 }, (await StoredAsync("nuoc"))!.Value.Ids);
    }

    [SkippableFact]
    public async Task Narrow_words_and_searches_of_several_words_are_not_stored()
    {
        await FirstPageAsync(_nodeA, "nuoc mam xyzzyq"); // any word: summed (SQLite) or ranked whole (PostgreSQL)
        await FirstPageAsync(_nodeA, "nuoc mam");
        // A word some products of the seed have, fewer than 20.
        var narrow = new List<string>();
        foreach (var word in new[] { "khai", "gom", "mat", "phu", "sen", "tam" })
            if ((await SqlOrderAsync(word)).Count is > 0 and < SharedFrom) narrow.Add(word);
        Assert.NotEmpty(narrow);
        await FirstPageAsync(_nodeA, narrow[0]);

        await using var db = _db.CreateDbContext();
        var matches = await db.RankedSearches.Select(r => r.Match).ToListAsync();
        Assert.DoesNotContain(matches, m => m.Contains(' '));
        Assert.DoesNotContain(Match(narrow[0]), matches);
        Assert.All(await db.RankedSearches.Select(r => r.Hits).ToListAsync(), hits => Assert.True(hits >= SharedFrom));
    }
}
