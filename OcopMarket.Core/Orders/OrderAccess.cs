using System.Security.Cryptography;
using System.Text;

namespace OcopMarket.Core.Orders;

/// <summary>The unguessable secret in a guest's order link, and its stored hash.</summary>
public static class OrderAccess
{
    /// <summary>256 random bits, base64url without padding, safe in a URL.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The buyer may see and act on this order: by the secret of its link, or as its signed-in buyer.</summary>
    public static bool Allows(Domain.Order order, string? token, Accounts.Actor? actor) =>
        Matches(token, order.AccessTokenHash) || (actor is not null && order.BuyerUserId == actor.UserId);

    /// <summary>Constant-time comparison, so timing reveals nothing about a stored hash.</summary>
    public static bool Matches(string? token, string? storedHash) =>
        token is { Length: > 0 } && storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}
