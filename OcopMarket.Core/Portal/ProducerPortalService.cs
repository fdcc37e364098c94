using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Portal;

public sealed record ProductForm(
    string Name, OcopGroup Group, string ProductSetCode, string Unit, long PriceVnd, int Stock, string Description);

public sealed record CertificateForm(int Stars, string Number, CertifyingLevel Level, DateOnly IssuedOn);

public sealed record PortalProductRow(
    int Id, string Slug, string Name, OcopGroup Group, string ProductSetCode, long PriceVnd, int Stock,
    bool IsPublished, int? CertificateStars, DateOnly? CertificateValidUntil, DateTime CreatedAt);

public sealed record PortalProductPage(IReadOnlyList<PortalProductRow> Items, int Total);

public sealed record PortalCertificate(int Id, int Stars, string? Number, CertifyingLevel Level, DateOnly? IssuedOn,
    DateOnly? ValidUntil, CertificateStatus Status, bool IsVerifiedByProgram, string? ScanUrl);

public sealed record PortalImage(int Id, string DisplayUrl, string ThumbnailUrl, int Position);

public sealed record PortalProduct(int Id, string Slug, ProductForm Form, bool IsPublished, string? ModerationNote,
    IReadOnlyList<PortalCertificate> Certificates, IReadOnlyList<PortalImage> Images);

public sealed record PortalDashboard(string ProducerName, string? SuspensionReason, int Listings, int Published, int LowStock,
    IReadOnlyList<PortalProductRow> LowStockProducts, IReadOnlyList<PortalProductRow> CertificatesExpiringSoon);

public sealed record ProducerProfileForm(string? Story, string? StreetAddress, string ProvinceCode, string? CommuneCode,
    string? CraftVillage, string? Phone, string? BankBin, string? BankAccountNumber, string? BankAccountName,
    bool? IsSme = null, ProducerType? Type = null);

public enum PortalProductSort { Newest, Name, Price, Stock }

