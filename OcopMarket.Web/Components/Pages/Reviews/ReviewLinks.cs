using OcopMarket.Core.Reviews;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Reviews;

/// <summary>Absolute review links for invitation emails, written by the delivery's save with no request at hand.</summary>
public sealed class ReviewLinks(PublicAddress site, ReviewUnsubscribeTokens tokens) : IReviewLinks
{
    public string Write(int orderLineId) => site.Absolute(ReviewPaths.Write(orderLineId));

    public string Unsubscribe(string userId) => site.Absolute(ReviewPaths.UnsubscribeWith(tokens.Create(userId)));
}
