using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// Full-text search over the folded (diacritic- and đ-free, lower-case) name, producer, place and category of each
/// product, which <see cref="ProductSearchText"/> computes. Each provider uses its own machinery, written by hand in
/// its InitialCreate migration, and the two versions stand side by side below:
/// <list type="bullet">
/// <item>SQLite: the FTS5 table ProductSearch, kept in step with Products by triggers, ranked by bm25.</item>
/// <item>PostgreSQL: a generated <c>tsvector</c> column Products.SearchVector (configuration <c>simple</c>, so no
/// stemming or stop words; the four fields weighted A–D) with a GIN index, ranked by <c>ts_rank</c>.</item>
/// </list>
/// Both give the product name the most weight, then producer, place and category, and both match each word as a
/// prefix. Folding leaves only letters and digits, so nothing a buyer types can reach either query syntax.
/// </summary>
public static class ProductSearchIndex
{
    /// <summary>Folded words, at most 12, each a prefix; null when nothing searchable was typed.</summary>
    private static IReadOnlyList<string>? Words(string? search)
    {
        var tokens = VietnameseText.Tokens(search);
        return tokens.Count == 0 ? null : tokens.Take(12).ToList();
    }

    /// <summary>
    /// The provider's query for what a buyer typed: every word ("nuoc mam" → SQLite <c>"nuoc"* "mam"*</c>,
    /// PostgreSQL <c>nuoc:* &amp; mam:*</c>), or with <paramref name="anyWord"/> any of them.
    /// </summary>
    public static string? BuildMatch(DatabaseProvider provider, string? search, bool anyWord = false)
    {
        if (Words(search) is not { } words) return null;
        return provider switch
        {
            DatabaseProvider.Sqlite => string.Join(anyWord ? " OR " : " ", words.Select(t => $"\"{t}\"*")),
            DatabaseProvider.PostgreSql => string.Join(anyWord ? " | " : " & ", words.Select(t => $"{t}:*")),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }

    /// <summary>
    /// The one-word expressions a SQLite expression of several words (from <see cref="BuildMatch"/>) is made of, in
    /// its order, and whether any of them may match (<c>OR</c>); null for one word, and on PostgreSQL, whose
    /// <c>ts_rank</c> is not a sum over the words (<see cref="SearchHits.Combine"/> says why bm25's is).
    /// </summary>
    public static (IReadOnlyList<string> Words, bool AnyWord)? SqliteWords(DatabaseProvider provider, string match)
    {
        if (provider != DatabaseProvider.Sqlite) return null;
        var anyWord = match.Contains(" OR ", StringComparison.Ordinal);
        var words = match.Split(anyWord ? " OR " : " ");
        return words.Length < 2 ? null : (words, anyWord);
    }

    /// <summary>The most hits a word keeps its ranks for (800 KB of doubles): see <see cref="KeepsRanks"/>.</summary>
    public const int MaxRankedHits = 100_000;

    /// <summary>
    /// Whether a search expression's ranked hits keep their ranks, for the searches of several words summed from
    /// them: one SQLite word with at most <see cref="MaxRankedHits"/> hits. A broader word (a letter, or a syllable in a
    /// quarter of a million-product catalog) keeps its ids only, so the hits budget holds three times as many broad
    /// one-word searches; a search of several words with such a word is ranked whole.
    /// </summary>
    public static bool KeepsRanks(DatabaseProvider provider, string match, long hits) =>
        provider == DatabaseProvider.Sqlite && SqliteWords(provider, match) is null && hits <= MaxRankedHits;

    /// <summary>A matching product and its rank: lower is better on both providers.</summary>
    public sealed record Hit(int ProductId, double Rank);

    public static IQueryable<Hit> Hits(OcopDbContext db, string match) => db.Provider switch
    {
        // bm25 is negative, best first; column weights name 10, producer 4, place 3, category 1.
        DatabaseProvider.Sqlite => db.Database.SqlQuery<Hit>(
            $"SELECT rowid AS ProductId, bm25(ProductSearch, 10.0, 4.0, 3.0, 1.0) AS Rank FROM ProductSearch WHERE ProductSearch MATCH {match}"),
        // ts_rank's weights are given for D, C, B, A (category, place, producer, name) in the same 1 : 3 : 4 : 10
        // proportion; normalization 1 divides by 1 + log(length) as bm25 favours short documents. Negated: best first.
        DatabaseProvider.PostgreSql => db.Database.SqlQuery<Hit>($$"""
            SELECT "Id" AS "ProductId", -ts_rank('{0.1, 0.3, 0.4, 1.0}', "SearchVector", q, 1)::float8 AS "Rank"
            FROM "Products", to_tsquery('simple', {{match}}) AS q WHERE "SearchVector" @@ q
            """),
        _ => throw new ArgumentOutOfRangeException(nameof(db), db.Provider, null),
    };

    /// <summary>All words must match; when nothing does, any word may (ranked), so a near miss still finds something.</summary>
    public static async Task<string?> ChooseMatchAsync(OcopDbContext db, string? search, CancellationToken ct)
    {
        var all = BuildMatch(db.Provider, search);
        if (all is null) return null;
        var anyHit = await (db.Provider switch
        {
            DatabaseProvider.Sqlite => db.Database.SqlQuery<int>(
                $"SELECT rowid AS Value FROM ProductSearch WHERE ProductSearch MATCH {all} LIMIT 1"),
            _ => db.Database.SqlQuery<int>(
                $"""SELECT "Id" AS "Value" FROM "Products" WHERE "SearchVector" @@ to_tsquery('simple', {all}) LIMIT 1"""),
        }).AnyAsync(ct);
        return anyHit ? all : BuildMatch(db.Provider, search, anyWord: true);
    }
}
