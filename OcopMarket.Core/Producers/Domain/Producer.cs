using OcopMarket.Core.Common;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Producers.Domain;

public enum VerificationStatus
{
    Pending = 1,
    Verified = 2,
    Suspended = 3,
}

/// <summary>
/// The entity (chủ thể) that makes and sells OCOP products. Addresses follow the 2025 units:
/// street → commune/ward → province, no district.
/// </summary>
public sealed class Producer : IShownOnPublicPages
{
    /// <summary>Its page, and its name and place on its products' pages and cards and on its lots' pages.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => isNew ? [] : [PageTags.Listings, PageTags.Producer(Id)];

    private Producer() { }

    public Producer(string name, string slug, ProducerType type, string provinceCode)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A producer needs a name.", nameof(name));
        if (string.IsNullOrWhiteSpace(slug) || slug != VietnameseText.Slugify(slug))
            throw new ArgumentException("A slug is lower-case words joined by hyphens.", nameof(slug));
        if (string.IsNullOrWhiteSpace(provinceCode)) throw new ArgumentException("A producer is located in a province.", nameof(provinceCode));
        Name = name.Trim();
        Slug = slug;
        Type = type;
        ProvinceCode = provinceCode;
        Status = VerificationStatus.Pending;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public ProducerType Type { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public Province Province { get; private set; } = null!;
    public string? CommuneCode { get; private set; }
    public Commune? Commune { get; private set; }
    public string? StreetAddress { get; private set; }

    /// <summary>The locality as the certifying source wrote it, before the 2025 merger (it may name a district).</summary>
    public string? LegacyLocality { get; private set; }

    public string? Phone { get; private set; }
    public string? Story { get; private set; }
    public string? CraftVillage { get; private set; }
    public VerificationStatus Status { get; private set; }

    /// <summary>
    /// Whether the producer is a small or medium enterprise (doanh nghiệp nhỏ và vừa, Decree 80/2021/NĐ-CP), which the
    /// programme counts (Decision 919: at least 30 % of OCOP subjects). Only an enterprise can be one; null while a
    /// company has not said.
    /// </summary>
    public bool? IsSme { get; private set; }

    /// <summary>Why an officer suspended the producer; shown to the producer.</summary>
    public string? SuspensionReason { get; private set; }

    // The account buyers pay by bank transfer (VietQR needs the bank's NAPAS BIN and the account number).
    public string? BankBin { get; private set; }
    public string? BankAccountNumber { get; private set; }
    public string? BankAccountName { get; private set; }

    public void SetBankAccount(string? bankBin, string? accountNumber, string? accountName)
    {
        var none = string.IsNullOrWhiteSpace(bankBin) && string.IsNullOrWhiteSpace(accountNumber) && string.IsNullOrWhiteSpace(accountName);
        if (none)
        {
            BankBin = BankAccountNumber = BankAccountName = null;
            return;
        }
        if (string.IsNullOrWhiteSpace(bankBin) || bankBin.Length != 6 || !bankBin.All(char.IsAsciiDigit))
            throw new DomainException(new("Hãy chọn ngân hàng.", "Please choose a bank."));
        var digits = (accountNumber ?? "").Replace(" ", "");
        if (digits.Length is < 6 or > 19 || !digits.All(char.IsAsciiLetterOrDigit))
            throw new DomainException(new("Số tài khoản gồm 6–19 chữ số.", "An account number has 6–19 digits."));
        if (string.IsNullOrWhiteSpace(accountName)) throw new DomainException(new("Hãy nhập tên chủ tài khoản.", "Please enter the account holder's name."));
        BankBin = bankBin;
        BankAccountNumber = digits;
        BankAccountName = accountName.Trim().ToUpperInvariant();
    }

    public void Locate(string provinceCode, string? communeCode, string? streetAddress, string? legacyLocality = null)
    {
        if (string.IsNullOrWhiteSpace(provinceCode)) throw new ArgumentException("A producer is located in a province.", nameof(provinceCode));
        ProvinceCode = provinceCode;
        CommuneCode = string.IsNullOrWhiteSpace(communeCode) ? null : communeCode;
        StreetAddress = string.IsNullOrWhiteSpace(streetAddress) ? null : streetAddress.Trim();
        LegacyLocality = string.IsNullOrWhiteSpace(legacyLocality) ? null : legacyLocality.Trim();
    }

    public void UpdateProfile(string? phone, string? story, string? craftVillage)
    {
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Story = string.IsNullOrWhiteSpace(story) ? null : story.Trim();
        CraftVillage = string.IsNullOrWhiteSpace(craftVillage) ? null : craftVillage.Trim();
    }

    public void DeclareSme(bool? isSme)
    {
        if (Type != ProducerType.Company)
        {
            if (isSme == true) throw new DomainException(new(
                "Chỉ doanh nghiệp mới là doanh nghiệp nhỏ và vừa; hợp tác xã, tổ hợp tác, trang trại và hộ kinh doanh thì không.",
                "Only an enterprise can be an SME; cooperatives, cooperative groups, farms and household businesses are not."));
            IsSme = false;
            return;
        }
        IsSme = isSme;
    }

    /// <summary>Mã số doanh nghiệp / hợp tác xã, or the household business certificate's number: null for a seeded producer nobody has checked.</summary>
    public string? BusinessRegistrationNumber { get; private set; }

    /// <summary>The programme officer who checked the seller's identity and approved it, shown on its page (Law on E-commerce 2025).</summary>
    public string? ApprovedByName { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    /// <summary>
    /// An officer checked who the seller is (registered name, registration number, address, phone) and approved it:
    /// what the seller's page then shows buyers.
    /// </summary>
    public void RecordIdentityCheck(string businessRegistrationNumber, string officerName, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(businessRegistrationNumber)) throw new ArgumentException("A checked seller has a registration number.", nameof(businessRegistrationNumber));
        if (string.IsNullOrWhiteSpace(officerName)) throw new ArgumentException("Someone did the check.", nameof(officerName));
        BusinessRegistrationNumber = businessRegistrationNumber.Trim();
        ApprovedByName = officerName.Trim();
        ApprovedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public void Verify()
    {
        Status = VerificationStatus.Verified;
        SuspensionReason = null;
    }

    public void Suspend(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(new(
            "Hãy ghi lý do tạm ngừng để nhà sản xuất biết.",
            "Please give the reason for the suspension, so the producer knows."));
        Status = VerificationStatus.Suspended;
        SuspensionReason = reason.Trim();
    }
}
