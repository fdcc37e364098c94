using System.Text;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.OpenData;

/// <summary>One page of an open-data list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record ApiProduct(int Id, string Slug, string Name, string Group, string ProductSet, string Unit, long PriceVnd,
    int Stock, int? Stars, DateOnly? CertificateValidUntil, string? Gtin, string ProducerSlug, string ProducerName,
    string ProvinceCode, string? ImageUrl, DateTime UpdatedAt);

public sealed record ApiProducer(int Id, string Slug, string Name, string Type, string ProvinceCode, string? CommuneCode,
    string? CraftVillage, int PublishedProducts);

public sealed record ApiCertificate(int Id, string ProductSlug, int Stars, string? Number, string Level, DateOnly? IssuedOn,
    DateOnly? ValidUntil, string Status, bool VerifiedByProgramme);

/// <summary>The catalog's filters, as the open data API takes them (the same meanings as on <c>/san-pham</c>).</summary>
/// <param name="UpdatedSince">Only products changed at or after this time (UTC), oldest change first: a sync reads
/// from its last run's time and pages on. A product changed while someone pages moves to the end and comes again.</param>
public sealed record ApiProductFilter(OcopGroup? Group = null, string? ProductSet = null, string? ProvinceCode = null,
    int? MinStars = null, bool InStock = false, long? MinPriceVnd = null, long? MaxPriceVnd = null, DateTime? UpdatedSince = null);

