namespace OcopMarket.Core.PublicPages.Domain;

/// <summary>
/// Names for what a cached public page shows, so a write can evict exactly the pages that show what it changed.
/// A page carries the tags of everything on it; a write publishes the tags of what it touched (<see cref="PageChangeRecorder"/>).
/// </summary>
public static class PageTags
{
    /// <summary>Every cached public page: a change too wide to name evicts them all.</summary>
    public const string All = "pages";

    /// <summary>Every page that lists products: the home page, the catalog and its filters and searches, producer pages.</summary>
    public const string Listings = "listings";

    /// <summary>A product's own page, and the lot pages of its lots (they show its name, photo and certificate).</summary>
    public static string Product(int id) => $"product:{id}";

    /// <summary>A producer's page, and the pages of its products and lots (they show its name and place).</summary>
    public static string Producer(int id) => $"producer:{id}";

    /// <summary>The programme dashboard (<c>/chuong-trinh</c>): its national figures; its platform figures are recomputed on a timer.</summary>
    public const string Programme = "programme";

    /// <summary>A lot's trace page.</summary>
    public static string Lot(int id) => $"lot:{id}";
}
