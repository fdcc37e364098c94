using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Catalog.Domain;

public sealed class Product : IShownOnPublicPages
{
    /// <summary>Its page, its producer's page (which lists it) and every listing; a new one has no page yet.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => isNew
        ? [PageTags.Listings, PageTags.Producer(ProducerId)]
        : [PageTags.Listings, PageTags.Product(Id), PageTags.Producer(ProducerId)];

    public const int MaxImages = 8;
    public const string MediaUrlPrefix = "/media/";

    private readonly List<OcopCertificate> _certificates = [];
    private readonly List<ProductImage> _images = [];

    private Product() { }

    public Product(Producer producer, string name, string slug, OcopGroup group, string productSetCode,
        string description, string unit, long priceVnd, int stock, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(producer);
        Producer = producer;
        FollowProducer();
        Rename(name, slug);
        Categorise(group, productSetCode);
        Describe(description, unit);
        SetPrice(priceVnd);
        SetStock(stock);
        CreatedAt = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
        UpdatedAt = CreatedAt;
    }

    public int Id { get; private set; }
    public int ProducerId { get; private set; }
    public Producer Producer { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public OcopGroup Group { get; private set; }
    public string ProductSetCode { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The selling unit as a buyer reads it: "chai 500 ml".</summary>
    public string Unit { get; private set; } = "";

    public long PriceVnd { get; private set; }
    public int Stock { get; private set; }
    public bool IsPublished { get; private set; }

    /// <summary>Why an officer took the product down; the producer sees it until they publish again.</summary>
    public string? ModerationNote { get; private set; }

    /// <summary>Taken down at an authority's request (see Admin's AuthorityTakedown): not the producer's to re-publish until an officer lifts it.</summary>
    public bool HeldByAuthority { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>When anything about the listing last changed, stock included (<see cref="ProductChangeStamp"/>, and the
    /// stock statements of the checkout); what the open data API's <c>updatedSince</c> reads.</summary>
    public DateTime UpdatedAt { get; private set; }

    internal void Stamp(DateTime atUtc) => UpdatedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);

    /// <summary>The public page that recognised the rating ("Nguồn công nhận").</summary>
    public string? SourceUrl { get; private set; }

    // The producer's province and type, copied onto the row so catalog filters and facet counts read one
    // table through its indexes. Whoever relocates or retypes a producer calls FollowProducer on its products.
    public string ProvinceCode { get; private set; } = "";
    public ProducerType ProducerType { get; private set; }

    /// <summary>The GS1 GTIN in its 14-digit form, when the producer has one: labels then use GS1 Digital Link URLs.</summary>
    public string? Gtin { get; private set; }

    public void SetGtin(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Gtin = null;
            return;
        }
        Gtin = Domain.Gtin.Normalise(text)
               ?? throw new DomainException(new(
                   "Mã GTIN không hợp lệ: cần 8, 12, 13 hoặc 14 chữ số với số kiểm tra đúng (ví dụ 8930000000019).",
                   "Invalid GTIN: it needs 8, 12, 13 or 14 digits with a correct check digit (e.g. 8930000000019)."));
    }

    /// <summary>The cover's thumbnail, or its product set's placeholder drawing until the producer uploads photos.</summary>
    public string? ImagePath { get; private set; }

    // The newest certificate's stars and end of validity, kept on the row so the catalog can filter
    // "4★ and up, still valid" through an index instead of joining certificates for every listing.
    public int? CertificateStars { get; private set; }
    public DateOnly? CertificateValidUntil { get; private set; }

    // Buyers' reviews (not the OCOP certification): how many are published and the sum of their ratings (1–5),
    // kept on the row so the catalog can show, sort and filter by them without joining reviews. The Reviews
    // capability moves both by increments in the transaction that publishes, hides or re-rates a review.
    public int ReviewCount { get; private set; }
    public int ReviewRatingSum { get; private set; }

    /// <summary>The buyers' average rating (1–5), or null without published reviews.</summary>
    public double? ReviewAverage => ReviewCount == 0 ? null : (double)ReviewRatingSum / ReviewCount;

    // Folded (diacritic-free, lower-case) text that the full-text index reads; see VietnameseText.Fold.
    public string SearchName { get; private set; } = "";
    public string SearchProducer { get; private set; } = "";
    public string SearchPlace { get; private set; } = "";
    public string SearchCategory { get; private set; } = "";

    public IReadOnlyList<OcopCertificate> Certificates => _certificates;

    /// <summary>The producer's photos in display order; the first is the cover.</summary>
    public IReadOnlyList<ProductImage> Images => _images;

    public void AddImage(ProductImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_images.Count >= MaxImages) throw new DomainException(new($"Mỗi sản phẩm có tối đa {MaxImages} ảnh.", $"A product can have at most {MaxImages} photos."));
        image.Position = _images.Count == 0 ? 0 : _images.Max(i => i.Position) + 1;
        _images.Add(image);
        RefreshCover();
    }

    public ProductImage RemoveImage(int imageId)
    {
        var image = _images.FirstOrDefault(i => i.Id == imageId) ?? throw new DomainException(new("Không tìm thấy ảnh.", "Photo not found."));
        _images.Remove(image);
        Renumber(_images.OrderBy(i => i.Position).ToList());
        return image;
    }

    /// <summary>Moves an image one place earlier (-1) or later (+1) in the display order.</summary>
    public void MoveImage(int imageId, int offset)
    {
        var ordered = _images.OrderBy(i => i.Position).ToList();
        var from = ordered.FindIndex(i => i.Id == imageId);
        if (from < 0) throw new DomainException(new("Không tìm thấy ảnh.", "Photo not found."));
        var to = Math.Clamp(from + offset, 0, ordered.Count - 1);
        var image = ordered[from];
        ordered.RemoveAt(from);
        ordered.Insert(to, image);
        Renumber(ordered);
    }

    private void Renumber(List<ProductImage> ordered)
    {
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i;
        RefreshCover();
    }

    /// <summary>Listings show the cover's thumbnail, or the product set's placeholder while there is no photo.</summary>
    private void RefreshCover() =>
        ImagePath = _images.MinBy(i => i.Position) is { } cover
            ? MediaUrlPrefix + cover.ThumbnailPath
            : ProductPlaceholders.For(ProductSetCode);

    public OcopCertificate? LatestCertificate =>
        _certificates.Count == 0 ? null : _certificates.MaxBy(c => c.IssuedOn ?? DateOnly.MinValue);

    public void Rename(string name, string slug)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A product needs a name.", nameof(name));
        if (string.IsNullOrWhiteSpace(slug) || slug != VietnameseText.Slugify(slug))
            throw new ArgumentException("A slug is lower-case words joined by hyphens.", nameof(slug));
        Name = name.Trim();
        Slug = slug;
        SearchName = VietnameseText.Fold(Name);
    }

