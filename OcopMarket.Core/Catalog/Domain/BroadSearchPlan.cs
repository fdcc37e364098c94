namespace OcopMarket.Core.Catalog.Domain;

/// <summary>
/// Which broad searches the start-up warm-up ranks, and in which order, from a sample of the products' search text.
/// The budget runs out before the list does at 1,000,000 products, so the order is what buyers type first:
/// <list type="number">
/// <item>whole words of product names (<c>tra</c>, <c>nuoc</c>, <c>mat</c>), most common first;</item>
/// <item>then the other words and prefixes of two letters or more (<c>cong</c> of producers' names, <c>th</c>), broadest first;</item>
/// <item>then single letters, broadest first.</item>
/// </list>
/// Ordering by breadth alone spent the budget at 1,000,000 products on prefixes such as <c>th</c> and <c>ng</c> that
/// nobody types, and left <c>tra</c> and <c>nuoc</c> to be ranked while a visitor waited.
/// </summary>
public static class BroadSearchPlan
{
    /// <summary>One sampled product's search text: its name's words and all its other words (producer, place, category).</summary>
    public readonly record struct SampledProduct(IReadOnlyList<string> NameWords, IReadOnlyList<string> OtherWords);

    /// <summary>A word or prefix to warm, with the hits the sample predicts for the whole catalog.</summary>
    public readonly record struct Broad(string Prefix, long Hits);

    /// <summary>
    /// The words and prefixes that the sample says match at least <paramref name="minHits"/> of
    /// <paramref name="products"/> products, in warm-up order (ties by prefix, so every node warms the same).
    /// </summary>
    public static IReadOnlyList<Broad> Order(IReadOnlyCollection<SampledProduct> sample, long products, long minHits)
    {
        if (sample.Count == 0) return [];
        var hits = new Dictionary<string, int>(StringComparer.Ordinal);
        var nameWords = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenName = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in sample)
        {
            seen.Clear();
            seenName.Clear();
            foreach (var word in product.NameWords)
                if (seenName.Add(word)) nameWords[word] = nameWords.GetValueOrDefault(word) + 1;
            foreach (var word in product.NameWords.Concat(product.OtherWords))
                for (var n = 1; n <= word.Length; n++)
                    if (seen.Add(word[..n])) hits[word[..n]] = hits.GetValueOrDefault(word[..n]) + 1;
        }
        long Scale(int count) => count * products / sample.Count;
        return hits.Select(h => (h.Key, Hits: Scale(h.Value), Named: Scale(nameWords.GetValueOrDefault(h.Key))))
            .Where(h => h.Hits >= minHits)
            .OrderBy(h => h.Named >= minHits ? 0 : h.Key.Length > 1 ? 1 : 2)
            .ThenByDescending(h => h.Named >= minHits ? h.Named : h.Hits)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new Broad(h.Key, h.Hits))
            .ToList();
    }
}
