using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Seeding;

/// <summary>
/// Development demo: a lot with its story and 20 unit serials for three demo producers' products, so a label page
/// can be opened at once. Public codes are fixed (the README lists their addresses); the stories are invented
/// demo text, like prices and stock. The tea gets a GTIN from GS1's restricted-circulation range (prefix 200),
/// which is never a real trade item, to show the GS1 Digital Link form.
/// </summary>
public static class TraceabilitySeeder
{
    public const string DemoTeaGtin = "02000000000015";

    public sealed record DemoLot(string ProductSlug, string Code, string PublicCode);

    public static readonly IReadOnlyList<DemoLot> DemoLots =
    [
        new("che-dinh-tan-cuong", "TC-2611-01", "TC7K3M9Q"),
        new("nuoc-mam-phu-quoc-khai-hoan-40-do-dam", "KH40-2610", "KH4N2P8R"),
        new("ruou-nep-cai-hoa-vang", "VH-2611-A", "VH9D5W2C"),
    ];

    public const int DemoSerials = 20;

    public static async Task SeedDemoLotsAsync(OcopDbContext db, TimeProvider clock, ILogger logger, CancellationToken ct = default)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        // Events at round local (UTC+7) hours, some days back.
        DateTime At(int daysAgo, int hour) => DateTime.SpecifyKind(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, 0)) - VietnamClock.Offset, DateTimeKind.Utc);
        var added = 0;
        foreach (var demo in DemoLots)
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Slug == demo.ProductSlug, ct);
            if (product is null || await db.Lots.AnyAsync(l => l.ProductId == product.Id, ct)) continue;
            if (demo.ProductSlug == "che-dinh-tan-cuong" && product.Gtin is null) product.SetGtin(DemoTeaGtin);

            var (lot, story) = demo.ProductSlug switch
            {
                "che-dinh-tan-cuong" => (new Lot(product.Id, demo.Code, today.AddDays(-12), today.AddDays(-12).AddMonths(18), 200,
                        "VN-TNTC-0012", "Chè búp thu hái vụ thu, sao suốt bằng chảo gang.", now, today),
                    (Action<Lot>)(l =>
                    {
                        l.SetRawMaterials([new RawMaterial("Búp chè Trung du 1 tôm 2 lá", "05503", "19", "Đồi chè Hảo Đạt")]);
                        l.AddEvent(TraceEventKind.Harvest, At(13, 6), "Đồi chè xóm Hồng Thái 2, xã Tân Cương", "Hái tay 320 kg búp tươi lúc sáng sớm.", null, null, now);
                        l.AddEvent(TraceEventKind.Processing, At(13, 14), "Xưởng chè HTX Hảo Đạt", "Héo, vò và sao suốt bằng chảo gang; được 64 kg chè khô.", null, null, now);
                        l.AddEvent(TraceEventKind.Inspection, At(10, 9), "Trung tâm Kiểm nghiệm Thái Nguyên", "Kiểm tra dư lượng thuốc bảo vệ thực vật (32 hoạt chất).", "Đạt — không phát hiện dư lượng", "Trung tâm Kiểm nghiệm Thái Nguyên", now);
                        l.AddEvent(TraceEventKind.Packaging, At(8, 15), "Xưởng chè HTX Hảo Đạt", "Đóng túi hút chân không 200 g, dán nhãn QR.", null, null, now);
                    })),
                "nuoc-mam-phu-quoc-khai-hoan-40-do-dam" => (new Lot(product.Id, demo.Code, today.AddDays(-40), today.AddDays(-40).AddMonths(36), 500,
                        null, "Ủ chượp 12 tháng trong thùng gỗ bời lời.", now, today),
                    l =>
                    {
                        l.SetRawMaterials([new RawMaterial("Cá cơm than", "31078", "91", "Ngư trường Phú Quốc"), new RawMaterial("Muối hạt", null, "91", null)]);
                        l.AddEvent(TraceEventKind.Harvest, At(400, 5), "Cảng cá An Thới, Phú Quốc", "Cá cơm than đánh bắt và ướp muối ngay trên tàu.", null, null, now);
                        l.AddEvent(TraceEventKind.Processing, At(45, 8), "Nhà thùng Khải Hoàn, Phú Quốc", "Rút nước mắm nhĩ sau 12 tháng ủ chượp; độ đạm 40°N.", null, null, now);
                        l.AddEvent(TraceEventKind.Inspection, At(42, 10), "Phòng thí nghiệm Quatest 3", "Kiểm nghiệm độ đạm và histamine.", "Đạt — 40,2 g/l đạm tổng, histamine dưới ngưỡng", "Quatest 3", now);
                        l.AddEvent(TraceEventKind.Packaging, At(40, 14), "Nhà thùng Khải Hoàn, Phú Quốc", "Đóng chai thủy tinh 500 ml.", null, null, now);
                        l.AddEvent(TraceEventKind.Shipping, At(35, 7), "Phú Quốc → TP. Hồ Chí Minh", "Gửi kho phân phối bằng xe lạnh.", null, null, now);
                    }),
                _ => (new Lot(product.Id, demo.Code, today.AddDays(-60), null, 300, null, "Nấu từ nếp cái hoa vàng, men lá truyền thống.", now, today),
                    l =>
                    {
                        l.SetRawMaterials([new RawMaterial("Gạo nếp cái hoa vàng", null, "24", "Vụ mùa 2026"), new RawMaterial("Men lá", null, "24", "HTX tự làm")]);
                        l.AddEvent(TraceEventKind.Processing, At(75, 7), "Lò rượu HTX Vân Hương", "Ủ men 7 ngày, chưng cất hai lần bằng nồi đồng.", null, null, now);
                        l.AddEvent(TraceEventKind.Packaging, At(60, 16), "Lò rượu HTX Vân Hương", "Hạ thổ 30 ngày rồi đóng chai 500 ml.", null, null, now);
                    }),
            };
            lot.UseDemoPublicCode(demo.PublicCode);
            story(lot);
            lot.IssueSerials(DemoSerials);
            db.Lots.Add(lot);
            added++;
        }
        await db.SaveChangesAsync(ct);
        if (added > 0) logger.LogInformation("Seeded {Count} demo lots with {Serials} unit serials each", added, DemoSerials);
    }
}
