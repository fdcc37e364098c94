using Microsoft.AspNetCore.Identity;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.Accounts;

/// <summary>A person who signs in: a buyer, a producer's staff member or a programme officer.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The producer this account acts for, once an officer has approved its application.</summary>
    public int? ProducerId { get; set; }
}

/// <summary>The three roles of the marketplace.</summary>
public static class Roles
{
    public const string Buyer = "Buyer";
    public const string Producer = "Producer";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Buyer, Producer, Admin];
}

/// <summary>
/// Who is asking, as Core services see it. Built by the web layer from the signed-in user; services decide
/// what this actor may see and change, so hiding a button is never the only guard.
/// </summary>
public sealed record Actor(string UserId, int? ProducerId, bool IsAdmin)
{
    public bool IsProducer => ProducerId is not null;

    public int RequireProducer() =>
        ProducerId ?? throw new ForbiddenException(new(
            "Chỉ tài khoản nhà sản xuất đã được duyệt mới làm được việc này.",
            "Only an approved producer account can do this."));

    public void RequireAdmin()
    {
        if (!IsAdmin) throw new ForbiddenException(new("Chỉ cán bộ chương trình OCOP mới làm được việc này.", "Only OCOP programme officers can do this."));
    }
}
