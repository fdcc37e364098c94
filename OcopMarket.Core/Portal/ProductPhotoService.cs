using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Portal;

/// <summary>A producer's product photos: checked, resized and stored, at most eight per product, in their order.</summary>
public sealed class ProductPhotoService(IDbContextFactory<OcopDbContext> dbFactory, ProductImageProcessor processor, IMediaStore store)
{
    public const string Folder = "products";

    /// <exception cref="ImageRejectedException">Not a JPEG/PNG/WebP, over 5 MB or 6,000 px, or unreadable.</exception>
    public async Task AddAsync(Actor actor, int productId, Stream upload, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        if (product.Images.Count >= Product.MaxImages) throw new DomainException(new(
            $"Mỗi sản phẩm có tối đa {Product.MaxImages} ảnh.",
            $"A product can have at most {Product.MaxImages} photos."));

        var processed = await processor.ProcessAsync(upload, ct);
        var display = await store.SaveAsync(Folder, processed.Extension, processed.Display, ct);
        var thumbnail = await store.SaveAsync(Folder, processed.Extension, processed.Thumbnail, ct);
        try
        {
            product.AddImage(new ProductImage(display, thumbnail, processed.Width, processed.Height));
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // The row was not saved: leave no orphan files behind.
            await store.DeleteAsync(display, CancellationToken.None);
            await store.DeleteAsync(thumbnail, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Attaches a scan of a certificate: a photo (re-encoded like product photos) or a PDF (kept as uploaded,
    /// after its signature and the 5 MB limit are checked). Replaces an earlier scan.
    /// </summary>
    public async Task AttachCertificateScanAsync(Actor actor, int productId, int certificateId, Stream upload, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        var certificate = product.Certificates.FirstOrDefault(c => c.Id == certificateId) ?? throw new NotFoundException(new(
            "Không tìm thấy chứng nhận.",
            "Certificate not found."));

        var (path, _) = await StoreDocumentAsync(upload, "certificates", ct);

        var previous = certificate.ScanPath;
        certificate.AttachScan(path);
        await db.SaveChangesAsync(ct);
        if (previous is not null) await store.DeleteAsync(previous, CancellationToken.None);
    }

    /// <summary>
    /// Stores a document a producer uploads (a certificate scan, a test result): a PDF as sent, or an image
    /// re-encoded at display size, after its signature and the 5 MB limit are checked.
    /// </summary>
    /// <returns>The media-store path and the content type it is served with.</returns>
    /// <exception cref="ImageRejectedException">Too large, or neither an image nor a PDF.</exception>
    public async Task<(string Path, string ContentType)> StoreDocumentAsync(Stream upload, string folder, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await CopyAtMostAsync(upload, buffer, ProductImageProcessor.MaxUploadBytes + 1, ct);
        if (buffer.Length > ProductImageProcessor.MaxUploadBytes) throw new ImageRejectedException(new(
            "Tệp quá lớn: tối đa 5 MB.",
            "The file is too large: 5 MB at most."));
        var kind = ImageFormatSniffer.Detect(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, ImageFormatSniffer.HeaderLength)));
        if (kind == UploadKind.Pdf) return (await store.SaveAsync(folder, ".pdf", buffer.ToArray(), ct), "application/pdf");
        if (!ImageFormatSniffer.IsImage(kind)) throw new ImageRejectedException(new(
            "Tệp phải là ảnh JPEG, PNG, WebP hoặc tệp PDF.",
            "The file must be a JPEG, PNG or WebP image, or a PDF."));
        buffer.Position = 0;
        var processed = await processor.ProcessAsync(buffer, ct);
        return (await store.SaveAsync(folder, processed.Extension, processed.Display, ct), ProductImageProcessor.OutputContentType);
    }

    private static async Task CopyAtMostAsync(Stream source, Stream destination, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - total)), ct)) > 0)
        {
            await destination.WriteAsync(chunk.AsMemory(0, read), ct);
            total += read;
        }
    }

    public async Task DeleteAsync(Actor actor, int productId, int imageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        var removed = product.RemoveImage(imageId);
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(removed.DisplayPath, ct);
        await store.DeleteAsync(removed.ThumbnailPath, ct);
    }

    public async Task MoveAsync(Actor actor, int productId, int imageId, int offset, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        product.MoveImage(imageId, offset);
        await db.SaveChangesAsync(ct);
    }
}
