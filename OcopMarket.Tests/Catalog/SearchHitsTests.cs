using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Catalog;

/// <summary>
/// A search of several words summed from its words' ranked hits (no database: the ranks are given). Whether the sum
/// is FTS5's own, bit for bit, is tested on the real index in <see cref="SqliteSearchSumTests"/>.
/// </summary>
public class SearchHitsTests
{
    // One word's hits as the index lists them: best (lowest bm25) first, then by id.
    private static SearchHits Word(params (int Id, double Rank)[] hits) => SearchHits.Ranked(hits, keepRanks: true);

    [Fact]
    public void Every_word_keeps_the_products_that_have_all_of_them_ranked_by_the_sum_of_their_scores()
    {
        var nuoc = Word((1, -3.0), (2, -1.0), (3, -2.0), (4, -0.5));
        var mam = Word((2, -4.0), (3, -0.25), (5, -9.0));

        var both = SearchHits.Combine([nuoc, mam], anyWord: false);

        // 2: -(1 + 4) = -5; 3: -(2 + 0.25) = -2.25; 1, 4 and 5 lack a word.
        Assert.Equal([2, 3], both.Ids.ToArray());
        Assert.Null(both.Ranks);
    }

    [Fact]
    public void Any_word_keeps_every_product_that_has_one_and_a_missing_word_adds_nothing()
    {
        var tra = Word((1, -1.0), (2, -2.0));
        var xanh = Word((2, -0.5), (3, -2.25));

        var any = SearchHits.Combine([tra, xanh], anyWord: true);

        // 2: -2.5; 3: -2.25; 1: -1.
        Assert.Equal([2, 3, 1], any.Ids.ToArray());
    }

    [Fact]
    public void Equal_ranks_are_ordered_by_id_as_the_SQL_orders_them()
    {
        var a = Word((9, -1.0), (4, -2.0), (7, -1.5));
        var b = Word((9, -1.0), (4, -0.0000001), (7, -0.5));

        Assert.Equal([4, 7, 9], SearchHits.Combine([a, b], anyWord: false).Ids.ToArray());
        Assert.Equal([7, 9], SearchHits.Combine([Word((9, -2.0), (7, -2.0))], anyWord: true).Ids.ToArray());
    }

    [Fact]
    public void The_scores_are_added_in_the_words_order_from_zero_as_FTS5_adds_them()
    {
        // 0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in doubles: the sum must be taken in the query's phrase order.
        var first = Word((1, -0.1), (2, -0.3));
        var second = Word((1, -0.2), (2, -0.2));
        var third = Word((1, -0.3), (2, -0.1));
        var inOrder = -(0.0 + 0.1 + 0.2 + 0.3);
        var reversed = -(0.0 + 0.3 + 0.2 + 0.1);
        Assert.NotEqual(inOrder, reversed); // the premise: order matters at the last bit

        // Product 1 sums 0.1 + 0.2 + 0.3, product 2 sums 0.3 + 0.2 + 0.1: the one with the larger double comes first.
        var expected = inOrder < reversed ? new[] { 1, 2 } : [2, 1];
        Assert.Equal(expected, SearchHits.Combine([first, second, third], anyWord: false).Ids.ToArray());
    }

    [Fact]
    public void A_word_given_twice_counts_twice()
    {
        var a = Word((1, -1.0), (2, -1.5));
        var tra = Word((1, -2.0), (2, -0.2));

        // 1: -(1 + 2 + 1) = -4; 2: -(1.5 + 0.2 + 1.5) = -3.2.
        Assert.Equal([1, 2], SearchHits.Combine([a, tra, a], anyWord: false).Ids.ToArray());
    }

    [Fact]
    public void Hits_without_their_ranks_cannot_be_summed()
    {
        var withRanks = Word((1, -1.0));
        var idsOnly = new SearchHits([1]);

        Assert.Throws<ArgumentException>(() => SearchHits.Combine([withRanks, idsOnly], anyWord: true));
    }

    [Fact]
    public void A_words_ranks_weigh_twice_its_ids()
    {
        Assert.Equal(3, Word((1, -1.0)).Weight);
        Assert.Equal(1, new SearchHits([1]).Weight);
    }

    [Fact]
    public void One_SQLite_word_keeps_its_ranks_up_to_a_hundred_thousand_hits_and_nothing_else_does()
    {
        Assert.True(ProductSearchIndex.KeepsRanks(DatabaseProvider.Sqlite, "\"tra\"*", ProductSearchIndex.MaxRankedHits));
        Assert.False(ProductSearchIndex.KeepsRanks(DatabaseProvider.Sqlite, "\"tra\"*", ProductSearchIndex.MaxRankedHits + 1));
        Assert.False(ProductSearchIndex.KeepsRanks(DatabaseProvider.Sqlite, "\"nuoc\"* \"mam\"*", 10));
        Assert.False(ProductSearchIndex.KeepsRanks(DatabaseProvider.Sqlite, "\"nuoc\"* OR \"mam\"*", 10));
        Assert.False(ProductSearchIndex.KeepsRanks(DatabaseProvider.PostgreSql, "tra:*", 10));
    }
}
