using OcopMarket.Core.Common;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability;

/// <summary>
/// The "Traceability" section: CopiedScanThreshold (scans of one unit after which its page warns that the label
/// may be copied; default 20) and SerialKey (base64 of at least 32 random bytes that unit serials are signed
/// with; unset, one is generated on first start and kept in the database).
/// </summary>
public sealed class TraceabilityOptions : IValidatedSettings
{
    public const string Section = "Traceability";

    public static readonly TraceabilityOptions Default = new();

    /// <summary>
    /// The fixed key of appsettings.Development.json, so the README's demo label addresses always verify. It is public,
    /// so start-up refuses it outside Development.
    /// </summary>
    public const string DevelopmentSerialKey = "b2NvcG1hcmtldC1kZXZlbG9wbWVudC1vbmx5LWtleSE=";

    public TraceabilityOptions() { }

    public TraceabilityOptions(int copiedScanThreshold) => CopiedScanThreshold = copiedScanThreshold;

    public int CopiedScanThreshold { get; set; } = 20;

    public string? SerialKey { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    public IEnumerable<string> Problems()
    {
        if (CopiedScanThreshold < 1)
            yield return $"Traceability:CopiedScanThreshold must be at least 1 (got {CopiedScanThreshold}).";
        if (SerialKey is { } key && !IsUsableKey(key))
            yield return $"Traceability:SerialKey must be base64 of at least {UnitSerialSigner.MinimumKeyBytes} random bytes.";
    }

    private static bool IsUsableKey(string key)
    {
        var bytes = new byte[key.Length];
        return Convert.TryFromBase64String(key, bytes, out var written) && written >= UnitSerialSigner.MinimumKeyBytes;
    }
}
