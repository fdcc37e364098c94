using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OcopMarket.Core.Common;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Traceability.Domain;

public enum TraceEventKind
{
    Harvest = 1,
    Processing = 2,
    Inspection = 3,
    Packaging = 4,
    Shipping = 5,
}

/// <summary>A raw material of the lot and where it came from (2025 commune and province).</summary>
public sealed record RawMaterial(string Name, string? CommuneCode, string ProvinceCode, string? Note);

/// <summary>One step of the lot's story, shown on the public page's timeline.</summary>
public sealed class TraceEvent : IShownOnPublicPages
{
    /// <summary>An event is on its lot's trace page.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => [PageTags.Lot(LotId)];

    private TraceEvent() { }

    internal TraceEvent(TraceEventKind kind, DateTime occurredAtUtc, string place, string description,
        string? inspectionResult, string? inspector)
    {
        Kind = kind;
        OccurredAt = DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc);
        Place = place;
        Description = description;
        InspectionResult = inspectionResult;
        Inspector = inspector;
    }

    public int Id { get; private set; }
    public int LotId { get; private set; }
    public TraceEventKind Kind { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string Place { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>For an inspection: what it found ("Đạt", "Không phát hiện dư lượng…") and who inspected.</summary>
    public string? InspectionResult { get; private set; }
    public string? Inspector { get; private set; }

    /// <summary>A test result or photo (media-store path) and its content type, when one was attached.</summary>
    public string? AttachmentPath { get; private set; }
    public string? AttachmentContentType { get; private set; }

    public void Attach(string path, string contentType)
    {
        AttachmentPath = path;
        AttachmentContentType = contentType;
    }
}

/// <summary>
/// A production lot of one product: its code, dates, quantity, growing area, raw materials and story. The public
/// code is random and short, for labels of products without a GTIN; unit serials are issued in numbered batches.
/// </summary>
public sealed partial class Lot : IShownOnPublicPages
{
    /// <summary>Its trace page; a new lot has none yet.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => isNew ? [] : [PageTags.Lot(Id)];

    public const int MaxSerialsPerIssue = 10_000;
    public const int MaxEvents = 50;
    public const int MaxRawMaterials = 20;

    private readonly List<TraceEvent> _events = [];
    private List<RawMaterial> _rawMaterials = [];

    private Lot() { }

    public Lot(int productId, string code, DateOnly productionDate, DateOnly? bestBefore, int quantity,
        string? growingAreaCode, string? notes, DateTime createdAtUtc, DateOnly today)
    {
        code = (code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code)) throw new DomainException(new(
            "Mã lô gồm 1–20 chữ cái không dấu, chữ số hoặc dấu gạch ngang.",
            "A lot code is 1–20 unaccented letters, digits or hyphens."));
        ProductId = productId;
        Code = code;
        PublicCode = NewPublicCode();
        CreatedAt = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
        Update(productionDate, bestBefore, quantity, growingAreaCode, notes, today);
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }

    /// <summary>
    /// The producer's lot code as printed ("TC-2611-01"), upper case: GS1 application identifier 10 allows up to 20
    /// characters, and these need no escaping in a URL. Unique per product.
    /// </summary>
    public string Code { get; private set; } = "";

    /// <summary>Eight random characters, the lot's short address for products without a GTIN.</summary>
    public string PublicCode { get; private set; } = "";

    public DateOnly ProductionDate { get; private set; }
    public DateOnly? BestBefore { get; private set; }
    public int Quantity { get; private set; }

    /// <summary>Mã số vùng trồng: the growing-area code the plant-protection authority assigns, where it applies.</summary>
    public string? GrowingAreaCode { get; private set; }
    public string? Notes { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>How many unit serials have been issued: serials 1..this exist.</summary>
    public int SerialsIssued { get; private set; }

    public IReadOnlyList<TraceEvent> Events => _events;
    public IReadOnlyList<RawMaterial> RawMaterials => _rawMaterials;

    [GeneratedRegex("^[A-Za-z0-9-]{1,20}$")]
    private static partial Regex CodePattern();

    /// <summary>Everything but the code, which printed labels carry and so never changes.</summary>
    public void Update(DateOnly productionDate, DateOnly? bestBefore, int quantity, string? growingAreaCode,
        string? notes, DateOnly today)
    {
        if (productionDate > today) throw new DomainException(new("Ngày sản xuất không thể ở tương lai.", "The production date cannot be in the future."));
        if (bestBefore is { } bb && bb < productionDate) throw new DomainException(new(
            "Hạn sử dụng phải sau ngày sản xuất.",
            "The best-before date must be after the production date."));
        if (quantity <= 0) throw new DomainException(new("Số lượng của lô phải lớn hơn 0.", "The lot's quantity must be above 0."));
        if (quantity < SerialsIssued) throw new DomainException(new(
            $"Lô đã phát hành {SerialsIssued} mã đơn vị; số lượng không thể nhỏ hơn.",
            $"The lot has issued {SerialsIssued} unit codes; its quantity cannot be smaller."));
        growingAreaCode = string.IsNullOrWhiteSpace(growingAreaCode) ? null : growingAreaCode.Trim().ToUpperInvariant();
        if (growingAreaCode is { Length: > 40 }) throw new DomainException(new("Mã số vùng trồng quá dài.", "The growing area code is too long."));
        ProductionDate = productionDate;
        BestBefore = bestBefore;
        Quantity = quantity;
        GrowingAreaCode = growingAreaCode;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    public void SetRawMaterials(IEnumerable<RawMaterial> materials)
    {
        var list = materials.Select(m => m with { Name = (m.Name ?? "").Trim() }).ToList();
        if (list.Count > MaxRawMaterials) throw new DomainException(new($"Tối đa {MaxRawMaterials} nguyên liệu.", $"At most {MaxRawMaterials} raw materials."));
        if (list.Any(m => m.Name.Length == 0)) throw new DomainException(new("Hãy nhập tên nguyên liệu.", "Please enter the raw material's name."));
        if (list.Any(m => string.IsNullOrWhiteSpace(m.ProvinceCode))) throw new DomainException(new(
            "Hãy chọn tỉnh, thành nơi có nguyên liệu.",
            "Please choose the province the raw material comes from."));
        _rawMaterials = list;
    }

    public TraceEvent AddEvent(TraceEventKind kind, DateTime occurredAtUtc, string place, string description,
        string? inspectionResult, string? inspector, DateTime nowUtc)
    {
        if (_events.Count >= MaxEvents) throw new DomainException(new($"Một lô có tối đa {MaxEvents} sự kiện.", $"A lot has at most {MaxEvents} events."));
        if (!Enum.IsDefined(kind)) throw new DomainException(new("Loại sự kiện không hợp lệ.", "That event type is not valid."));
        if (occurredAtUtc > nowUtc.AddMinutes(5)) throw new DomainException(new("Thời điểm sự kiện không thể ở tương lai.", "The event time cannot be in the future."));
        if (string.IsNullOrWhiteSpace(place)) throw new DomainException(new("Hãy nhập địa điểm.", "Please enter the place."));
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException(new("Hãy mô tả sự kiện.", "Please describe the event."));
        if (kind == TraceEventKind.Inspection && (string.IsNullOrWhiteSpace(inspectionResult) || string.IsNullOrWhiteSpace(inspector)))
            throw new DomainException(new(
                "Sự kiện kiểm nghiệm cần kết quả và người/đơn vị kiểm nghiệm.",
                "An inspection needs a result and the person or body who inspected."));
        var e = new TraceEvent(kind, occurredAtUtc, place.Trim(), description.Trim(),
            kind == TraceEventKind.Inspection ? inspectionResult!.Trim() : null, kind == TraceEventKind.Inspection ? inspector!.Trim() : null);
        _events.Add(e);
        return e;
    }

    public TraceEvent RemoveEvent(int eventId)
    {
        var e = _events.FirstOrDefault(x => x.Id == eventId) ?? throw new NotFoundException(new("Không tìm thấy sự kiện.", "Event not found."));
        _events.Remove(e);
        return e;
    }

    /// <summary>Issues the next <paramref name="count"/> unit serials; returns the first new serial number.</summary>
    public int IssueSerials(int count)
    {
        if (count is <= 0 or > MaxSerialsPerIssue)
        {
            // Each language groups thousands its own way: "10.000" and "10,000".
            var max = MaxSerialsPerIssue.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
            throw new DomainException(new($"Mỗi lần phát hành từ 1 đến {max.Replace(',', '.')} mã.", $"Each issue is 1 to {max} codes."));
        }
        if (SerialsIssued + count > Quantity) throw new DomainException(new(
            $"Lô có {Quantity} đơn vị; đã phát hành {SerialsIssued} mã, chỉ còn {Quantity - SerialsIssued}.",
            $"The lot has {Quantity} units; {SerialsIssued} codes are issued, only {Quantity - SerialsIssued} are left."));
        var first = SerialsIssued + 1;
        SerialsIssued += count;
        return first;
    }

    /// <summary>Demo data only: a fixed public code, so the README can list label addresses that always open.</summary>
    internal void UseDemoPublicCode(string code)
    {
        if (code.Length != 8 || code.Any(c => !Alphabet.Contains(c))) throw new ArgumentException("A public code is 8 characters of the alphabet.", nameof(code));
        PublicCode = code;
    }

    public bool IsIssued(int serialNumber) => serialNumber >= 1 && serialNumber <= SerialsIssued;

    /// <summary>Crockford's base 32 without I, L, O, U: nothing to misread on a small label.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static string NewPublicCode()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }
}
