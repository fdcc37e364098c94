namespace OcopMarket.Core.Legal.Domain;

/// <summary>Where one purpose stands: the last line about it, or nothing, which is a no.</summary>
public sealed record ConsentState(ConsentPurpose Purpose, bool Granted, string? Version, DateTime? AtUtc);

/// <summary>The rules of consent, kept apart from storage so they are tested without a database.</summary>
public static class ConsentLedger
{
    /// <summary>The purposes a person can say yes or no to at any time; the others come with the service itself.</summary>
    public static readonly IReadOnlyList<ConsentPurpose> Optional = [ConsentPurpose.MarketingEmails, ConsentPurpose.ReviewInvitations];

    public static bool IsOptional(ConsentPurpose purpose) => Optional.Contains(purpose);

    /// <summary>
    /// Each purpose's standing from a person's lines. Silence is never consent: a purpose with no line, or whose last
    /// line is a no, is not granted (Law 91/2025/QH15: consent is an explicit, voluntary act).
    /// </summary>
    public static IReadOnlyList<ConsentState> Current(IEnumerable<ConsentRecord> records)
    {
        var last = records.GroupBy(r => r.Purpose).ToDictionary(g => g.Key, g => g.OrderBy(r => r.AtUtc).ThenBy(r => r.Id).Last());
        return [.. Enum.GetValues<ConsentPurpose>().Select(p => last.TryGetValue(p, out var r)
            ? new ConsentState(p, r.Granted, r.DocumentVersion, r.AtUtc)
            : new ConsentState(p, false, null, null))];
    }

    /// <summary>
    /// True when a required acceptance was given for an older version than the one in force: the person is asked to
    /// accept the new one (the operating rules promise it) before going on.
    /// </summary>
    /// <param name="versionInForce">The version of the document the purpose is described in (<c>LegalDocuments.Of</c>).</param>
    public static bool NeedsRenewal(ConsentState state, string versionInForce) =>
        !IsOptional(state.Purpose) && state.Granted && state.Version != versionInForce;

    /// <summary>
    /// Agreed while an older version of its document was in force: the person is told a new one exists. For the
    /// privacy notice's purposes nothing is asked again (their choices stand; Law 91/2025/QH15 wants them informed of
    /// changes, and silence is never a new agreement), unlike <see cref="NeedsRenewal"/> for the terms.
    /// </summary>
    public static bool AgreedUnderOlderVersion(ConsentState state, string versionInForce) =>
        state.Granted && state.Version is not null && state.Version != versionInForce;

    /// <summary>
    /// The fingerprint a deleted account's consent lines keep: SHA-256 of the email as Identity normalises it
    /// (trimmed, upper case). An officer asked "did this address agree?" hashes it the same way to find the lines.
    /// </summary>
    public static string SubjectHashOf(string email) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));
}
