using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Reviews;

/// <summary>The paths of the buyer's review pages (the web app serves them; emails link to them).</summary>
public static class ReviewPaths
{
    /// <summary>Writing (or changing) the review of one order line.</summary>
    public static string Write(int orderLineId) => $"/danh-gia/viet/{orderLineId}";

    /// <summary>The no-sign-in page that stops invitations, with its signed token.</summary>
    public const string Unsubscribe = "/danh-gia/ngung-nhan";

    public static string UnsubscribeWith(string token) => $"{Unsubscribe}?t={Uri.EscapeDataString(token)}";

    public const string Vote = "/danh-gia/huu-ich";
    public const string Report = "/danh-gia/bao-cao";
    public const string Save = "/danh-gia/luu";
}

/// <summary>The absolute addresses invitation emails link to (built by the web app from Site:PublicUrl).</summary>
public interface IReviewLinks
{
    string Write(int orderLineId);

    /// <summary>A link that stops review invitations for this account, signed so nobody can stop someone else's.</summary>
    string Unsubscribe(string userId);
}

/// <summary>
/// The signed token of an unsubscribe link: the account id under Data Protection (authenticated encryption with the
/// app's key ring, shared by every node), so a link works without signing in and cannot be made for another account.
/// </summary>
public sealed class ReviewUnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("OcopMarket.Reviews.Unsubscribe.v1");

    public string Create(string userId) => _protector.Protect(userId);

    /// <returns>The account the token was made for, or null for a token that is forged, damaged or from another app.</returns>
    public string? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            return _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Links against a fixed base address: for tools and tests that run Core without the web app.</summary>
public sealed class FixedReviewLinks(string baseUrl, ReviewUnsubscribeTokens tokens) : IReviewLinks
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public string Write(int orderLineId) => _base + ReviewPaths.Write(orderLineId);

    public string Unsubscribe(string userId) => _base + ReviewPaths.UnsubscribeWith(tokens.Create(userId));
}

/// <summary>
/// Queues the invitation to review, in the outbox, inside the SaveChanges that records an order's delivery (as
/// <c>OrderEventOutbox</c> does for the order's own emails), so it commits or rolls back with the delivery. It lives
/// here, not in Orders, because Orders must not depend on Reviews. Only a signed-in buyer is invited (a guest has no
/// account to write the review with), and not one who asked for no more invitations.
/// </summary>
public sealed class ReviewInvitationQueue(Func<IReviewLinks> links) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is OcopDbContext db) await QueueAsync(db, cancellationToken);
        return result;
    }

    // Order changes are saved asynchronously everywhere; a synchronous save must not skip the invitation either.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is OcopDbContext db) QueueAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task QueueAsync(OcopDbContext db, CancellationToken ct)
    {
        var delivered = new List<(Order Order, DateTime At)>();
        foreach (var entry in db.ChangeTracker.Entries<Order>())
        {
            if (entry.State != EntityState.Modified && entry.State != EntityState.Unchanged) continue;
            var order = entry.Entity;
            if (order.BuyerUserId is null || order.BuyerEmail is null) continue;
            foreach (var e in order.Events.Where(e => e.Status == OrderStatus.Delivered && db.Entry(e).State == EntityState.Added))
                delivered.Add((order, e.AtUtc));
        }
        if (delivered.Count == 0) return;

        // Only buyers who said yes to invitations, and have not said no since: silence is no (Law 91/2025/QH15).
        var buyers = delivered.Select(d => d.Order.BuyerUserId!).Distinct().ToList();
        var invited = await Legal.ConsentService.GrantedAmongAsync(db, buyers, ConsentPurpose.ReviewInvitations, ct);
        foreach (var (order, at) in delivered)
        {
            if (!invited.Contains(order.BuyerUserId!)) continue;
            var entry = db.Entry(order);
            if (!entry.Collection(o => o.Lines).IsLoaded) await entry.Collection(o => o.Lines).LoadAsync(ct);
            db.OutboxEmails.Add(Invitation(order, links(), at));
        }
    }

    internal static OutboxEmail Invitation(Order order, IReviewLinks links, DateTime atUtc)
    {
        var lines = string.Join("\n", order.Lines.Select(l => $"- {l.ProductName}: {links.Write(l.Id)}"));
        var days = Domain.Review.WriteWindow.Days;
        var body =
            $"Đơn {order.Number} đã giao tới bạn. Sản phẩm có hợp ý bạn không? Đánh giá của bạn giúp người mua khác chọn hàng " +
            $"và giúp nhà sản xuất làm tốt hơn. Bạn có {days} ngày để viết đánh giá:\n{lines}\n\n" +
            $"Order {order.Number} was delivered to you. How did you find it? Your review helps other buyers choose and the " +
            $"producer improve. You have {days} days to write it (links above).\n\n" +
            $"Không muốn nhận lời mời đánh giá nữa / No more invitations to review: {links.Unsubscribe(order.BuyerUserId!)}\n";
        return new OutboxEmail(order.BuyerEmail!, $"Đánh giá đơn {order.Number} / Review your order", body, atUtc);
    }
}
