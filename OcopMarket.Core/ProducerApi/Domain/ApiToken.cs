using System.Security.Cryptography;
using System.Text;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.ProducerApi.Domain;

/// <summary>What a producer's access token may do; a token carries only the scopes its producer chose.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    ReadOrders = 1,
    WriteStockAndPrice = 2,
    ReadLots = 4,
    WriteLots = 8,
}

/// <summary>
/// A producer's access token for the producer API. The token itself is shown once, when it is made; only its SHA-256
/// is kept (a token is 32 random bytes, so a plain hash is as strong as a slow one here), with its first characters
/// for the producer to recognise it. It acts as the account that made it, for that account's producer.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "ocop_";
    public const int MaxPerProducer = 20;

    private ApiToken() { }

    private ApiToken(int producerId, string createdByUserId, string name, ApiScopes scopes, string hash, string hint, DateTime at)
    {
        ProducerId = producerId;
        CreatedByUserId = createdByUserId;
        Name = name;
        Scopes = scopes;
        Hash = hash;
        Hint = hint;
        CreatedAt = at;
    }

    /// <summary>Makes a token: the entity to keep and the secret to show once.</summary>
    public static (ApiToken Token, string Secret) Create(int producerId, string createdByUserId, string? name, ApiScopes scopes, DateTime at)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 60)
            throw new DomainException(new("Hãy đặt tên cho khoá (tối đa 60 ký tự), ví dụ “Phần mềm kho”.", "Give the token a name (at most 60 characters), e.g. “Stock app”."));
        if (scopes == ApiScopes.None || (scopes & ~(ApiScopes.ReadOrders | ApiScopes.WriteStockAndPrice | ApiScopes.ReadLots | ApiScopes.WriteLots)) != 0)
            throw new DomainException(new("Hãy chọn ít nhất một quyền cho khoá.", "Choose at least one permission for the token."));
        var secret = Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new ApiToken(producerId, createdByUserId, trimmed, scopes, HashOf(secret), secret[..(Prefix.Length + 6)], at), secret);
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public int Id { get; private set; }
    public int ProducerId { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ApiScopes Scopes { get; private set; }
    public string Hash { get; private set; } = "";

    /// <summary>The token's first characters ("ocop_Ab12Cd"), to tell tokens apart in the portal.</summary>
    public string Hint { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTime at) => RevokedAt ??= at;

    public void Used(DateTime at) => LastUsedAt = at;
}
