using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Programme.Domain;

namespace OcopMarket.Core.Programme;

/// <summary>
/// The national figures the dashboard starts with, each from a published report with its date and address. Seeded
/// once, into an empty table: after that officers keep them (add newer ones, delete wrong ones). Where two reports
/// disagree (15,590 and 14,642 products 3★+ at the end of 2024, both attributed to the Central Coordination Office),
/// the one from the Office's own report at the national 5★ council (16 January 2025) is used.
/// </summary>
public static class NationalFigureSeeder
{
    private const string Report2023 = "https://ictvietnam.vn/nghien-cuu-de-xuat-giai-phap-ung-dung-thuong-mai-dien-tu-tieu-thu-san-pham-ocop-tai-lai-chau-67874.html";
    private const string Subjects2023 = "http://lmhtx.hochiminhcity.gov.vn/web/guest/tin-tong-hop?p_p_id=EXT_ARTICLEVIEW&p_p_lifecycle=0&p_p_col_id=column-2&p_p_col_pos=4&p_p_col_count=6&_EXT_ARTICLEVIEW_groupId=18&_EXT_ARTICLEVIEW_articleId=493721&_EXT_ARTICLEVIEW_version=1.0";
    private const string Council2025 = "https://doanhnghiephoinhap.vn/them-28-san-pham-duoc-cong-nhan-ocop-5-sao-cap-quoc-gia-93426.html";
    private const string Office2024 = "https://thuonghieusanpham.vn/ca-nuoc-co-15590-san-pham-ocop-dat-3-sao-tro-len-mung-nhung-chua-vui-77152.html";
    private const string Festival2025 = "https://thoibaotaichinhvietnam.vn/festival-ocop-viet-nam-2025-dua-san-pham-made-in-viet-nam-vuon-tam-the-gioi-189141.html";
    private const string CraftVillages = "https://vietnamnet.vn/lang-nghe-thay-ao-moi-nho-chuong-trinh-ocop-2455059.html";

    public static readonly IReadOnlyList<(ProgrammeMetric Metric, decimal Value, DateOnly AsOf, string Url, string Title)> Figures =
    [
        // "Đã có 10.322 sản phẩm OCOP đạt 3 sao trở lên … 42 sản phẩm 5 sao" (Ministry of Agriculture, to the end of October 2023).
        (ProgrammeMetric.CertifiedProducts, 10_322, new(2023, 10, 31), Report2023, "ictvietnam.vn (số liệu Bộ NN&PTNT đến hết 10/2023)"),
        (ProgrammeMetric.FiveStarProducts, 42, new(2023, 10, 31), Report2023, "ictvietnam.vn (số liệu Bộ NN&PTNT đến hết 10/2023)"),
        // "5.361 chủ thể OCOP; trong đó, có 38,1% là hợp tác xã" (2018–2023).
        (ProgrammeMetric.Subjects, 5_361, new(2023, 10, 31), Subjects2023, "Liên minh HTX TP.HCM, theo Báo Tin tức (2018–2023)"),
        (ProgrammeMetric.CooperativeSharePercent, 38.1m, new(2023, 10, 31), Subjects2023, "Liên minh HTX TP.HCM, theo Báo Tin tức (2018–2023)"),
        // "đến cuối năm 2024, cả nước đã có 14.642 sản phẩm OCOP đạt từ 3 sao trở lên … do 8.086 chủ thể OCOP sản xuất".
        (ProgrammeMetric.CertifiedProducts, 14_642, new(2024, 12, 31), Council2025, "Doanh nghiệp & Hội nhập (báo cáo Văn phòng Điều phối NTM TW, 16/1/2025)"),
        (ProgrammeMetric.Subjects, 8_086, new(2024, 12, 31), Council2025, "Doanh nghiệp & Hội nhập (báo cáo Văn phòng Điều phối NTM TW, 16/1/2025)"),
        // "79 sản phẩm 5 sao … 32% là hợp tác xã, 22,3% là doanh nghiệp nhỏ" (to December 2024).
        (ProgrammeMetric.FiveStarProducts, 79, new(2024, 12, 31), Office2024, "Thương hiệu & Sản phẩm (số liệu Văn phòng Điều phối NTM TW, 12/2024)"),
        (ProgrammeMetric.CooperativeSharePercent, 32m, new(2024, 12, 31), Office2024, "Thương hiệu & Sản phẩm (số liệu Văn phòng Điều phối NTM TW, 12/2024)"),
        (ProgrammeMetric.SmeSharePercent, 22.3m, new(2024, 12, 31), Office2024, "Thương hiệu & Sản phẩm (số liệu Văn phòng Điều phối NTM TW, 12/2024)"),
        // "1.975 làng nghề và làng nghề truyền thống được công nhận, trong đó 342 làng nghề (chiếm 17,32%) đã có sản phẩm đạt chuẩn OCOP".
        (ProgrammeMetric.CraftVillages, 1_975, new(2024, 12, 31), CraftVillages, "VietNamNet (số liệu Cục Kinh tế hợp tác và PTNT)"),
        (ProgrammeMetric.CraftVillageSharePercent, 17.32m, new(2024, 12, 31), CraftVillages, "VietNamNet (số liệu Cục Kinh tế hợp tác và PTNT)"),
        // "Cả nước đã có 18.243 sản phẩm OCOP đạt 3 sao trở lên" (Festival OCOP Việt Nam, 20 December 2025).
        (ProgrammeMetric.CertifiedProducts, 18_243, new(2025, 12, 20), Festival2025, "Thời báo Tài chính Việt Nam, 21/12/2025"),
    ];

    public static async Task SeedAsync(OcopDbContext db, DateTime now, CancellationToken ct = default)
    {
        if (await db.NationalFigures.AnyAsync(ct)) return;
        foreach (var (metric, value, asOf, url, title) in Figures)
        {
            var figure = new NationalFigure(metric, value, asOf, url, title, DateOnly.FromDateTime(now));
            figure.Stamp(null, now);
            db.NationalFigures.Add(figure);
        }
        await db.SaveChangesAsync(ct);
    }
}
