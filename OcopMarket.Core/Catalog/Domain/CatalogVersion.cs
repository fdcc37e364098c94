namespace OcopMarket.Core.Catalog.Domain;

/// <summary>
/// The catalog's version shared by every node on the database: one row, moved after each committed write that
/// changes what the listings count (<see cref="CatalogCacheInvalidator"/>). Each node's <see cref="CatalogCache"/>
/// reads it now and then, so a product published on one node shows in another node's facet counts.
/// </summary>
public sealed class CatalogVersion
{
    /// <summary>The one row's key.</summary>
    public const int RowId = 1;

    private CatalogVersion() { }

    public int Id { get; private set; }
    public long Value { get; private set; }
}
