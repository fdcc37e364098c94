using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability;

/// <summary>
/// The key unit serials are signed with: "Traceability:SerialKey" (base64, at least 32 bytes) when configured,
/// otherwise one generated on first use and kept in the database, so labels printed yesterday still verify
/// after a restart. Rotating it invalidates every printed unit label, so it is never rotated silently.
/// </summary>
public sealed class SerialKeyStore(IDbContextFactory<OcopDbContext> dbFactory, string? configuredKey)
{
    private const string SecretName = "unit-serial-key";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UnitSerialSigner? _signer = configuredKey is { Length: > 0 } k ? FromBase64(k) : null;

    private static UnitSerialSigner FromBase64(string key)
    {
        try
        {
            return new UnitSerialSigner(Convert.FromBase64String(key));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"Traceability:SerialKey must be base64 of at least {UnitSerialSigner.MinimumKeyBytes} random bytes.", e);
        }
    }

    public async Task<UnitSerialSigner> SignerAsync(CancellationToken ct = default)
    {
        if (_signer is { } ready) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_signer is { } raced) return raced;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Two app instances starting at once both try to create it; the first insert wins and both read it back.
            var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await db.Database.ExecuteSqlInterpolatedAsync(
                // ON CONFLICT DO NOTHING with quoted names: the same statement on SQLite and PostgreSQL.
                $"""INSERT INTO "ServerSecrets" ("Name", "Value") VALUES ({SecretName}, {candidate}) ON CONFLICT ("Name") DO NOTHING""", ct);
            var stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleAsync(ct);
            return _signer = FromBase64(stored);
        }
        finally
        {
            _gate.Release();
        }
    }
}
