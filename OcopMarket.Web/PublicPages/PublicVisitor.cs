using OcopMarket.Web.Components.Pages.Orders;

namespace OcopMarket.Web.PublicPages;

public static class PublicVisitor
{
    /// <summary>
    /// A visitor whose public pages are the same bytes as everyone's: not signed in, without a cart and without saved
    /// products (the header shows their counts, the hearts what was saved). Anyone else gets the page rendered for
    /// them, marked private.
    /// </summary>
    public static bool IsAnonymous(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true && !http.Request.Cookies.ContainsKey(CartCookie.Name)
        && !http.Request.Cookies.ContainsKey(Components.Pages.Wishlists.WishlistCookie.Name);

    /// <summary>The public page this request is for, if it is one.</summary>
    public static PublicPageAttribute? PageOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>();

    /// <summary>A GET or HEAD: a request that reads a page and changes nothing.</summary>
    public static bool IsRead(HttpContext http) => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);

    /// <summary>A read of a cacheable public page by an anonymous visitor: the requests caches may answer.</summary>
    public static bool IsSharedRequest(HttpContext http) => IsRead(http) && PageOf(http) is { Cacheable: true } && IsAnonymous(http);
}
