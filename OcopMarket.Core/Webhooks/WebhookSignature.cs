using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OcopMarket.Core.Webhooks;

/// <summary>
/// The signature every delivery carries in <see cref="Header"/>: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>
/// of <c>"{t}.{body}"</c> under the endpoint's secret. The time is inside what is signed, so a receiver that refuses
/// old timestamps (<see cref="Tolerance"/>) cannot be fed a recorded delivery again; the scheme is the one Stripe and
/// others use, so receivers' libraries and habits carry over. docs/webhooks.md shows how to check it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Ocop-Signature";

    /// <summary>How far a receiver should accept a signature's time from its own clock.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Create(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexString(Mac(secret, t, body)).ToLowerInvariant()}";
    }

    /// <summary>What a receiver does: true only for a well-formed header whose time is within the tolerance and whose MAC matches.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(header)) return false;
        long? t = null;
        var macs = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim().Split('=', 2);
            if (kv.Length != 2) return false;
            if (kv[0] == "t" && long.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) t = parsed;
            else if (kv[0] == "v1" && kv[1].Length == 64)
            {
                try { macs.Add(Convert.FromHexString(kv[1])); }
                catch (FormatException) { return false; }
            }
        }
        if (t is not { } seconds || macs.Count == 0) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? Tolerance)) return false;
        var expected = Mac(secret, seconds, body);
        // Fixed-time comparison: how long a wrong guess takes tells nothing about the right one.
        return macs.Any(m => CryptographicOperations.FixedTimeEquals(m, expected));
    }

    private static byte[] Mac(string secret, long t, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t.ToString(CultureInfo.InvariantCulture)}.{body}"));
}
