using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Accounts;

/// <summary>
/// What needs a confirmed email: applying to sell (an officer must be able to reach the applicant) and "my orders"
/// (an account on somebody else's address must not collect that person's orders later). Buying needs no account at all.
/// </summary>
public static class EmailConfirmation
{
    public static readonly UserText Required = new(
        "Hãy xác nhận email trước: mở liên kết trong email chúng tôi đã gửi khi bạn đăng ký.",
        "Confirm your email first: open the link in the email we sent when you registered.");

    public static Task<bool> IsConfirmedAsync(OcopDbContext db, string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.EmailConfirmed, ct);

    /// <exception cref="ForbiddenException">The account's email is not confirmed.</exception>
    public static async Task RequireAsync(OcopDbContext db, Actor actor, CancellationToken ct)
    {
        if (!await IsConfirmedAsync(db, actor.UserId, ct)) throw new ForbiddenException(Required);
    }
}
