namespace OcopMarket.Core.Complaints.Domain;

/// <summary>
/// "Báo cáo nhãn này / Report this label": someone who scanned a unit label the page cautioned about (scanned far
/// more often than one package is) tells the officers. It carries the scan's details as the server read them at the
/// time (never as the form posted them), an optional contact and a note. Anonymous unless the reporter was signed in.
/// </summary>
public sealed class LabelReport
{
    public const int MaxContactLength = 200;
    public const int MaxNoteLength = 1000;

    private LabelReport() { }

    public LabelReport(int lotId, string lotCode, string lotPublicCode, int productId, string productName, int producerId,
        string serial, int serialNumber, long scanCount, DateTime firstScannedAt, string? contact, string? note, string? reporterUserId, DateTime atUtc)
    {
        LotId = lotId;
        LotCode = lotCode;
        LotPublicCode = lotPublicCode;
        ProductId = productId;
        ProductName = productName;
        ProducerId = producerId;
        Serial = serial;
        SerialNumber = serialNumber;
        ScanCount = scanCount;
        FirstScannedAt = DateTime.SpecifyKind(firstScannedAt, DateTimeKind.Utc);
        Contact = Clip(contact, MaxContactLength);
        Note = Clip(note, MaxNoteLength);
        ReporterUserId = reporterUserId;
        ReportedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int LotId { get; private set; }
    public string LotCode { get; private set; } = "";
    public string LotPublicCode { get; private set; } = "";
    public int ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public int ProducerId { get; private set; }
    public string Serial { get; private set; } = "";
    public int SerialNumber { get; private set; }
    public long ScanCount { get; private set; }
    public DateTime FirstScannedAt { get; private set; }
    public string? Contact { get; private set; }
    public string? Note { get; private set; }
    public string? ReporterUserId { get; private set; }
    public DateTime ReportedAt { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public string? ReviewedByUserId { get; private set; }

    /// <summary>An officer has looked at it (and acted outside the app: the producer, the market inspectors).</summary>
    public void MarkReviewed(string officerUserId, DateTime nowUtc)
    {
        if (ReviewedAt is not null) return;
        ReviewedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        ReviewedByUserId = officerUserId;
    }

    /// <summary>
    /// The reporter's account is deleted: the scan's details stay (they name a label, not a person, and an inspection may
    /// still need them); the link to the account, the contact and the note they wrote go.
    /// </summary>
    public void Unlink(string erased)
    {
        ReporterUserId = null;
        Contact = null;
        if (Note is not null) Note = erased;
    }

    private static string? Clip(string? text, int max)
    {
        var t = (text ?? "").Trim();
        return t.Length == 0 ? null : t.Length > max ? t[..max] : t;
    }
}
