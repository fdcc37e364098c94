using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Portal;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Portal;

public abstract class ProductPhotoServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProductPhotoServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ProductPhotoServiceTests(DatabaseProvider.PostgreSql);

    private readonly string _mediaRoot = Path.Combine(Path.GetTempPath(), $"ocop-photos-{Guid.NewGuid():N}");
    private TestDatabase _db = null!;
    private ProductPhotoService _photos = null!;
    private ProducerPortalService _portal = null!;
    private Actor _haoDat = null!, _vanHuong = null!;
    private int _productId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _, _) = await PortalTestData.CreateActorsAsync(_db);
        _portal = new ProducerPortalService(_db, _db.Clock);
        _photos = new ProductPhotoService(_db, new ProductImageProcessor(), new FileSystemMediaStore(_mediaRoot));
        await using var db = _db.CreateDbContext();
        _productId = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_mediaRoot)) Directory.Delete(_mediaRoot, recursive: true);
    }

    private static MemoryStream Jpeg(int width = 1600, int height = 1200) => new(TestImages.Make(width, height, SKEncodedImageFormat.Jpeg));

    private int StoredFiles() => Directory.Exists(_mediaRoot) ? Directory.GetFiles(_mediaRoot, "*", SearchOption.AllDirectories).Length : 0;

    [SkippableFact]
    public async Task A_photo_is_stored_resized_and_becomes_the_cover_in_listings()
    {
        await _photos.AddAsync(_haoDat, _productId, Jpeg());
        var product = await _portal.GetAsync(_haoDat, _productId);
        var image = Assert.Single(product.Images);
        Assert.StartsWith("/media/products/", image.DisplayUrl);
        Assert.Equal(2, StoredFiles()); // display + thumbnail

        var card = (await _db.Catalog().SearchAsync(new CatalogQuery { Search = "che dinh tan cuong" })).Items.First(c => c.Id == _productId);
        Assert.Equal(image.ThumbnailUrl, card.ImagePath);
        var details = await new ProductDetailsService(_db, _db.Clock).FindAsync("che-dinh-tan-cuong");
        Assert.Equal(image.DisplayUrl, details!.Photos.Single().DisplayUrl);
        Assert.Equal(1200, details.Photos[0].Width); // 1600×1200 fitted within 1200×1200
    }

    [SkippableFact]
    public async Task At_most_eight_photos()
    {
        for (var i = 0; i < Product.MaxImages; i++) await _photos.AddAsync(_haoDat, _productId, Jpeg(300, 200));
        var error = await Assert.ThrowsAsync<DomainException>(() => _photos.AddAsync(_haoDat, _productId, Jpeg(300, 200)));
        Assert.Contains("tối đa 8 ảnh", error.Message);
        Assert.Equal(16, StoredFiles());
    }

    [SkippableFact]
    public async Task Photos_can_be_reordered_and_deleted_and_the_cover_follows()
    {
        await _photos.AddAsync(_haoDat, _productId, Jpeg(300, 200));
        await _photos.AddAsync(_haoDat, _productId, Jpeg(400, 300));
        var before = (await _portal.GetAsync(_haoDat, _productId)).Images;
        await _photos.MoveAsync(_haoDat, _productId, before[1].Id, -1);
        var after = (await _portal.GetAsync(_haoDat, _productId)).Images;
        Assert.Equal([before[1].Id, before[0].Id], after.Select(i => i.Id));
        Assert.Equal(after[0].ThumbnailUrl, (await _db.Catalog().SearchAsync(new CatalogQuery { Search = "che dinh tan cuong" })).Items.First(c => c.Id == _productId).ImagePath);

        await _photos.DeleteAsync(_haoDat, _productId, after[0].Id);
        var left = Assert.Single((await _portal.GetAsync(_haoDat, _productId)).Images);
        Assert.Equal(0, left.Position);
        Assert.Equal(2, StoredFiles()); // the deleted photo's two files are gone

        await _photos.DeleteAsync(_haoDat, _productId, left.Id);
        var card = (await _db.Catalog().SearchAsync(new CatalogQuery { Search = "che dinh tan cuong" })).Items.First(c => c.Id == _productId);
        Assert.Equal("/images/sets/i-5a.svg", card.ImagePath); // back to the tea placeholder
    }

    [SkippableFact]
    public async Task A_renamed_text_file_is_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAsync<ImageRejectedException>(() =>
            _photos.AddAsync(_haoDat, _productId, new MemoryStream("Đây không phải ảnh"u8.ToArray())));
        Assert.Equal("Tệp không phải ảnh JPEG, PNG hoặc WebP.", error.Message);
        Assert.Equal(0, StoredFiles());
        Assert.Empty((await _portal.GetAsync(_haoDat, _productId)).Images);
    }

    [SkippableFact]
    public async Task A_photo_with_huge_dimensions_is_refused()
    {
        var png = TestImages.WithPngHeaderSize(TestImages.Make(20, 20, SKEncodedImageFormat.Png), 10_000, 10_000);
        var error = await Assert.ThrowsAsync<ImageRejectedException>(() => _photos.AddAsync(_haoDat, _productId, new MemoryStream(png)));
        Assert.Contains("6.000 px", error.Message);
        Assert.Equal(0, StoredFiles());
    }

    [SkippableFact]
    public async Task Another_producers_product_gets_no_photos_and_loses_none()
    {
        await _photos.AddAsync(_haoDat, _productId, Jpeg(300, 200));
        var image = (await _portal.GetAsync(_haoDat, _productId)).Images.Single();
        await Assert.ThrowsAsync<NotFoundException>(() => _photos.AddAsync(_vanHuong, _productId, Jpeg(300, 200)));
        await Assert.ThrowsAsync<NotFoundException>(() => _photos.DeleteAsync(_vanHuong, _productId, image.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => _photos.MoveAsync(_vanHuong, _productId, image.Id, 1));
        Assert.Single((await _portal.GetAsync(_haoDat, _productId)).Images);
        Assert.Equal(2, StoredFiles());
    }

    private async Task<int> CertificateIdAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Certificates.Where(c => c.ProductId == _productId).Select(c => c.Id).SingleAsync();
    }

    [SkippableFact]
    public async Task A_pdf_certificate_scan_is_kept_as_uploaded_and_shown_on_the_product_page()
    {
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        await _photos.AttachCertificateScanAsync(_haoDat, _productId, await CertificateIdAsync(), new MemoryStream(pdf));
        var certificate = (await _portal.GetAsync(_haoDat, _productId)).Certificates.Single();
        Assert.Matches("^/media/certificates/[0-9a-f]{32}\\.pdf$", certificate.ScanUrl);
        var stored = await File.ReadAllBytesAsync(Path.Combine(_mediaRoot, certificate.ScanUrl!["/media/".Length..]));
        Assert.Equal(pdf, stored);
        var page = await new ProductDetailsService(_db, _db.Clock).FindAsync("che-dinh-tan-cuong");
        Assert.Equal(certificate.ScanUrl, page!.Certificate!.ScanUrl);

        // A photo of the certificate replaces the PDF, and the old file goes.
        await _photos.AttachCertificateScanAsync(_haoDat, _productId, await CertificateIdAsync(), Jpeg(800, 600));
        Assert.EndsWith(".webp", (await _portal.GetAsync(_haoDat, _productId)).Certificates.Single().ScanUrl);
        Assert.Equal(1, StoredFiles());
    }

    [SkippableFact]
    public async Task A_scan_that_is_neither_image_nor_pdf_or_someone_elses_is_refused()
    {
        var certificateId = await CertificateIdAsync();
        var error = await Assert.ThrowsAsync<ImageRejectedException>(() =>
            _photos.AttachCertificateScanAsync(_haoDat, _productId, certificateId, new MemoryStream("<html>not a scan</html>"u8.ToArray())));
        Assert.Contains("PDF", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            _photos.AttachCertificateScanAsync(_vanHuong, _productId, certificateId, new MemoryStream("%PDF-1.4"u8.ToArray())));
        var bigBytes = new byte[ProductImageProcessor.MaxUploadBytes + 10];
        "%PDF-"u8.CopyTo(bigBytes);
        var big = new MemoryStream(bigBytes);
        Assert.Contains("5 MB", (await Assert.ThrowsAsync<ImageRejectedException>(() =>
            _photos.AttachCertificateScanAsync(_haoDat, _productId, certificateId, big))).Message);
        Assert.Equal(0, StoredFiles());
        Assert.Null((await _portal.GetAsync(_haoDat, _productId)).Certificates.Single().ScanUrl);
    }
}