/// <summary>
/// A producer's own shop. Every method takes the <see cref="Actor"/> and only ever reads or writes rows of the
/// actor's producer: another producer's id is answered exactly like an id that does not exist.
/// </summary>
public sealed class ProducerPortalService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public const int LowStockThreshold = 10;
    public const int ExpiryWarningDays = 90;

    public async Task<PortalDashboard> DashboardAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var warnUntil = today.AddDays(ExpiryWarningDays);
        var mine = db.Products.AsNoTracking().Where(p => p.ProducerId == producerId);
        var producer = await db.Producers.Where(p => p.Id == producerId)
            .Select(p => new { p.Name, Suspended = p.Status == VerificationStatus.Suspended, p.SuspensionReason }).SingleAsync(ct);
        return new PortalDashboard(
            producer.Name,
            producer.Suspended ? producer.SuspensionReason : null,
            await mine.CountAsync(ct),
            await mine.CountAsync(p => p.IsPublished, ct),
            await mine.CountAsync(p => p.Stock < LowStockThreshold, ct),
            await Rows(mine.Where(p => p.Stock < LowStockThreshold).OrderBy(p => p.Stock).Take(10)).ToListAsync(ct),
            await Rows(mine.Where(p => p.CertificateValidUntil != null && p.CertificateValidUntil > today && p.CertificateValidUntil <= warnUntil)
                .OrderBy(p => p.CertificateValidUntil).Take(10)).ToListAsync(ct));
    }

    public async Task<PortalProductPage> ListAsync(Actor actor, string? search, PortalProductSort sort, bool descending,
        int page, int pageSize, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Products.AsNoTracking().Where(p => p.ProducerId == producerId);
        var folded = VietnameseText.Fold(search);
        if (folded.Length > 0) q = q.Where(p => p.SearchName.Contains(folded));
        q = (sort, descending) switch
        {
            (PortalProductSort.Name, false) => q.OrderBy(p => p.SearchName).ThenBy(p => p.Id),
            (PortalProductSort.Name, true) => q.OrderByDescending(p => p.SearchName).ThenBy(p => p.Id),
            (PortalProductSort.Price, false) => q.OrderBy(p => p.PriceVnd).ThenBy(p => p.Id),
            (PortalProductSort.Price, true) => q.OrderByDescending(p => p.PriceVnd).ThenBy(p => p.Id),
            (PortalProductSort.Stock, false) => q.OrderBy(p => p.Stock).ThenBy(p => p.Id),
            (PortalProductSort.Stock, true) => q.OrderByDescending(p => p.Stock).ThenBy(p => p.Id),
            (_, false) => q.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            _ => q.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };
        var total = await q.CountAsync(ct);
        var items = await Rows(q.Skip(Math.Max(0, page) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PortalProductPage(items, total);
    }

    public async Task<PortalProduct> GetAsync(Actor actor, int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await OwnProductAsync(db, actor, productId, ct);
        var today = clock.Today();
        return new PortalProduct(product.Id, product.Slug,
            new ProductForm(product.Name, product.Group, product.ProductSetCode, product.Unit, product.PriceVnd, product.Stock, product.Description),
            product.IsPublished, product.ModerationNote,
            [.. product.Certificates.OrderByDescending(c => c.IssuedOn).Select(c => new PortalCertificate(
                c.Id, c.Stars, c.Number, c.Level, c.IssuedOn, c.ValidUntil, c.StatusOn(today), c.IsVerifiedByProgram,
                c.ScanPath is null ? null : Product.MediaUrlPrefix + c.ScanPath))],
            [.. product.Images.OrderBy(i => i.Position).Select(i => new PortalImage(
                i.Id, Product.MediaUrlPrefix + i.DisplayPath, Product.MediaUrlPrefix + i.ThumbnailPath, i.Position))]);
    }

    public async Task<int> CreateAsync(Actor actor, ProductForm form, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        Validate(form);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireNotSuspendedAsync(db, producerId, ct);
        var producer = await LoadProducerAsync(db, producerId, ct);
        var product = new Product(producer, form.Name, await UniqueProductSlugAsync(db, form.Name, ct), form.Group,
            form.ProductSetCode, form.Description, form.Unit, form.PriceVnd, form.Stock, clock.GetUtcNow().UtcDateTime);
        RefreshSearch(product, producer);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return product.Id;
    }

    public async Task UpdateAsync(Actor actor, int productId, ProductForm form, CancellationToken ct = default)
    {
        Validate(form);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await OwnProductAsync(db, actor, productId, ct);
        product.Rename(form.Name, product.Slug); // the slug stays: printed labels and shared links keep working
        product.Categorise(form.Group, form.ProductSetCode);
        product.Describe(form.Description, form.Unit);
        product.SetPrice(form.PriceVnd);
        product.SetStock(form.Stock);
        RefreshSearch(product, product.Producer);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds (or, with a negative number, removes) units; stock never goes below zero.</summary>
    public async Task<int> AdjustStockAsync(Actor actor, int productId, int delta, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await OwnProductAsync(db, actor, productId, ct);
        if (product.Stock + delta < 0) throw new DomainException(new(
            $"Không thể bớt {-delta}: chỉ còn {product.Stock} trong kho.",
            $"Cannot take away {-delta}: only {product.Stock} in stock."));
        product.SetStock(product.Stock + delta);
        await db.SaveChangesAsync(ct);
        return product.Stock;
    }

    public async Task AddCertificateAsync(Actor actor, int productId, CertificateForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await OwnProductAsync(db, actor, productId, ct);
        if (string.IsNullOrWhiteSpace(form.Number)) throw new DomainException(new(
            "Vui lòng nhập số giấy chứng nhận hoặc số quyết định.",
            "Please enter the certificate or decision number."));
        if (form.IssuedOn > clock.Today()) throw new DomainException(new("Ngày cấp không thể ở tương lai.", "The issue date cannot be in the future."));
        OcopCertificate certificate;
        try
        {
            certificate = new OcopCertificate(form.Stars, form.Number, form.Level, form.IssuedOn);
        }
        catch (ArgumentException)
        {
            throw new DomainException(new(
                "Hạng sao và cấp công nhận không khớp: 3–4 sao do tỉnh công nhận, 5 sao do Trung ương.",
                "The stars and the certifying level do not match: 3–4 stars are certified by the province, 5 stars centrally."));
        }
        product.AddCertificate(certificate);
        await db.SaveChangesAsync(ct);
    }

    public async Task PublishAsync(Actor actor, int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await OwnProductAsync(db, actor, productId, ct);
        product.Publish(clock.Today());
        await db.SaveChangesAsync(ct);
    }

    public async Task UnpublishAsync(Actor actor, int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await OwnProductAsync(db, actor, productId, ct);
        product.Unpublish();
        await db.SaveChangesAsync(ct);
    }

    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 50;
    public const int MaxDescriptionLength = 10_000;

    private static void Validate(ProductForm form)
    {
        var set = ReferenceData.Sets.FirstOrDefault(s => s.Code == form.ProductSetCode);
        if (set is null || set.Group != form.Group.Key())
            throw new DomainException(new("Bộ sản phẩm không thuộc nhóm đã chọn.", "That product set is not in the chosen group."));
        if (string.IsNullOrWhiteSpace(form.Name)) throw new DomainException(new("Vui lòng nhập tên sản phẩm.", "Please enter the product name."));
        if (string.IsNullOrWhiteSpace(form.Unit)) throw new DomainException(new("Vui lòng nhập đơn vị bán.", "Please enter the selling unit."));
        // SQLite keeps any length; these bounds are the ones the storefront lays out (a name on a tile, a unit after a price).
        if (form.Name.Length > MaxNameLength) throw new DomainException(new(
            $"Tên sản phẩm tối đa {MaxNameLength} ký tự.", $"The product name can be at most {MaxNameLength} characters."));
        if (form.Unit.Length > MaxUnitLength) throw new DomainException(new(
            $"Đơn vị bán tối đa {MaxUnitLength} ký tự.", $"The selling unit can be at most {MaxUnitLength} characters."));
        if (form.Description?.Length > MaxDescriptionLength) throw new DomainException(new(
            $"Mô tả tối đa {MaxDescriptionLength:N0} ký tự.", $"The description can be at most {MaxDescriptionLength:N0} characters."));
        if (form.PriceVnd <= 0) throw new DomainException(new("Giá phải lớn hơn 0 ₫.", "The price must be above 0 ₫."));
        if (form.Stock < 0) throw new DomainException(new("Tồn kho không được âm.", "Stock cannot be negative."));
    }

    internal static async Task<Product> OwnProductAsync(OcopDbContext db, Actor actor, int productId, CancellationToken ct)
    {
        var producerId = actor.RequireProducer();
        await RequireNotSuspendedAsync(db, producerId, ct);
        return await db.Products
                   .Include(p => p.Certificates)
                   .Include(p => p.Images)
                   .Include(p => p.Producer).ThenInclude(p => p.Province)
                   .Include(p => p.Producer).ThenInclude(p => p.Commune)
                   .FirstOrDefaultAsync(p => p.Id == productId && p.ProducerId == producerId, ct)
               ?? throw new NotFoundException(new("Không tìm thấy sản phẩm.", "Product not found."));
    }

    /// <summary>A suspended producer keeps read access to nothing and changes nothing until an officer restores them.</summary>
    private static Task RequireNotSuspendedAsync(OcopDbContext db, int producerId, CancellationToken ct) =>
        ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);

    public async Task<ProducerProfileForm> GetProfileAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Producers.AsNoTracking().SingleAsync(x => x.Id == producerId, ct);
        return new ProducerProfileForm(p.Story, p.StreetAddress, p.ProvinceCode, p.CommuneCode, p.CraftVillage, p.Phone,
            p.BankBin, p.BankAccountNumber, p.BankAccountName, p.IsSme, p.Type);
    }

    public async Task UpdateProfileAsync(Actor actor, ProducerProfileForm form, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireNotSuspendedAsync(db, producerId, ct);
        var producer = await db.Producers.SingleAsync(p => p.Id == producerId, ct);
        if (form.CommuneCode is not null && !await db.Communes.AnyAsync(c => c.Code == form.CommuneCode && c.ProvinceCode == form.ProvinceCode, ct))
            throw new DomainException(new("Xã/phường không thuộc tỉnh đã chọn.", "That commune or ward is not in the chosen province."));
        if (!string.IsNullOrWhiteSpace(form.Phone) && !PhoneNumbers.IsVietnamesePhone(form.Phone))
            throw new DomainException(new("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", "That is not a valid Vietnamese phone number (e.g. 0912 345 678)."));
        if (form.BankBin is not null && !ReferenceData.Banks.Any(b => b.Bin == form.BankBin))
            throw new DomainException(new("Hãy chọn ngân hàng.", "Please choose a bank."));
        var moved = producer.ProvinceCode != form.ProvinceCode;
        producer.Locate(form.ProvinceCode, form.CommuneCode, form.StreetAddress, producer.LegacyLocality);
        producer.UpdateProfile(string.IsNullOrWhiteSpace(form.Phone) ? null : PhoneNumbers.Normalise(form.Phone), form.Story, form.CraftVillage);
        producer.SetBankAccount(form.BankBin, form.BankAccountNumber, form.BankAccountName);
        producer.DeclareSme(form.IsSme);
        await db.SaveChangesAsync(ct);

        // Products carry their producer's province and place names for the catalog: follow a move.
        var products = await db.Products.Where(p => p.ProducerId == producerId).ToListAsync(ct);
        var located = await LoadProducerAsync(db, producerId, ct);
        foreach (var product in products)
        {
            if (moved) product.FollowProducer();
            RefreshSearch(product, located);
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Producer> LoadProducerAsync(OcopDbContext db, int producerId, CancellationToken ct) =>
        await db.Producers.Include(p => p.Province).Include(p => p.Commune).FirstAsync(p => p.Id == producerId, ct);

    private static void RefreshSearch(Product product, Producer producer) =>
        ProductSearchText.Refresh(product, producer, producer.Province.Name, producer.Commune?.Name, producer.LegacyLocality);

    private static Task<string> UniqueProductSlugAsync(OcopDbContext db, string name, CancellationToken ct) =>
        VietnameseText.UniqueSlugAsync(name, "san-pham", slug => db.Products.AnyAsync(p => p.Slug == slug, ct));

    private static IQueryable<PortalProductRow> Rows(IQueryable<Product> products) =>
        products.Select(p => new PortalProductRow(p.Id, p.Slug, p.Name, p.Group, p.ProductSetCode, p.PriceVnd, p.Stock,
            p.IsPublished, p.CertificateStars, p.CertificateValidUntil, p.CreatedAt));
}