/// <summary>
/// The read-only open data: what the shop shows anyone (published products of verified producers, their certificates),
/// in stable shapes for other systems. Lists page by id with an opaque cursor, so a page never repeats or skips a row
/// when rows are added while someone pages through (new rows get larger ids and come at the end).
/// </summary>
public sealed class OpenDataService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    private static readonly UserText BadCursor = new("Con trỏ trang không hợp lệ; hãy dùng nextCursor của trang trước.",
        "The cursor is not valid; use the nextCursor of the previous page.");

    public static string Cursor(int lastId) => Encode($"id:{lastId}");

    /// <summary>The cursor of an <c>updatedSince</c> listing: the last row's change time and id.</summary>
    public static string Cursor(DateTime lastUpdated, int lastId) => Encode($"u:{lastUpdated.Ticks}:{lastId}");

    private static string Encode(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));

    private static string Decode(string cursor)
    {
        try
        {
            return Encoding.ASCII.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new DomainException(BadCursor);
        }
    }

    /// <summary>Where an <c>updatedSince</c> cursor continues (null without one).</summary>
    public static (DateTime Updated, int Id)? AfterUpdate(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var parts = Decode(cursor).Split(':');
        if (parts is ["u", var ticks, var id] && long.TryParse(ticks, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t)
            && t < DateTime.MaxValue.Ticks && int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i > 0)
            return (new DateTime(t, DateTimeKind.Utc), i);
        throw new DomainException(BadCursor);
    }

    /// <summary>The id a cursor continues after (0 without one); a cursor that is not one of ours is refused.</summary>
    public static int After(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        var text = Decode(cursor);
        if (text.StartsWith("id:", StringComparison.Ordinal) && int.TryParse(text[3..], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
            return id;
        throw new DomainException(BadCursor);
    }

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw new DomainException(new($"Số dòng mỗi trang từ 1 đến {MaxLimit}.", $"limit is between 1 and {MaxLimit}.")),
        { } l => l,
    };

    public async Task<ApiPage<ApiProduct>> ProductsAsync(ApiProductFilter filter, string? cursor, int? limit, CancellationToken ct = default)
    {
        var take = Limit(limit);
        var today = clock.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Products.AsNoTracking().Where(p => p.IsPublished);
        if (filter.Group is { } g) q = q.Where(p => p.Group == g);
        if (filter.ProductSet is { } set) q = q.Where(p => p.ProductSetCode == set);
        if (filter.ProvinceCode is { } province) q = q.Where(p => p.ProvinceCode == province);
        if (filter.MinStars is { } stars) q = q.Where(p => p.CertificateStars >= stars && p.CertificateValidUntil > today);
        if (filter.InStock) q = q.Where(p => p.Stock > 0);
        if (filter.MinPriceVnd is { } min) q = q.Where(p => p.PriceVnd >= min);
        if (filter.MaxPriceVnd is { } max) q = q.Where(p => p.PriceVnd <= max);
        if (filter.UpdatedSince is { } since)
        {
            var from = DateTime.SpecifyKind(since, DateTimeKind.Utc);
            q = q.Where(p => p.UpdatedAt >= from);
            if (AfterUpdate(cursor) is var (at, id)) q = q.Where(p => p.UpdatedAt > at || (p.UpdatedAt == at && p.Id > id));
            var changed = await ListAsync(q.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).Take(take + 1), today, ct);
            return new ApiPage<ApiProduct>([.. changed.Take(take)],
                changed.Count > take ? Cursor(changed[take - 1].UpdatedAt, changed[take - 1].Id) : null);
        }
        var after = After(cursor);
        var items = await ListAsync(q.Where(p => p.Id > after).OrderBy(p => p.Id).Take(take + 1), today, ct);
        return new ApiPage<ApiProduct>([.. items.Take(take)], items.Count > take ? Cursor(items[take - 1].Id) : null);
    }

    private static async Task<List<ApiProduct>> ListAsync(IQueryable<Product> q, DateOnly today, CancellationToken ct)
    {
        var rows = await q
            .Select(p => new
            {
                p.Id, p.Slug, p.Name, p.Group, p.ProductSetCode, p.Unit, p.PriceVnd, p.Stock, p.CertificateStars, p.CertificateValidUntil,
                p.Gtin, ProducerSlug = p.Producer.Slug, ProducerName = p.Producer.Name, p.ProvinceCode, p.ImagePath, p.UpdatedAt,
            })
            .ToListAsync(ct);
        return [.. rows.Select(p => new ApiProduct(p.Id, p.Slug, p.Name, p.Group.Key(), p.ProductSetCode, p.Unit, p.PriceVnd,
            p.Stock, OcopCertificate.StatusFor(p.CertificateValidUntil, today) == CertificateStatus.Current ? p.CertificateStars : null,
            p.CertificateValidUntil, p.Gtin, p.ProducerSlug, p.ProducerName, p.ProvinceCode, p.ImagePath,
            DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc)))];

    }

    public async Task<ApiProduct?> ProductAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ListAsync(db.Products.AsNoTracking().Where(p => p.Slug == slug && p.IsPublished), clock.Today(), ct)).SingleOrDefault();
    }

    public async Task<ApiPage<ApiProducer>> ProducersAsync(string? provinceCode, string? cursor, int? limit, CancellationToken ct = default)
    {
        var after = After(cursor);
        var take = Limit(limit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Producers.AsNoTracking().Where(p => p.Status == VerificationStatus.Verified && p.Id > after);
        if (provinceCode is not null) q = q.Where(p => p.ProvinceCode == provinceCode);
        var rows = await q.OrderBy(p => p.Id).Take(take + 1)
            .Select(p => new ApiProducer(p.Id, p.Slug, p.Name, p.Type.ToString(), p.ProvinceCode, p.CommuneCode, p.CraftVillage,
                db.Products.Count(x => x.ProducerId == p.Id && x.IsPublished)))
            .ToListAsync(ct);
        var items = rows.Take(take).Select(p => p with { Type = ProducerTypeKey(p.Type) }).ToList();
        return new ApiPage<ApiProducer>(items, rows.Count > take ? Cursor(items[^1].Id) : null);
    }

    private static string ProducerTypeKey(string name) => Enum.Parse<ProducerType>(name).Key();

    public async Task<ApiPage<ApiCertificate>> CertificatesAsync(string? productSlug, string? cursor, int? limit, CancellationToken ct = default)
    {
        var after = After(cursor);
        var take = Limit(limit);
        var today = clock.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = from c in db.Certificates.AsNoTracking()
                join p in db.Products on c.ProductId equals p.Id
                where p.IsPublished && c.Id > after
                select new { c, p.Slug };
        if (productSlug is not null) q = q.Where(x => x.Slug == productSlug);
        var rows = await q.OrderBy(x => x.c.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(x => new ApiCertificate(x.c.Id, x.Slug, x.c.Stars, x.c.Number,
            x.c.Level.ToString().ToLowerInvariant(), x.c.IssuedOn, x.c.ValidUntil, x.c.StatusOn(today).ToString().ToLowerInvariant(),
            x.c.IsVerifiedByProgram)).ToList();
        return new ApiPage<ApiCertificate>(items, rows.Count > take ? Cursor(items[^1].Id) : null);
    }
}
