using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy.Domain;

namespace OcopMarket.Core.Privacy;

public sealed record AccountDetails(string Email, string DisplayName, string? Phone);

/// <summary>
/// The right to correct one's data (Law 91/2025/QH15 Art. 4, 13): a person changes their name and phone themselves,
/// at once. What they cannot change alone (the email, which is how they sign in, or a past order's delivery details,
/// which the producer and the accounts rely on) becomes a request to an officer (<see cref="DataRequestService"/>).
/// </summary>
public sealed class PersonalDetailsService(IDbContextFactory<OcopDbContext> dbFactory)
{
    public async Task<AccountDetails> GetAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
                   .Select(u => new AccountDetails(u.Email ?? "", u.DisplayName, u.PhoneNumber)).FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException(new("Không tìm thấy tài khoản.", "Account not found."));
    }

    /// <summary>Saves the corrected name and phone; the name the person's reviews show follows.</summary>
    /// <exception cref="DomainException">A name or phone that does not pass <see cref="PersonalDetails.Check"/>.</exception>
    public async Task CorrectAsync(Actor actor, string? displayName, string? phone, CancellationToken ct = default)
    {
        var details = PersonalDetails.Check(displayName, phone);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy tài khoản.", "Account not found."));
        if (user.PhoneNumber != details.Phone) user.PhoneNumberConfirmed = false;
        user.DisplayName = details.DisplayName;
        user.PhoneNumber = details.Phone;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        foreach (var review in await db.Set<Reviews.Domain.Review>().Where(r => r.AuthorUserId == actor.UserId).ToListAsync(ct))
        {
            review.RenameAuthor(details.DisplayName);
            PublicPages.PageChangeRecorder.Changed(db, PublicPages.Domain.PageTags.Product(review.ProductId));
        }
        await db.SaveChangesAsync(ct);
    }
}
