using OcopMarket.Core.Common;

namespace OcopMarket.Core.Producers.Domain;

public enum ApplicationStatus
{
    Submitted = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>
/// A signed-in user's request to sell as a producer. An officer approves it (creating a producer profile or
/// linking an existing seeded one) or rejects it with a reason the applicant sees.
/// </summary>
public sealed class ProducerApplication
{
    private ProducerApplication() { }

    public ProducerApplication(string userId, string entityName, ProducerType type, string businessRegistrationNumber,
        string provinceCode, string communeCode, string phone, string description, DateTime submittedAtUtc,
        string streetAddress, string sellerRulesVersion)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("An application belongs to a user.", nameof(userId));
        if (string.IsNullOrWhiteSpace(entityName)) throw new DomainException(new("Vui lòng nhập tên chủ thể.", "Please enter the name of the producing entity."));
        if (string.IsNullOrWhiteSpace(businessRegistrationNumber)) throw new DomainException(new(
            "Vui lòng nhập mã số đăng ký kinh doanh.",
            "Please enter the business registration number."));
        if (string.IsNullOrWhiteSpace(provinceCode) || string.IsNullOrWhiteSpace(communeCode)) throw new DomainException(new(
            "Vui lòng chọn tỉnh và xã/phường.",
            "Please choose the province and the commune or ward."));
        if (string.IsNullOrWhiteSpace(streetAddress)) throw new DomainException(new(
            "Vui lòng nhập địa chỉ (số nhà, đường, thôn/ấp) như trên giấy đăng ký.",
            "Please enter the street address as it appears on the registration certificate."));
        UserId = userId;
        EntityName = entityName.Trim();
        StreetAddress = streetAddress.Trim();
        SellerRulesVersion = sellerRulesVersion;
        Type = type;
        BusinessRegistrationNumber = businessRegistrationNumber.Trim();
        ProvinceCode = provinceCode;
        CommuneCode = communeCode;
        Phone = phone.Trim();
        Description = description?.Trim() ?? "";
        SubmittedAt = DateTime.SpecifyKind(submittedAtUtc, DateTimeKind.Utc);
        Status = ApplicationStatus.Submitted;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string EntityName { get; private set; } = "";
    public ProducerType Type { get; private set; }
    public string BusinessRegistrationNumber { get; private set; } = "";
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTime SubmittedAt { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public int? ProducerId { get; private set; }

    /// <summary>The registered address's street part (commune and province are their own fields); null on applications made before it was asked.</summary>
    public string? StreetAddress { get; private set; }

    /// <summary>The version of the operating rules the applicant accepted; null on applications made before it was asked.</summary>
    public string? SellerRulesVersion { get; private set; }

    public void Approve(int producerId, DateTime decidedAtUtc)
    {
        RequireSubmitted();
        Status = ApplicationStatus.Approved;
        ProducerId = producerId;
        DecidedAt = DateTime.SpecifyKind(decidedAtUtc, DateTimeKind.Utc);
    }

    public void Reject(string reason, DateTime decidedAtUtc)
    {
        RequireSubmitted();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(new(
            "Hãy ghi lý do từ chối để người nộp đơn biết cần bổ sung gì.",
            "Please give the reason for rejecting, so the applicant knows what to add."));
        Status = ApplicationStatus.Rejected;
        RejectionReason = reason.Trim();
        DecidedAt = DateTime.SpecifyKind(decidedAtUtc, DateTimeKind.Utc);
    }

    private void RequireSubmitted()
    {
        if (Status != ApplicationStatus.Submitted) throw new DomainException(new("Đơn này đã được xử lý.", "This application has already been handled."));
    }
}
