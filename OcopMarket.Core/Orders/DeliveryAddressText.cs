using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Reference;

namespace OcopMarket.Core.Orders;

/// <summary>A delivery address in words: the commune's and province's names for their codes, and the one-line form.</summary>
public static class DeliveryAddressText
{
    public static string CommuneName(DeliveryAddress d) => ReferenceData.Communes.FirstOrDefault(c => c.Code == d.CommuneCode)?.Name ?? "";

    public static string ProvinceName(DeliveryAddress d) => ReferenceData.Provinces.FirstOrDefault(p => p.Code == d.ProvinceCode)?.Name ?? "";

    /// <summary>"Xóm 7, Xã Tân Cương, Thái Nguyên"; a blank part (a street hidden after the retention window) is left out.</summary>
    public static string Line(DeliveryAddress d) =>
        string.Join(", ", new[] { d.Street, CommuneName(d), ProvinceName(d) }.Where(x => !string.IsNullOrEmpty(x)));
}
