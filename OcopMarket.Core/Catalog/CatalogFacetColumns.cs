using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// What the listings filter, count and sort on, for every published product, as arrays indexed by product id
/// (30 bytes a product: 30 MB at 1,000,000). A search reads only the ids of its hits from the index and
/// walks these arrays for its facet counts, its total and its page, instead of touching every hit's Products row
/// (a <c>GROUP BY</c> over 24,000 rows at 100,000 products, 240,000 at 1,000,000). An immutable snapshot, loaded
/// in one scan and replaced as a whole under <see cref="CatalogCache"/>'s rule (catalog version, served at most
/// <see cref="CatalogCache.MaxStaleness"/> after a write while one background task reloads it), so every node
/// follows the shared version as it does for the cubes.
/// <para>
/// The filters here must mean exactly what <c>CatalogService.FilterBy</c> and <c>Priced</c> mean in SQL, and the
/// orders what its <c>ORDER BY</c>s mean: the ranking tests compare the two.
/// </para>
/// </summary>
public sealed class CatalogFacetColumns
{
    private const byte Published = 1, InStock = 2;
    private const byte NoStars = 0;
    private const int NoDate = int.MinValue;

    private readonly byte[] _flags, _group, _set, _province, _type, _stars;
    private readonly int[] _validUntil; // DateOnly.DayNumber, NoDate when null
    private readonly long[] _price; // PriceVnd
    private readonly int[] _newest; // place in the newest-first order (CreatedAt desc, Id desc), 0 the newest
    private readonly int[] _reviewCount, _reviewSum; // buyers' published reviews and their ratings' sum (not OCOP stars)
    private readonly List<string> _setCodes, _provinceCodes; // filled while loading, then never changed
    private readonly Dictionary<string, byte> _setIndex = new(StringComparer.Ordinal), _provinceIndex = new(StringComparer.Ordinal);

    private CatalogFacetColumns(int size, List<string> setCodes, List<string> provinceCodes)
    {
        _flags = new byte[size]; _group = new byte[size]; _set = new byte[size]; _province = new byte[size];
        _type = new byte[size]; _stars = new byte[size]; _validUntil = new int[size]; _price = new long[size]; _newest = new int[size];
        _reviewCount = new int[size]; _reviewSum = new int[size];
        _setCodes = setCodes;
        _provinceCodes = provinceCodes;
    }

