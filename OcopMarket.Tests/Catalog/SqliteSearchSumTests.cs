using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Catalog;

/// <summary>
/// SQLite's own: a search of several words summed from its words' ranked hits is what FTS5 ranks, on the real index
/// over the seeded catalog. (PostgreSQL's <c>ts_rank</c> is not a sum over the words: its searches are ranked whole,
/// and the service tests compare both providers' pages with their SQL.)
/// </summary>
public class SqliteSearchSumTests
{
    /// <summary>
    /// FTS5's bm25 for several words is the sum of each word's own, so a search of several words can be summed from
    /// its words' ranked hits: bit for bit the doubles the SQL of the whole expression gives, every word and any word.
    /// </summary>
    [Theory]
    [InlineData("nuoc mam", false)]
    [InlineData("tra thai nguyen", false)]
    [InlineData("a nuoc a", false)]
    [InlineData("nuoc mam xyzzyq", true)]
    [InlineData("che xyzzyq tra a", true)]
    public async Task Summed_word_ranks_are_the_ranks_FTS5_gives_the_whole_search(string search, bool anyWord)
    {
        await using var database = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await using var db = database.CreateDbContext();
        var match = ProductSearchIndex.BuildMatch(db.Provider, search, anyWord)!;
        var whole = await ProductSearchIndex.Hits(db, match).ToListAsync();
        Assert.True(whole.Count > 1, $"too few hits ({whole.Count})");
        var words = new List<SearchHits>();
        foreach (var word in ProductSearchIndex.SqliteWords(db.Provider, match)!.Value.Words)
        {
            var hits = await ProductSearchIndex.Hits(db, word).ToListAsync();
            words.Add(SearchHits.Ranked(hits.Select(h => (h.ProductId, h.Rank)), keepRanks: true));
        }

        var summed = SearchHits.Combine(words, anyWord);

        Assert.Equal(whole.OrderBy(h => h.Rank).ThenBy(h => h.ProductId).Select(h => h.ProductId), summed.Ids.ToArray());
        // The same doubles, not only the same order: one word's rank for each of the summed products, re-added.
        var byWord = words.Select(w => w.Ids.ToArray().Zip(w.Ranks!.Value.ToArray()).ToDictionary(x => x.First, x => x.Second)).ToList();
        foreach (var hit in whole)
        {
            var score = 0.0;
            foreach (var ranks in byWord) if (ranks.TryGetValue(hit.ProductId, out var rank)) score += -rank;
            Assert.Equal(hit.Rank, -1.0 * score);
        }
    }
}
