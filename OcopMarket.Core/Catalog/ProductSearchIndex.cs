using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// The SQLite FTS5 index over the folded name, producer, place and category of each product
/// (table ProductSearch, kept in step with Products by triggers; created by hand in the InitialCreate migration).
/// </summary>
public static class ProductSearchIndex
{
    /// <summary>
    /// An FTS5 query from what a buyer typed: folded words, each a prefix ("nuoc mam" → "nuoc"* "mam"*).
    /// Folding leaves only letters and digits, so nothing typed can reach FTS5's query syntax.
    /// </summary>
    public static string? BuildMatch(string? search, bool anyWord = false)
    {
        var tokens = VietnameseText.Tokens(search);
        if (tokens.Count == 0) return null;
        return string.Join(anyWord ? " OR " : " ", tokens.Take(12).Select(t => $"\"{t}\"*"));
    }

    public sealed record Hit(int ProductId, double Rank);

    // Column weights for bm25: a hit in the product name counts most, then producer, place, category.
    public static IQueryable<Hit> Hits(OcopDbContext db, string match) =>
        db.Database.SqlQuery<Hit>(
            $"SELECT rowid AS ProductId, bm25(ProductSearch, 10.0, 4.0, 3.0, 1.0) AS Rank FROM ProductSearch WHERE ProductSearch MATCH {match}");

    /// <summary>All words must match; when nothing does, any word may (ranked), so a near miss still finds something.</summary>
    public static async Task<string?> ChooseMatchAsync(OcopDbContext db, string? search, CancellationToken ct)
    {
        var all = BuildMatch(search);
        if (all is null) return null;
        var anyHit = await db.Database
            .SqlQuery<int>($"SELECT rowid AS Value FROM ProductSearch WHERE ProductSearch MATCH {all} LIMIT 1")
            .AnyAsync(ct);
        return anyHit ? all : BuildMatch(search, anyWord: true);
    }
}