    /// <summary>Published products (how many the arrays hold).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Two scans of the published products: their listing columns, and their ids newest first (the listing's own
    /// <c>ORDER BY</c> on its index, so the newest order is the database's, not a re-parsed date's). A plain data
    /// reader, as materialising entities cost four times the scan (0.36 s against 0.07 s at 100,000 products).
    /// </summary>
    public static async Task<CatalogFacetColumns> LoadAsync(OcopDbContext db, CancellationToken ct = default)
    {
        // Straight into arrays sized by the highest id: a list of 1,000,000 rows first cost twice the memory and a GC storm.
        var size = (await db.Products.MaxAsync(p => (int?)p.Id, ct) ?? 0) + 1;
        var setCodes = new List<string>();
        var provinceCodes = new List<string>();
        var columns = new CatalogFacetColumns(size, setCodes, provinceCodes);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                // The same text on both providers: quoted names, and "IsPublished" is a boolean on PostgreSQL, 0/1 on SQLite.
                command.CommandText = """
                    SELECT "Id", "Group", "ProductSetCode", "ProvinceCode", "ProducerType", "CertificateStars", "CertificateValidUntil", "PriceVnd", "Stock",
                           "ReviewCount", "ReviewRatingSum"
                    FROM "Products" WHERE "IsPublished"
                    """;
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt32(0);
                    if ((uint)id >= (uint)size) continue; // added since the MAX: the next load has it
                    var inStock = reader.GetInt32(8) > 0;
                    columns._flags[id] = (byte)(Published | (inStock ? InStock : 0));
                    columns._group[id] = checked((byte)reader.GetInt32(1));
                    columns._set[id] = Code(columns._setIndex, setCodes, reader.GetString(2));
                    columns._province[id] = Code(columns._provinceIndex, provinceCodes, reader.GetString(3));
                    columns._type[id] = checked((byte)reader.GetInt32(4));
                    columns._stars[id] = reader.IsDBNull(5) ? NoStars : checked((byte)reader.GetInt32(5));
                    columns._validUntil[id] = reader.IsDBNull(6) ? NoDate : reader.GetFieldValue<DateOnly>(6).DayNumber;
                    columns._price[id] = reader.GetInt64(7);
                    columns._reviewCount[id] = reader.GetInt32(9);
                    columns._reviewSum[id] = reader.GetInt32(10);
                    columns.Count++;
                }
            }
            Array.Fill(columns._newest, -1);
            var position = 0;
            await foreach (var id in CatalogService.Newest(db.Products.AsNoTracking().Where(p => p.IsPublished)).Select(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
                if ((uint)id < (uint)size) columns._newest[id] = position++; // a product published between the scans is not in the arrays
            // One unpublished between the scans has no place: it counts as unpublished, as the next load will have it.
            for (var id = 0; id < size; id++)
                if (columns._newest[id] < 0 && (columns._flags[id] & Published) != 0) { columns._flags[id] = 0; columns.Count--; }
            return columns;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // At most 255 distinct codes per dimension fit a byte (26 sets and 34 provinces today).
    private static byte Code(Dictionary<string, byte> index, List<string> codes, string code)
    {
        if (index.TryGetValue(code, out var known)) return known;
        if (codes.Count == 255) throw new InvalidOperationException("Too many product sets or provinces for the facet columns.");
        codes.Add(code);
        return index[code] = (byte)(codes.Count - 1);
    }

    private bool IsPublished(int id) => (uint)id < (uint)_flags.Length && (_flags[id] & Published) != 0;

    /// <summary>Stars of a certificate current on <paramref name="todayDay"/>; 0 when lapsed, undated or absent (the cube's Stars).</summary>
    private int CurrentStars(int id, int todayDay) =>
        _stars[id] != NoStars && _validUntil[id] != NoDate && _validUntil[id] > todayDay ? _stars[id] : 0;

    /// <summary>The query's filters, resolved once to the arrays' codes.</summary>
    public readonly struct Filter
    {
        internal readonly long? MinPrice, MaxPrice;
        internal readonly int TodayDay;
        internal readonly int Group, Set, Province, MinStars, Type; // -1: no filter; Set/Province 256: matches nothing
        internal readonly bool InStockOnly, WellReviewedOnly;

        internal Filter(CatalogFacetColumns c, CatalogQuery q, string? provinceCode, DateOnly today)
        {
            MinPrice = q.MinPrice;
            MaxPrice = q.MaxPrice;
            TodayDay = today.DayNumber;
            Group = q.Group is { } g ? (int)g : -1;
            Set = q.ProductSetCode is { } s ? c._setIndex.TryGetValue(s, out var si) ? si : 256 : -1;
            Province = provinceCode is { } p ? c._provinceIndex.TryGetValue(p, out var pi) ? pi : 256 : -1;
            MinStars = q.MinStars ?? -1;
            Type = q.ProducerType is { } t ? (int)t : -1;
            InStockOnly = q.InStockOnly;
            WellReviewedOnly = q.WellReviewedOnly;
        }
    }

    public Filter FilterFor(CatalogQuery q, string? provinceCode, DateOnly today) => new(this, q, provinceCode, today);

    /// <summary>Published, in the price range and passing every filter: <c>FilterBy(Priced(…))</c> in SQL.</summary>
    public bool Passes(int id, in Filter f)
    {
        if (!IsPublished(id)) return false;
        var price = _price[id];
        if (f.MinPrice is { } min && price < min) return false;
        if (f.MaxPrice is { } max && price > max) return false;
        if (f.Group >= 0 && _group[id] != f.Group) return false;
        if (f.Set >= 0 && _set[id] != f.Set) return false;
        if (f.Province >= 0 && _province[id] != f.Province) return false;
        // SQL: CertificateStars >= m AND CertificateValidUntil > today (a NULL on either side fails).
        if (f.MinStars >= 0 && !(_stars[id] != NoStars && _stars[id] >= f.MinStars && _validUntil[id] != NoDate && _validUntil[id] > f.TodayDay)) return false;
        if (f.Type >= 0 && _type[id] != f.Type) return false;
        if (f.InStockOnly && (_flags[id] & InStock) == 0) return false;
        if (f.WellReviewedOnly && !WellReviewed(id)) return false;
        return true;
    }

    /// <summary>SQL: ReviewCount > 0 AND ReviewRatingSum >= 4 * ReviewCount (integers, so both agree exactly).</summary>
    private bool WellReviewed(int id) => _reviewCount[id] > 0 && _reviewSum[id] >= CatalogQuery.WellReviewedMin * _reviewCount[id];

    private bool InPriceRange(int id, long? min, long? max) =>
        IsPublished(id) && (min is not { } lo || _price[id] >= lo) && (max is not { } hi || _price[id] <= hi);

    /// <summary>The cube of every published product in the price range (no search): a walk over the arrays.</summary>
    public CatalogFacetCube Cube(long? minPrice, long? maxPrice, DateOnly today)
    {
        var counts = new Dictionary<int, int>();
        var todayDay = today.DayNumber;
        for (var id = 0; id < _flags.Length; id++)
            if (InPriceRange(id, minPrice, maxPrice)) CountCell(counts, id, todayDay);
        return ToCube(counts);
    }

    /// <summary>The cube of the published hits in the price range: the search's cube without reading Products.</summary>
    public CatalogFacetCube Cube(ReadOnlySpan<int> hits, long? minPrice, long? maxPrice, DateOnly today)
    {
        var counts = new Dictionary<int, int>();
        var todayDay = today.DayNumber;
        foreach (var id in hits)
            if (InPriceRange(id, minPrice, maxPrice)) CountCell(counts, id, todayDay);
        return ToCube(counts);
    }

    // A cell's key packed in an int: group, set, province, type (a byte each but the group's 3 bits), stars 3 bits, stock 1 bit,
    // well reviewed the sign bit.
    private void CountCell(Dictionary<int, int> counts, int id, int todayDay)
    {
        var key = _group[id] | _set[id] << 3 | _province[id] << 11 | _type[id] << 19 | CurrentStars(id, todayDay) << 27 | ((_flags[id] & InStock) != 0 ? 1 << 30 : 0)
            | (WellReviewed(id) ? WellReviewedBit : 0);
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
    }

    private CatalogFacetCube ToCube(Dictionary<int, int> counts) =>
        new([.. counts.Select(kv => new CatalogFacetCube.Cell(
            (OcopGroup)(kv.Key & 7), _setCodes[kv.Key >> 3 & 0xFF], _provinceCodes[kv.Key >> 11 & 0xFF], (ProducerType)(kv.Key >> 19 & 0xFF),
            kv.Key >> 27 & 7, (kv.Key & 1 << 30) != 0, kv.Value, (kv.Key & WellReviewedBit) != 0))]);

    private const int WellReviewedBit = unchecked((int)0x80000000);

    /// <summary>
    /// The page from <paramref name="skip"/> of the hits that pass the filter, in <paramref name="sort"/>'s order:
    /// the relevance order is the hits' own (<paramref name="rankedHits"/> are in rank order), so it stops at the
    /// page; the other orders keep the best skip + take in a heap, O(hits · log(skip + take)).
    /// </summary>
    public List<int> Page(ReadOnlySpan<int> rankedHits, in Filter f, CatalogSort sort, int skip, int take)
    {
        var page = new List<int>(take);
        if (take <= 0) return page;
        if (sort == CatalogSort.Relevance)
        {
            foreach (var id in rankedHits)
            {
                if (!Passes(id, f)) continue;
                if (skip > 0) { skip--; continue; }
                page.Add(id);
                if (page.Count == take) break;
            }
            return page;
        }

        var keep = skip + take;
        var order = Comparer<int>.Create(Order(sort, f.TodayDay));
        // A max-heap of the best "keep" ids so far: its top is the worst of them, the one a better id replaces.
        var heap = new PriorityQueue<int, int>(keep + 1, Comparer<int>.Create((a, b) => order.Compare(b, a)));
        foreach (var id in rankedHits)
        {
            if (!Passes(id, f)) continue;
            if (heap.Count < keep) heap.Enqueue(id, id);
            else if (order.Compare(id, heap.Peek()) < 0) heap.DequeueEnqueue(id, id);
        }
        var best = new int[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--) best[i] = heap.Dequeue();
        for (var i = skip; i < best.Length; i++) page.Add(best[i]);
        return page;
    }

    /// <summary>
    /// The page from <paramref name="skip"/> of every published product that passes the filter, in
    /// <paramref name="sort"/>'s order: for an order no index holds (the review rating), without a search.
    /// </summary>
    public List<int> PageOfAll(in Filter f, CatalogSort sort, int skip, int take)
    {
        var page = new List<int>(take);
        if (take <= 0) return page;
        var keep = skip + take;
        var order = Comparer<int>.Create(Order(sort, f.TodayDay));
        var heap = new PriorityQueue<int, int>(keep + 1, Comparer<int>.Create((a, b) => order.Compare(b, a)));
        for (var id = 0; id < _flags.Length; id++)
        {
            if (!Passes(id, f)) continue;
            if (heap.Count < keep) heap.Enqueue(id, id);
            else if (order.Compare(id, heap.Peek()) < 0) heap.DequeueEnqueue(id, id);
        }
        var best = new int[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--) best[i] = heap.Dequeue();
        for (var i = skip; i < best.Length; i++) page.Add(best[i]);
        return page;
    }

    /// <summary>The SQL orders of <c>CatalogService.IdsAsync</c> (ids are unique, so every order is total).</summary>
    private Comparison<int> Order(CatalogSort sort, int todayDay) => sort switch
    {
        CatalogSort.PriceAscending => (a, b) => _price[a] != _price[b] ? _price[a].CompareTo(_price[b]) : a.CompareTo(b),
        CatalogSort.PriceDescending => (a, b) => _price[a] != _price[b] ? _price[b].CompareTo(_price[a]) : b.CompareTo(a),
        // Current 5★, 4★, 3★, then lapsed or undated; newest first within each (StarsSortedIdsAsync).
        CatalogSort.Stars => (a, b) =>
        {
            int sa = CurrentStars(a, todayDay), sb = CurrentStars(b, todayDay);
            return sa != sb ? sb.CompareTo(sa) : Newest(a, b);
        },
        // Higher average first (compared as fractions, exactly), more reviews among equals, then newest; none last.
        CatalogSort.Rating => (a, b) =>
        {
            int ca = _reviewCount[a], cb = _reviewCount[b];
            if ((ca == 0) != (cb == 0)) return ca == 0 ? 1 : -1;
            if (ca > 0)
            {
                var byAverage = ((long)_reviewSum[b] * ca).CompareTo((long)_reviewSum[a] * cb);
                if (byAverage != 0) return byAverage;
                if (ca != cb) return cb.CompareTo(ca);
            }
            return Newest(a, b);
        },
        _ => Newest,
    };

    private int Newest(int a, int b) => _newest[a].CompareTo(_newest[b]);
}

/// <summary>
/// Every hit of one search expression, best first (rank, then id: the SQL order), published or not: the filters,
/// price range and sort of each request are applied to it in memory with <see cref="CatalogFacetColumns"/>, so one
/// ranking serves every filter combination. Cached per expression under the catalog version (a rename changes the
/// hits); its cubes are kept with it per columns snapshot, as both are immutable.
/// </summary>
public sealed class SearchHits(int[] ids, double[]? ranks = null) : CatalogCache.IWeighted
{
    public ReadOnlyMemory<int> Ids { get; } = ids;

    /// <summary>
    /// Each hit's rank, in the order of <see cref="Ids"/>, kept for one word's hits on SQLite only: a search of
    /// several words is then summed from its words' lists (<see cref="Combine"/>) instead of ranked again.
    /// </summary>
    // Spelled out: a bare null here converts to an empty ReadOnlyMemory (through the array conversion), which is not null.
    public ReadOnlyMemory<double>? Ranks { get; } = ranks is null ? (ReadOnlyMemory<double>?)null : ranks;

    /// <summary>In ids (4 bytes): a rank is 8 bytes, so two more.</summary>
    public long Weight => ids.Length + 2L * (ranks?.Length ?? 0);

    /// <summary>
    /// The hits of a SQLite search of several words, from each word's own hits and ranks, in the words' order:
    /// every word's (<c>"nuoc"* "mam"*</c>) or any word's (<c>"tra"* OR "xyz"*</c>). Exact, not an estimate: FTS5's
    /// bm25 is a sum over the query's phrases, each phrase's term depending only on that phrase (its idf over the
    /// whole table) and the row (its weighted hits in the row, the row's length), so a row's rank for the words is
    /// minus the sum of its one-word scores, added in phrase order as FTS5 adds them (a phrase that misses the row adds
    /// nothing). The doubles are then the ones SQL gives, bit for bit, and so is the order (rank, then id); the
    /// ranking tests compare the two. Costs the words' hits in memory instead of bm25 over every hit in FTS5 (a
    /// broad word's 24,000 hits at 100,000 products: 30–80 ms).
    /// </summary>
    public static SearchHits Combine(IReadOnlyList<SearchHits> words, bool anyWord)
    {
        if (words.Any(w => w.Ranks is null)) throw new ArgumentException("Every word's hits need their ranks.", nameof(words));
        // Every word's: only the rarest word's hits can match, so those are the candidates; any word's: the union.
        var candidates = anyWord ? words.Sum(w => w.Ids.Length) : words.Min(w => w.Ids.Length);
        var scores = new Dictionary<int, (double Score, int Words)>(candidates);
        if (!anyWord)
            foreach (var id in words.MinBy(w => w.Ids.Length)!.Ids.Span) scores[id] = (0.0, 0);
        foreach (var word in words)
        {
            var ids = word.Ids.Span;
            var ranks = word.Ranks!.Value.Span;
            for (var i = 0; i < ids.Length; i++)
            {
                ref var entry = ref anyWord
                    ? ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(scores, ids[i], out _)
                    : ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(scores, ids[i]);
                if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry)) continue;
                // bm25() returns -score; FTS5 sums the phrases' positive terms from 0.0, in phrase order.
                entry = (entry.Score + -ranks[i], entry.Words + 1);
            }
        }
        return Ranked(scores.Where(s => anyWord || s.Value.Words == words.Count).Select(s => (s.Key, -1.0 * s.Value.Score)), keepRanks: false);
    }

    /// <summary>
    /// The hits of an expression from its (product id, rank) pairs in any order, best first: by rank, then id, the
    /// SQL's <c>ORDER BY rank, Id</c> over the same doubles. Its ranks are kept when <paramref name="keepRanks"/>.
    /// </summary>
    public static SearchHits Ranked(IEnumerable<(int Id, double Rank)> hits, bool keepRanks)
    {
        var sorted = hits.ToArray();
        Array.Sort(sorted, (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Id.CompareTo(b.Id));
        return new SearchHits([.. sorted.Select(h => h.Id)], keepRanks ? [.. sorted.Select(h => h.Rank)] : null);
    }

    private const int MaxCubes = 16;
    private readonly ConcurrentDictionary<(CatalogFacetColumns, long?, long?, DateOnly), CatalogFacetCube> _cubes = new();

    public CatalogFacetCube Cube(CatalogFacetColumns columns, long? minPrice, long? maxPrice, DateOnly today)
    {
        var key = (columns, minPrice, maxPrice, today);
        if (_cubes.TryGetValue(key, out var cube)) return cube;
        cube = columns.Cube(Ids.Span, minPrice, maxPrice, today);
        // Only cubes of the newest columns are worth keeping; an older snapshot's are dropped with it.
        foreach (var k in _cubes.Keys) if (!ReferenceEquals(k.Item1, columns)) _cubes.TryRemove(k, out _);
        if (_cubes.Count < MaxCubes) _cubes.TryAdd(key, cube);
        return cube;
    }
}