    public void Categorise(OcopGroup group, string productSetCode)
    {
        if (!Enum.IsDefined(group)) throw new ArgumentOutOfRangeException(nameof(group));
        if (string.IsNullOrWhiteSpace(productSetCode)) throw new ArgumentException("A product belongs to a product set.", nameof(productSetCode));
        Group = group;
        ProductSetCode = productSetCode;
        // A product moved to another set shows that set's drawing, unless it has a photo of its own.
        if (ProductPlaceholders.IsPlaceholder(ImagePath)) ImagePath = ProductPlaceholders.For(productSetCode);
    }

    public void Describe(string description, string unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) throw new ArgumentException("A product is sold by a unit.", nameof(unit));
        Description = description?.Trim() ?? "";
        Unit = unit.Trim();
    }

    public void SetPrice(long priceVnd)
    {
        if (priceVnd <= 0) throw new ArgumentOutOfRangeException(nameof(priceVnd), "The price must be above 0 ₫.");
        PriceVnd = priceVnd;
    }

    public void SetStock(int stock)
    {
        if (stock < 0) throw new ArgumentOutOfRangeException(nameof(stock), "Stock cannot be negative.");
        Stock = stock;
    }

    /// <summary>Copies the producer's province and type onto the product (see <see cref="ProvinceCode"/>).</summary>
    public void FollowProducer()
    {
        ProvinceCode = Producer.ProvinceCode;
        ProducerType = Producer.Type;
    }

    public void SetSource(string? sourceUrl) =>
        SourceUrl = Uri.TryCreate(sourceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.ToString() : null;


    public void AddCertificate(OcopCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _certificates.Add(certificate);
        var latest = LatestCertificate!;
        CertificateStars = latest.Stars;
        CertificateValidUntil = latest.ValidUntil;
    }

    /// <summary>Stars a buyer may be shown today: null when there is no certificate or it has lapsed.</summary>
    public int? CurrentStarsOn(DateOnly today) =>
        OcopCertificate.StatusFor(CertificateValidUntil, today) == CertificateStatus.Current ? CertificateStars : null;

    /// <summary>Only a product with a current 3★+ certificate may be offered under the OCOP mark.</summary>
    public void Publish(DateOnly today)
    {
        if (HeldByAuthority)
            throw new DomainException(new(
                "Sản phẩm đang bị gỡ theo yêu cầu của cơ quan nhà nước; chỉ cán bộ chương trình mới dỡ bỏ được. Xem ghi chú kiểm duyệt.",
                "This product was taken down at a state authority's request; only a programme officer can lift that. See the moderation note."));
        if (CurrentStarsOn(today) is null)
            throw new DomainException(new(
                "Chỉ sản phẩm có chứng nhận OCOP 3 sao trở lên còn hiệu lực mới được đăng bán.",
                "Only products with a valid OCOP certificate of 3 stars or more can be put on sale."));
        IsPublished = true;
        ModerationNote = null;
    }

    /// <summary>Seeded catalog entries are listed even when the certificate lapsed: the page shows it as lapsed.</summary>
    internal void PublishAsReferenceListing() => IsPublished = true;

    public void Unpublish() => IsPublished = false;

    /// <summary>An officer takes the product down, with a reason the producer reads in the portal.</summary>
    public void TakeDown(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(new(
            "Hãy ghi lý do gỡ sản phẩm để nhà sản xuất biết.",
            "Please give the reason for taking the product down, so the producer knows."));
        IsPublished = false;
        ModerationNote = reason.Trim();
    }

    /// <summary>Taken down because an authority asked: hidden, with the request in the note, and held until lifted.</summary>
    public void TakeDownForAuthority(string note)
    {
        TakeDown(note);
        HeldByAuthority = true;
    }

    /// <summary>The authority's hold ends; the product stays unlisted until its producer publishes it again.</summary>
    public void ReleaseAuthorityHold() => HeldByAuthority = false;

    /// <summary>Refreshes the folded text the search index reads from the producer, place and category names.</summary>
    public void RefreshSearchText(string producerName, string placeNames, string categoryNames)
    {
        SearchName = VietnameseText.Fold(Name);
        SearchProducer = VietnameseText.Fold(producerName);
        SearchPlace = VietnameseText.Fold(placeNames);
        SearchCategory = VietnameseText.Fold(categoryNames);
    }
}
