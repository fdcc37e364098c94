namespace OcopMarket.Core.Legal.Domain;

/// <summary>What a person agreed to, or stopped agreeing to. Only required purposes are a condition of the service.</summary>
public enum ConsentPurpose
{
    /// <summary>Processing an order's name, phone and address to deliver it: needed for the sale, shown at checkout.</summary>
    OrderProcessing,
    /// <summary>The terms of use and the operating rules, accepted when an account is created.</summary>
    TermsOfUse,
    /// <summary>The operating rules as a seller, accepted when applying to sell.</summary>
    SellerRules,
    /// <summary>News and offers by email: opt-in only, never pre-ticked.</summary>
    MarketingEmails,
    /// <summary>An email after delivery inviting a review of what was received: opt-in only.</summary>
    ReviewInvitations,
}

public enum ConsentSource { Registration, Checkout, SellerApplication, PrivacySettings, EmailLink, Renewal }

/// <summary>
/// One line of the consent ledger: who (an account, or a guest's checkout), which purpose, yes or no, under which
/// version of the document that describes it, when and where. Lines are only added, never changed, so the ledger is
/// the proof of what was agreed at each moment (Law 91/2025/QH15 asks the controller to be able to show consent).
/// </summary>
public sealed class ConsentRecord
{
    private ConsentRecord() { }

    public ConsentRecord(string? userId, Guid? checkoutId, ConsentPurpose purpose, bool granted, string documentVersion,
        ConsentSource source, DateTime atUtc)
    {
        if (userId is null && checkoutId is null) throw new ArgumentException("A consent belongs to an account or to a checkout.");
        UserId = userId;
        CheckoutId = checkoutId;
        Purpose = purpose;
        Granted = granted;
        DocumentVersion = documentVersion;
        Source = source;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }
    public string? UserId { get; private set; }
    public Guid? CheckoutId { get; private set; }
    public ConsentPurpose Purpose { get; private set; }
    public bool Granted { get; private set; }
    public string DocumentVersion { get; private set; } = "";
    public ConsentSource Source { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>
    /// Once the account is deleted: a one-way fingerprint of its email (<see cref="ConsentLedger.SubjectHashOf"/>),
    /// so the line still proves what that address agreed to or withdrew if it is ever asked, without naming anyone.
    /// </summary>
    public string? SubjectHash { get; private set; }

    /// <summary>The account is deleted: the line stays as proof, no longer linked to it.</summary>
    public void Unlink(string subjectHash)
    {
        if (UserId is null) return;
        UserId = null;
        SubjectHash = subjectHash;
    }
}
