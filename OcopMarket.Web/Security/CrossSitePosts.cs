using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Security;

/// <summary>
/// Refuses a form post another site made a visitor's browser send, without a per-visitor token in the page: the
/// add-to-cart form sits on cached pages that are the same bytes for everyone, so it cannot carry one. Browsers say
/// where a request comes from: Fetch Metadata's <c>Sec-Fetch-Site</c> (every current browser), or else the
/// <c>Origin</c> header, which browsers send with every cross-origin POST. This is OWASP's "Fetch Metadata" and
/// "verifying origin with standard headers" defence, the one Go's CrossOriginProtection implements. A request with
/// neither header did not come from a browser page, and a script outside a browser has no victim's cookies to abuse.
/// The cart cookie is SameSite=Lax besides, so a cross-site post would not carry it anyway; the check stops such a
/// post from replacing the visitor's cart with a new one.
/// </summary>
public static class CrossSitePosts
{
    public static readonly string RefusalText =
        "Yêu cầu bị từ chối: biểu mẫu được gửi từ một trang web khác. Hãy mở OcopMarket và thử lại.\n" +
        "Refused: the form was sent from another website. Open OcopMarket and try again.";

    public static bool IsCrossSite(HttpRequest request, string siteOrigin)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        // "none": the person started it themselves (typed, bookmarked); "same-origin": a page of this site.
        if (fetchSite.Length > 0) return fetchSite is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        // "null" (a sandboxed frame, a data: page) is another origin too.
        if (origin.Length > 0) return !string.Equals(origin, siteOrigin, StringComparison.OrdinalIgnoreCase);
        return false;
    }

    /// <summary>Answers 403 with the refusal in both languages, before the handler reads or changes anything.</summary>
    public static RouteHandlerBuilder RefuseCrossSite(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var site = http.RequestServices.GetRequiredService<PublicAddress>();
            if (IsCrossSite(http.Request, site.Origin))
                return Results.Text(RefusalText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            return await next(context);
        });
}
