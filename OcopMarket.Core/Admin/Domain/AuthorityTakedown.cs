using OcopMarket.Core.Common;

namespace OcopMarket.Core.Admin.Domain;

public enum TakedownTarget { Product, Producer }

/// <summary>
/// A listing or a seller taken down because a state authority asked (market surveillance, a court, the ministry),
/// logged with the authority's letter: who asked, its reference, when it arrived and by when it must be done, who
/// did it and when. Decree 52/2013 Art. 36 (as amended by Decree 85/2021) and the Law on E-commerce 122/2025/QH15
/// make the marketplace remove what an authority names, within the time it sets (24 hours in Decree 85); the log is
/// what the operator shows when asked whether it did. Rows are never deleted; a lift adds its own time and note.
/// </summary>
public sealed class AuthorityTakedown
{
    /// <summary>When the letter does not say: Decree 85/2021's 24 hours.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromHours(24);

    private AuthorityTakedown() { }

    public int Id { get; private set; }
    public TakedownTarget Target { get; private set; }
    public int? ProductId { get; private set; }
    public int ProducerId { get; private set; }

    /// <summary>The listing's or seller's name at the time, kept as the letter named it even if it is renamed later.</summary>
    public string TargetName { get; private set; } = "";

    public string Authority { get; private set; } = "";
    public string Reference { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public DateTime DueBy { get; private set; }
    public DateTime TakenDownAt { get; private set; }
    public string OfficerId { get; private set; } = "";
    public string OfficerName { get; private set; } = "";
    public DateTime? LiftedAt { get; private set; }
    public string? LiftedByName { get; private set; }
    public string? LiftNote { get; private set; }

    /// <summary>Done after the time the authority set.</summary>
    public bool WasLate => TakenDownAt > DueBy;

    public bool IsLifted => LiftedAt is not null;

    public static AuthorityTakedown Record(TakedownTarget target, int? productId, int producerId, string targetName,
        string authority, string reference, string reason, DateTime receivedAt, DateTime? dueBy,
        string officerId, string officerName, DateTime nowUtc)
    {
        authority = Required(authority, new("Hãy ghi cơ quan yêu cầu gỡ.", "Please name the authority that asked for the takedown."));
        reference = Required(reference, new("Hãy ghi số hoặc ký hiệu văn bản yêu cầu.", "Please give the reference of the authority's request."));
        reason = Required(reason, new("Hãy ghi lý do gỡ để nhà sản xuất biết.", "Please give the reason, so the producer knows."));
        if (authority.Length > 200 || reference.Length > 100 || reason.Length > 1000)
            throw new DomainException(new("Nội dung quá dài (cơ quan tối đa 200, số văn bản 100, lý do 1000 ký tự).",
                "Too long (authority up to 200, reference 100, reason 1000 characters)."));
        if (receivedAt > nowUtc)
            throw new DomainException(new("Ngày nhận văn bản không thể ở tương lai.", "The request cannot have been received in the future."));
        var due = dueBy ?? receivedAt + DefaultTimeLimit;
        if (due < receivedAt)
            throw new DomainException(new("Hạn xử lý không thể trước ngày nhận văn bản.", "The deadline cannot be before the request was received."));
        return new AuthorityTakedown
        {
            Target = target, ProductId = productId, ProducerId = producerId, TargetName = targetName,
            Authority = authority, Reference = reference, Reason = reason, ReceivedAt = receivedAt, DueBy = due,
            TakenDownAt = nowUtc, OfficerId = officerId, OfficerName = officerName,
        };
    }

    /// <summary>The authority withdrew its request or the matter is settled: the hold ends (nothing is re-published by itself).</summary>
    public void Lift(string officerName, string note, DateTime nowUtc)
    {
        if (IsLifted) throw new DomainException(new("Yêu cầu này đã được gỡ bỏ hiệu lực.", "This takedown has already been lifted."));
        LiftNote = Required(note, new("Hãy ghi căn cứ dỡ bỏ (ví dụ văn bản của cơ quan).", "Please say why it is lifted (for example the authority's letter)."));
        LiftedAt = nowUtc;
        LiftedByName = officerName;
    }

    /// <summary>The note the producer reads on the listing in the portal.</summary>
    public string NoteForProducer => $"Gỡ theo yêu cầu của {Authority} (văn bản {Reference}): {Reason}";

    private static string Required(string? value, UserText missing) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(missing) : value.Trim();
}
