using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reviews;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Core.Seeding;

/// <summary>
/// Development demo: delivered orders of the demo buyer and two demo reviewers (accounts without a password: they
/// cannot sign in) with published reviews on three demo producers' products, one reply, one review waiting for an
/// officer (it has a phone number), and one delivered line of the demo buyer still to review, so the product page,
/// the portal's reviews, the officers' desk and the editor can be tried at once. The texts are invented demo text.
/// </summary>
public static class ReviewSeeder
{
    private sealed record DemoReview(string Reviewer, string ProductSlug, int DaysAgo, int? Rating, string Text, string? Reply = null);

    private static readonly (string Email, string Name)[] Reviewers =
    [
        (AccountSeeder.DemoBuyerEmail, ""),
        ("hung.reviewer@ocopmarket.test", "Trần Văn Hùng"),
        ("lan.reviewer@ocopmarket.test", "Lê Thị Lan"),
    ];

    private static readonly DemoReview[] Demo =
    [
        new(AccountSeeder.DemoBuyerEmail, "che-dinh-tan-cuong", 20, 5, "Chè thơm cốm, nước xanh, vị chát dịu rồi ngọt hậu. Đóng gói hút chân không cẩn thận.",
            "Cảm ơn chị Mai đã tin dùng chè Hảo Đạt! Chị nhớ pha nước 80–85 độ để giữ vị ngọt nhé."),
        new("hung.reviewer@ocopmarket.test", "che-dinh-tan-cuong", 35, 4, "Chè ngon, giao hàng hơi chậm một ngày nhưng cửa hàng gọi báo trước."),
        new("lan.reviewer@ocopmarket.test", "che-dinh-tan-cuong", 50, 5, "Mua làm quà biếu, ai cũng khen. Sẽ mua lại."),
        new("lan.reviewer@ocopmarket.test", "nuoc-mam-phu-quoc-khai-hoan-40-do-dam", 15, 5, "Nước mắm thơm, đậm mà không gắt, chai đóng kỹ không rò."),
        new("hung.reviewer@ocopmarket.test", "nuoc-mam-phu-quoc-khai-hoan-40-do-dam", 40, 3, "Vị ngon nhưng chai hơi nhỏ so với giá."),
        // Held for an officer: it has a phone number.
        new("hung.reviewer@ocopmarket.test", "ruou-nep-cai-hoa-vang", 10, 5, "Rượu êm, thơm mùi nếp. Ai cần mua sỉ gọi mình 0912 345 678."),
        // Delivered three days ago and not reviewed yet: the demo buyer can write this one.
        new(AccountSeeder.DemoBuyerEmail, "ruou-nep-cai-hoa-vang", 3, null, ""),
    ];

    public const string DemoNumberPrefix = "OCM-DEMO-R";

    public static async Task SeedDemoReviewsAsync(OcopDbContext db, TimeProvider clock, ReviewSettings settings, ILogger logger, CancellationToken ct = default)
    {
        if (await db.Set<Review>().AnyAsync(ct)) return;
        var buyer = await db.Users.FirstOrDefaultAsync(u => u.Email == AccountSeeder.DemoBuyerEmail, ct);
        if (buyer is null) return;
        var now = clock.GetUtcNow().UtcDateTime;

        var users = new Dictionary<string, AppUser> { [buyer.Email!] = buyer };
        foreach (var (email, name) in Reviewers.Where(r => r.Email != AccountSeeder.DemoBuyerEmail))
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, ct);
            if (user is null)
            {
                user = new AppUser
                {
                    Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                    NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
            }
            users[email] = user;
        }

        // Everything commits together: the product counts with the reviews, as the service's changes do.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slugs = Demo.Select(d => d.ProductSlug).Distinct().ToList();
        var products = await db.Products.Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        var orders = new List<(DemoReview Demo, Order Order)>();
        var n = 0;
        foreach (var demo in Demo)
        {
            if (!products.TryGetValue(demo.ProductSlug, out var product)) continue;
            var delivered = now.AddDays(-demo.DaysAgo);
            var placed = delivered.AddDays(-4);
            var user = users[demo.Reviewer];
            var order = new Order($"{DemoNumberPrefix}{++n:00}", Guid.NewGuid(), product.ProducerId, PaymentMethod.CashOnDelivery,
                [new OrderLine(product.Id, product.Name, product.Unit, product.PriceVnd, 1)], 30_000, placed,
                delivery: new DeliveryAddress(user.DisplayName.Length > 0 ? user.DisplayName : "Nguyễn Thị Mai", "0912000111", "Số 12 phố Hàng Bạc", "00004", "01", null),
                buyerUserId: user.Id, buyerEmail: user.Email);
            order.ConfirmByProducer(placed.AddHours(2));
            order.Pack(placed.AddDays(1));
            order.Ship("Viettel Post", $"VTP{n:000000}", placed.AddDays(1).AddHours(3));
            order.Deliver(delivered);
            db.Orders.Add(order);
            orders.Add((demo, order));
        }
        await db.SaveChangesAsync(ct);
        // Demo history is not news: nobody is emailed that these orders were placed.
        await db.OutboxEmails.Where(e => e.Subject.Contains(DemoNumberPrefix)).ExecuteDeleteAsync(ct);

        var filter = settings.Filter();
        var reviews = 0;
        foreach (var (demo, order) in orders)
        {
            if (demo.Rating is not { } rating) continue;
            var line = order.Lines[0];
            var user = users[demo.Reviewer];
            var review = Review.Write(order, line.Id, user.Id, user.DisplayName, rating, demo.Text, filter, order.Events[^1].AtUtc.AddDays(1));
            if (demo.Reply is { } reply) review.Answer(order.ProducerId, reply, order.Events[^1].AtUtc.AddDays(2));
            db.Add(review);
            await ReviewService.MoveProductAsync(db, review.ProductId, review.ProducerId, (false, 0), (review.IsPublished, review.Rating), ct);
            reviews++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Demo reviews: {Orders} delivered orders, {Reviews} reviews", orders.Count, reviews);
    }
}
