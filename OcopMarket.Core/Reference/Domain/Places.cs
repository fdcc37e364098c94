using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Reference.Domain;

/// <summary>One of the 34 provincial-level units in force from 1 July 2025 (Resolution 202/2025/QH15).</summary>
public sealed class Province
{
    private Province() { }

    public Province(string code, string name, bool isCentralCity, string slug)
    {
        Code = code;
        Name = name;
        IsCentralCity = isCentralCity;
        Slug = slug;
    }

    /// <summary>The 2-digit code of Công văn 915/CTK-CSCL.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public bool IsCentralCity { get; private set; }
}

/// <summary>One of the 3,321 commune-level units (xã, phường, đặc khu) from 1 July 2025.</summary>
public sealed class Commune
{
    private Commune() { }

    public Commune(string code, string name, string provinceCode)
    {
        Code = code;
        Name = name;
        ProvinceCode = provinceCode;
    }

    /// <summary>The 5-digit code of Công văn 1027/CTK-CSCL.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string ProvinceCode { get; private set; } = "";
}

/// <summary>One of the 26 OCOP product sets (QĐ 148/QĐ-TTg 2023), inside one of the six groups.</summary>
public sealed class ProductSet : IShownOnPublicPages
{
    /// <summary>A product set's name is on the listings' filters and cards.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => [PageTags.Listings];

    private ProductSet() { }

    public ProductSet(string code, OcopGroup group, string nameVi, string nameEn)
    {
        Code = code;
        Group = group;
        NameVi = nameVi;
        NameEn = nameEn;
    }

    public string Code { get; private set; } = "";
    public OcopGroup Group { get; private set; }
    public string NameVi { get; private set; } = "";
    public string NameEn { get; private set; } = "";
}
