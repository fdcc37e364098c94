namespace OcopMarket.Core.PublicPages.Domain;

/// <summary>
/// One committed write's page tags, saved in the write's own transaction so every web node on the database learns of
/// it (<see cref="PageChangeFeed"/>) and evicts those pages from its own output cache, not only the node that wrote.
/// </summary>
public sealed class PageChange
{
    /// <summary>Longest <see cref="Tags"/> kept; a write touching more than fits evicts every listing and page instead.</summary>
    public const int MaxTagsLength = 2000;

    private PageChange() { }

    public PageChange(string tags, DateTime atUtc)
    {
        Tags = tags;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }

    /// <summary>The tags, separated by spaces (<see cref="PageTags"/>).</summary>
    public string Tags { get; private set; } = "";

    public DateTime AtUtc { get; private set; }
}
