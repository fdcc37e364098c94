using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Catalog.Domain;

/// <summary>A producer's photo of a product, stored resized: a display image and a thumbnail.</summary>
public sealed class ProductImage : IShownOnPublicPages
{
    /// <summary>A photo is on its product's page and, as the cover, on every card of it.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => [PageTags.Listings, PageTags.Product(ProductId)];

    private ProductImage() { }

    public ProductImage(string displayPath, string thumbnailPath, int width, int height)
    {
        DisplayPath = displayPath;
        ThumbnailPath = thumbnailPath;
        Width = width;
        Height = height;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }

    /// <summary>Media-store paths ("products/3f2a….webp"), served under /media/.</summary>
    public string DisplayPath { get; private set; } = "";
    public string ThumbnailPath { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }

    /// <summary>0 is the cover shown in listings.</summary>
    public int Position { get; internal set; }
}
