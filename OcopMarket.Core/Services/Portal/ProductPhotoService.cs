using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Services.Media;

namespace OcopMarket.Core.Services.Portal;

/// <summary>A producer's product photos: checked, resized and stored, at most eight per product, in their order.</summary>
public sealed class ProductPhotoService(IDbContextFactory<OcopDbContext> dbFactory, ProductImageProcessor processor, IMediaStore store)
{
    public const string Folder = "products";

    /// <exception cref="ImageRejectedException">Not a JPEG/PNG/WebP, over 5 MB or 6,000 px, or unreadable.</exception>
    public async Task AddAsync(Actor actor, int productId, Stream upload, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        if (product.Images.Count >= Product.MaxImages) throw new DomainException($"Mỗi sản phẩm có tối đa {Product.MaxImages} ảnh.");

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
