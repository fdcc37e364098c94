namespace OcopMarket.Core.Catalog.Domain;

/// <summary>
/// The catalog's version shared by every node on the database: one row, moved after each committed write that
/// changes what the listings count (<see cref="CatalogCacheInvalidator"/>). Each node's <see cref="CatalogCache"/>
/// reads it now and then, so a product published on one node shows in another node's facet counts.
/// A second row, <see cref="SearchTextRowId"/>, moves only when what the search index holds changes (a product
/// added, removed or with new search text): a search's ranked hits depend on nothing else, so stock, price and
/// publishing, which move the first row with every order, do not make a node re-rank its broad searches.
/// </summary>
public sealed class CatalogVersion
{
    /// <summary>The one row's key.</summary>
    public const int RowId = 1;

    /// <summary>The search-text version's row.</summary>
    public const int SearchTextRowId = 2;

    private CatalogVersion() { }

    public int Id { get; private set; }
    public long Value { get; private set; }
}
