namespace OcopMarket.Core.Privacy;

/// <summary>What a table holds about people, and where a person's copy of their data shows it.</summary>
public enum PersonalDataKind
{
    /// <summary>Rows about one person: exported in the named section of <see cref="PersonalDataExport"/>.</summary>
    Personal,
    /// <summary>Counts or keys computed from personal rows that are exported themselves (sales summaries by buyer).</summary>
    Derived,
    /// <summary>Secrets that protect an account (password hash, authenticator key): the export says they exist, never what they are.</summary>
    Secret,
    /// <summary>
    /// Counters keyed by a one-way hash of an address or an email (rate limits), each deleted within minutes of its
    /// window's end: nothing a person's export could find or show, and nothing that outlives a day.
    /// </summary>
    Transient,
    /// <summary>Nothing about a person: catalog, reference data, producers' business records, keys of the servers.</summary>
    NotPersonal,
}

public sealed record PersonalDataEntry(string Table, PersonalDataKind Kind, string Where);

/// <summary>
/// Every table of the model, classified. The tests fail when a table is added and not listed here, and when a
/// <see cref="PersonalDataKind.Personal"/> table's section is empty in the export of an account that has rows in it —
/// so a new kind of personal data cannot ship without reaching a person's download (Law 91/2025/QH15: the right to
/// be given one's data). Deletion (not built yet) will walk the same list.
/// </summary>
public static class PersonalDataMap
{
    public static readonly IReadOnlyList<PersonalDataEntry> Entries =
    [
        new("AspNetUsers", PersonalDataKind.Personal, nameof(PersonalDataExport.Account)),
        new("Orders", PersonalDataKind.Personal, nameof(PersonalDataExport.Orders)),
        new("OrderLine", PersonalDataKind.Personal, nameof(PersonalDataExport.Orders)),
        new("OrderEvent", PersonalDataKind.Personal, nameof(PersonalDataExport.Orders)),
        new("ConsentRecords", PersonalDataKind.Personal, nameof(PersonalDataExport.Consents)),
        new("WishlistItems", PersonalDataKind.Personal, nameof(PersonalDataExport.SavedProducts)),
        new("SavedCartItems", PersonalDataKind.Personal, nameof(PersonalDataExport.Cart)),
        new("ProducerApplications", PersonalDataKind.Personal, nameof(PersonalDataExport.ProducerApplications)),
        new("OutboxEmails", PersonalDataKind.Personal, nameof(PersonalDataExport.Emails)),
        new("Bookings", PersonalDataKind.Personal, nameof(PersonalDataExport.Bookings)),
        new("BookableOffers", PersonalDataKind.NotPersonal, "a producer's service offer"),
        new("BookingDays", PersonalDataKind.NotPersonal, "places taken per date"),
        new("BookingClosedDates", PersonalDataKind.NotPersonal, "a producer's closed dates"),
        new("Reviews", PersonalDataKind.Personal, nameof(PersonalDataExport.Reviews)),
        new("ReviewPhotos", PersonalDataKind.Personal, nameof(PersonalDataExport.Reviews)),
        new("ReviewReports", PersonalDataKind.Personal, nameof(PersonalDataExport.ReviewFeedback)),
        new("ReviewVotes", PersonalDataKind.Personal, nameof(PersonalDataExport.ReviewFeedback)),
        new("Complaints", PersonalDataKind.Personal, nameof(PersonalDataExport.Complaints)),
        new("ComplaintPhotos", PersonalDataKind.Personal, nameof(PersonalDataExport.Complaints)),
        new("ComplaintEvents", PersonalDataKind.Personal, nameof(PersonalDataExport.Complaints)),
        new("LabelReports", PersonalDataKind.Personal, nameof(PersonalDataExport.LabelReports)),
        new("SalesBuyers", PersonalDataKind.Derived, "repeat-buyer counts per producer, from the orders"),
        new("BuyerSalesDays", PersonalDataKind.Derived, "orders per buyer per day, from the orders"),
        new("BuyerDeltas", PersonalDataKind.Derived, "not yet folded buyer counts, from the orders"),
        new("AspNetUserClaims", PersonalDataKind.Secret, nameof(PersonalDataExport.Account)),
        new("AspNetUserLogins", PersonalDataKind.Secret, nameof(PersonalDataExport.Account)),
        new("AspNetUserTokens", PersonalDataKind.Secret, nameof(PersonalDataExport.Account)),
        new("AspNetUserRoles", PersonalDataKind.Personal, nameof(PersonalDataExport.Account)),
        new("AspNetRoles", PersonalDataKind.NotPersonal, "the three roles"),
        new("AspNetRoleClaims", PersonalDataKind.NotPersonal, "unused"),
        new("Provinces", PersonalDataKind.NotPersonal, "reference data"),
        new("Communes", PersonalDataKind.NotPersonal, "reference data"),
        new("ProductSets", PersonalDataKind.NotPersonal, "reference data"),
        new("Producers", PersonalDataKind.NotPersonal, "a seller's public business record (its page shows it)"),
        new("Products", PersonalDataKind.NotPersonal, "catalog"),
        new("ProductImage", PersonalDataKind.NotPersonal, "catalog"),
        new("Certificates", PersonalDataKind.NotPersonal, "catalog"),
        new("CatalogVersion", PersonalDataKind.NotPersonal, "cache stamp"),
        new("PageChanges", PersonalDataKind.NotPersonal, "cache eviction feed"),
        new("Lots", PersonalDataKind.NotPersonal, "traceability"),
        new("TraceEvents", PersonalDataKind.NotPersonal, "traceability"),
        new("SerialScans", PersonalDataKind.NotPersonal, "counts per label, no address or device is kept"),
        new("LotEngagementDays", PersonalDataKind.NotPersonal, "scan counts per lot and day"),
        new("SalesDays", PersonalDataKind.NotPersonal, "producer totals"),
        new("ProductSalesDays", PersonalDataKind.NotPersonal, "producer totals"),
        new("SalesDeltas", PersonalDataKind.NotPersonal, "producer totals"),
        new("ProductSalesDeltas", PersonalDataKind.NotPersonal, "producer totals"),
        new("ProcessedWebhookEvents", PersonalDataKind.NotPersonal, "Stripe event ids"),
        new("ApiTokens", PersonalDataKind.NotPersonal, "a producer's tools, hashed"),
        new("WebhookEndpoints", PersonalDataKind.NotPersonal, "a producer's tools"),
        new("WebhookDeliveries", PersonalDataKind.NotPersonal, "order events without buyers' details"),
        new("RateWindows", PersonalDataKind.Transient, "rate-limit counts per hashed address or email, gone when the window ends"),
        new("AuthorityTakedowns", PersonalDataKind.NotPersonal, "authorities' takedown requests and the officer who acted (in that role)"),
        new("ServerSecrets", PersonalDataKind.NotPersonal, "keys of the servers"),
        new("DataProtectionKeys", PersonalDataKind.NotPersonal, "keys of the servers"),
        new("NationalFigures", PersonalDataKind.NotPersonal, "programme statistics"),
        new("ProgrammeSnapshots", PersonalDataKind.NotPersonal, "programme statistics"),
    ];
}
