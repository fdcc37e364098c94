using System.Globalization;
using System.Text.RegularExpressions;

namespace OcopMarket.Core.Seeding;

/// <summary>
/// Short, neutral Vietnamese catalogue text for seeded demo products. The wording is generic on purpose:
/// it states who makes the product, where, and its OCOP rating, plus a usage or storage note that fits the
/// product set. It makes no health claims and names no awards. Templates are picked by a stable hash of the
/// product name, so the same product always gets the same text.
/// </summary>
public static partial class DemoCatalogText
{
    /// <summary>Short lowercase label of each product set, used inside sentences.</summary>
    private static readonly IReadOnlyDictionary<string, string> SetLabel = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["I.1a"] = "rau, củ, quả tươi",
        ["I.1b"] = "thực phẩm tươi sống",
        ["I.2a"] = "gạo và ngũ cốc",
        ["I.2b"] = "nông sản sơ chế",
        ["I.3a"] = "thực phẩm tiện lợi",
        ["I.3b"] = "thực phẩm chế biến từ gạo, ngũ cốc",
        ["I.3c"] = "thực phẩm chế biến từ rau, củ, quả, hạt",
        ["I.3d"] = "thực phẩm chế biến từ thịt, thủy sản, trứng, sữa",
        ["I.4a"] = "nước mắm, tương và gia vị lỏng",
        ["I.4b"] = "gia vị",
        ["I.5a"] = "chè",
        ["I.5b"] = "trà từ thảo mộc",
        ["I.6"] = "cà phê, ca cao",
        ["II.1a"] = "rượu trắng",
        ["II.1b"] = "đồ uống có cồn",
        ["II.2a"] = "nước khoáng, nước uống đóng chai",
        ["II.2b"] = "đồ uống không cồn",
        ["III.1"] = "sản phẩm từ dược liệu",
        ["III.2"] = "mỹ phẩm thảo dược",
        ["III.3"] = "tinh dầu và dược liệu",
        ["IV.1"] = "thủ công mỹ nghệ",
        ["IV.2"] = "dệt may thủ công",
        ["V.1"] = "hoa",
        ["V.2"] = "cây cảnh",
        ["V.3"] = "sinh vật cảnh",
        ["VI.1"] = "du lịch cộng đồng, du lịch sinh thái",
    };

    // {0} name, {1} producer, {2} province, {3} stars, {4} set label
    private static readonly string[] Intros =
    [
        "{0} là sản phẩm của {1} ({2}), đạt chuẩn OCOP {3} sao.",
        "{0} do {1} tại {2} sản xuất, được công nhận OCOP {3} sao.",
        "{0} của {1} ({2}) thuộc nhóm {4}, đạt chuẩn OCOP {3} sao.",
    ];

    private static readonly string[] TourismIntros =
    [
        "{0} do {1} quản lý tại {2}, là sản phẩm du lịch đạt chuẩn OCOP {3} sao.",
        "{0} ({2}) do {1} vận hành, được công nhận OCOP {3} sao.",
    ];

    /// <summary>Second sentence per set: how the product is packed, used or stored. Neutral, no claims.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Details = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["I.1a"] =
        [
            "Hàng thu hái theo mùa vụ, nên bảo quản nơi thoáng mát hoặc ngăn mát tủ lạnh và dùng sớm.",
            "Sản lượng phụ thuộc mùa vụ nên thời gian giao hàng có thể thay đổi theo từng đợt thu hoạch.",
        ],
        ["I.1b"] =
        [
            "Sản phẩm được đóng gói và vận chuyển lạnh, nên cất vào ngăn mát hoặc ngăn đông ngay khi nhận.",
            "Vui lòng kiểm tra ngày đóng gói và hạn dùng in trên bao bì trước khi chế biến.",
        ],
        ["I.2a"] =
        [
            "Gạo đóng túi kín, nên bảo quản nơi khô ráo, tránh ánh nắng trực tiếp và độ ẩm cao.",
            "Sau khi mở túi nên buộc kín hoặc chuyển sang hộp có nắp để giữ hạt khô.",
        ],
        ["I.2b"] =
        [
            "Sản phẩm được đóng gói kín, nên bảo quản ở nhiệt độ phòng và đậy kín sau mỗi lần dùng.",
            "Nguyên liệu, ngày đóng gói và hạn sử dụng được ghi trên nhãn sản phẩm.",
        ],
        ["I.3a"] =
        [
            "Sản phẩm đóng gói sẵn, có thể dùng ngay; bảo quản theo hướng dẫn in trên bao bì.",
            "Nên dùng hết trong thời gian ghi trên nhãn sau khi mở nắp.",
        ],
        ["I.3b"] =
        [
            "Sản phẩm đóng gói kín, nên bảo quản nơi khô ráo, thoáng mát; cách chế biến được in trên bao bì.",
            "Thành phần, cách dùng và hạn sử dụng được ghi rõ trên bao bì sản phẩm.",
        ],
        ["I.3c"] =
        [
            "Sản phẩm đóng gói tiện dụng, nên bảo quản nơi khô ráo và đậy kín sau khi mở.",
            "Có thể dùng làm món ăn vặt hoặc quà biếu; thành phần và hạn dùng ghi trên bao bì.",
        ],
        ["I.3d"] =
        [
            "Sản phẩm đóng gói kín, vui lòng bảo quản đúng nhiệt độ ghi trên bao bì.",
            "Sau khi mở gói nên giữ lạnh và dùng hết trong thời gian ngắn.",
        ],
        ["I.4a"] =
        [
            "Dùng để chấm hoặc nêm nếm món ăn; nên đậy kín nắp và bảo quản nơi thoáng mát.",
            "Nhãn sản phẩm ghi rõ thành phần và hạn sử dụng, phù hợp cho gian bếp gia đình.",
        ],
        ["I.4b"] =
        [
            "Dùng làm gia vị khi nấu nướng; nên bảo quản nơi khô ráo và đậy kín sau khi dùng.",
            "Thành phần, khối lượng và hạn sử dụng được ghi trên nhãn sản phẩm.",
        ],
        ["I.5a"] =
        [
            "Chè được đóng gói kín, nên bảo quản nơi khô ráo, tránh ẩm và mùi lạ.",
            "Phù hợp dùng hằng ngày hoặc làm quà biếu; cách pha được in trên bao bì.",
        ],
        ["I.5b"] =
        [
            "Sản phẩm đóng gói tiện pha, có thể dùng nóng hoặc lạnh tùy khẩu vị.",
            "Cách pha, thành phần và hạn sử dụng được ghi trên bao bì; nên đậy kín sau khi mở.",
        ],
        ["I.6"] =
        [
            "Sản phẩm đóng gói kín, có thể pha phin, pha máy hoặc theo hướng dẫn trên bao bì.",
            "Nên bảo quản nơi khô ráo, tránh ánh nắng và dùng sớm sau khi mở bao bì.",
        ],
        ["II.1a"] =
        [
            "Sản phẩm có cồn, không bán cho người dưới 18 tuổi; không lái xe sau khi uống rượu.",
            "Nồng độ cồn ghi trên nhãn; chỉ dành cho người từ đủ 18 tuổi, hãy uống có trách nhiệm.",
        ],
        ["II.1b"] =
        [
            "Sản phẩm có cồn, không bán cho người dưới 18 tuổi; không lái xe sau khi uống rượu.",
            "Nồng độ cồn và thành phần ghi trên nhãn; nên bảo quản nơi thoáng mát, tránh ánh nắng.",
        ],
        ["II.2a"] =
        [
            "Nước đóng chai kín, dùng uống trực tiếp; nên bảo quản nơi thoáng mát, tránh ánh nắng.",
            "Ngày sản xuất và hạn sử dụng được in trên bao bì sản phẩm.",
        ],
        ["II.2b"] =
        [
            "Nên bảo quản theo hướng dẫn trên nhãn và dùng hết trong thời gian ngắn sau khi mở nắp.",
            "Thành phần và hạn sử dụng được ghi rõ trên bao bì sản phẩm.",
        ],
        ["III.1"] =
        [
            "Vui lòng đọc kỹ hướng dẫn trên bao bì; thông tin này không thay thế tư vấn của thầy thuốc.",
            "Thành phần và cách dùng ghi trên nhãn; bảo quản nơi khô ráo, để xa tầm tay trẻ em.",
        ],
        ["III.2"] =
        [
            "Sản phẩm dùng ngoài, nên thử trên vùng da nhỏ trước khi dùng lần đầu.",
            "Thành phần và cách dùng ghi trên nhãn; ngưng dùng nếu thấy không phù hợp.",
        ],
        ["III.3"] =
        [
            "Thành phần và cách dùng ghi trên nhãn; bảo quản nơi khô ráo, để xa tầm tay trẻ em.",
            "Vui lòng dùng theo hướng dẫn trên bao bì; thông tin này không thay thế tư vấn chuyên môn.",
        ],
        ["IV.1"] =
        [
            "Hàng làm thủ công nên mỗi sản phẩm có thể khác nhau đôi chút về màu sắc và đường nét.",
            "Nên lau bằng khăn mềm, khô và tránh để nơi ẩm ướt hoặc dưới nắng gắt lâu ngày.",
        ],
        ["IV.2"] =
        [
            "Hàng dệt thủ công nên màu sắc, hoa văn có thể khác nhau đôi chút giữa các sản phẩm.",
            "Nên giặt tay nhẹ, phơi nơi thoáng mát và tránh nắng gắt để giữ màu vải.",
        ],
        ["V.1"] =
        [
            "Cây được đóng gói cẩn thận khi giao; nên tưới nước theo hướng dẫn của nhà vườn.",
            "Màu hoa thực tế có thể khác đôi chút so với ảnh; có kèm hướng dẫn chăm sóc cơ bản.",
        ],
        ["V.2"] =
        [
            "Cây được đóng gói cẩn thận khi giao; hình dáng thực tế có thể khác đôi chút so với ảnh.",
            "Nên đặt cây nơi có ánh sáng phù hợp và chăm sóc theo hướng dẫn của nhà vườn.",
        ],
        ["V.3"] =
        [
            "Vật nuôi được giao kèm hướng dẫn chăm sóc; nên chuẩn bị sẵn bể hoặc lồng trước khi nhận.",
            "Hình dáng, màu sắc thực tế có thể khác đôi chút so với ảnh minh họa.",
        ],
        ["VI.1"] =
        [
            "Giá tính theo người; lịch tham quan và dịch vụ đi kèm nên được xác nhận trước với đơn vị tổ chức.",
            "Du khách nên liên hệ trước để được sắp xếp lịch đón tiếp; dịch vụ có thể thay đổi theo mùa.",
        ],
    };

    private static readonly string[] GenericDetails =
    [
        "Thành phần, cách dùng và bảo quản được ghi trên bao bì sản phẩm.",
        "Vui lòng kiểm tra hàng khi nhận và liên hệ cơ sở nếu cần hỗ trợ.",
    ];

    /// <summary>Two Vietnamese sentences (typically 30–50 words) describing the product.</summary>
    public static string Describe(string productName, string producerName, string provinceName, string setCode, int stars)
    {
        ArgumentNullException.ThrowIfNull(productName);
        ArgumentNullException.ThrowIfNull(setCode);

        var name = productName.Trim();
        var producer = string.IsNullOrWhiteSpace(producerName) ? "cơ sở sản xuất địa phương" : producerName.Trim();
        var province = string.IsNullOrWhiteSpace(provinceName) ? "Việt Nam" : provinceName.Trim();
        var label = SetLabel.TryGetValue(setCode, out var l) ? l : "sản phẩm đặc trưng địa phương";

        var hash = DemoPricing.StableHash("text|" + name);
        var intros = setCode == "VI.1" ? TourismIntros : Intros;
        var details = Details.TryGetValue(setCode, out var d) ? d : GenericDetails;

        var intro = string.Format(
            CultureInfo.InvariantCulture,
            intros[(int)(hash % (ulong)intros.Length)],
            name,
            producer,
            province,
            stars,
            label);
        var detail = details[(int)((hash >> 16) % (ulong)details.Length)];

        return intro + " " + detail;
    }

    /// <summary>A plausible Vietnamese selling unit, e.g. "chai 500 ml", "hộp 200 g", "vé/người".</summary>
    public static string UnitFor(string productName, string setCode)
    {
        ArgumentNullException.ThrowIfNull(productName);
        ArgumentNullException.ThrowIfNull(setCode);

        var k = ProductSetClassifier.Key(productName);
        bool Has(params string[] words) => ProductSetClassifier.Has(k, words);
        bool Starts(params string[] words) => ProductSetClassifier.Starts(k, words);

        // A pack size written in the name ("Hồng trà hộp 100gr") wins for packaged goods.
        if (setCode.StartsWith("I.", StringComparison.Ordinal) || setCode.StartsWith("II.", StringComparison.Ordinal) || setCode.StartsWith("III.", StringComparison.Ordinal))
        {
            var m = PackSize().Match(k);
            if (m.Success)
            {
                var unit = m.Groups[2].Value switch
                {
                    "gr" or "gram" or "g" => "g",
                    "ml" => "ml",
                    "kg" => "kg",
                    _ => "l",
                };
                var container = Has("hop") ? "hộp" : unit is "ml" or "l" ? "chai" : "gói";
                return $"{container} {m.Groups[1].Value} {unit}";
            }
        }

        switch (setCode)
        {
            case "I.1a":
                if (Starts("rau", "cai", "xa lach", "kale", "mang tay", "lac", "dau")) return "túi 500 g";
                if (Starts("nam")) return "hộp 300 g";
                if (Starts("mang", "ca rot", "khoai", "cu") && !Starts("mang cau")) return "túi 1 kg";
                return "hộp 2 kg";
            case "I.1b":
                if (Has("trung")) return "hộp 10 quả";
                if (Starts("ga", "vit", "ngan")) return "con (1,5–2 kg)";
                return "khay 1 kg";
            case "I.2a":
                return "túi 1 kg";
            case "I.2b":
                if (Has("yen", "to yen", "yen sao")) return "hộp 50 g";
                if (Has("mat", "mat ong")) return "chai 500 ml";
                return "hũ 500 g";
            case "I.3a":
                return Has("yen") ? "hộp 6 hũ 70 ml" : "hộp 500 g";
            case "I.3b":
                if (Has("snack")) return "gói 100 g";
                if (Has("com")) return "gói 250 g";
                if (Has("ngu coc", "thanh")) return "hộp 500 g";
                if (Starts("banh") && !Has("banh da", "banh pho", "banh trang")) return "hộp 300 g";
                return "gói 500 g";
            case "I.3c":
                if (Has("keo", "cu do")) return "hộp 250 g";
                if (Starts("banh")) return "hộp 300 g";
                if (Has("bot san day", "san day")) return "hộp 500 g";
                if (Has("bot", "tinh bot")) return "hộp 200 g";
                if (Has("muoi", "mut", "che")) return "hũ 250 g";
                if (Has("dua")) return "hũ 250 g";
                if (Starts("hat", "lac")) return "hộp 500 g";
                return "túi 200 g";
            case "I.3d":
                if (Has("sua chua")) return "lốc 4 hộp 100 g";
                if (Starts("kem")) return "hộp 450 ml";
                if (Has("u muoi")) return "con (khoảng 1 kg)";
                if (Starts("kho") || Has("kho", "nang", "say", "rim")) return "túi 250 g";
                return "gói 500 g";
            case "I.4a":
                if (Starts("mam") || Has("mam ruoc", "mam tom")) return "hũ 500 g";
                if (Has("tuong ot")) return "chai 250 ml";
                return "chai 500 ml";
            case "I.4b":
                if (Has("dau")) return "chai 250 ml";
                if (Starts("duong")) return "túi 500 g";
                return "hũ 100 g";
            case "I.5a":
                return Has("tui loc") ? "hộp 25 túi lọc" : "hộp 200 g";
            case "I.5b":
                return Has("tui loc") ? "hộp 25 túi lọc" : "hộp 100 g";
            case "I.6":
                if (Has("phin giay")) return "hộp 10 túi phin giấy";
                if (Has("chon")) return "hộp 250 g";
                return "túi 500 g";
            case "II.1a":
            case "II.1b":
                return "chai 500 ml";
            case "II.2a":
                return "thùng 24 chai 500 ml";
            case "II.2b":
                return Has("yen") ? "hộp 6 hũ 70 ml" : "chai 500 ml";
            case "III.1":
                if (Starts("cao")) return "lọ 100 g";
                if (Has("dong trung")) return "hộp 20 g";
                if (Has("tra")) return "hộp 20 túi lọc";
                return "hộp 60 viên";
            case "III.2":
                if (Has("muoi")) return "hũ 500 g";
                if (Has("xa phong", "xa bong")) return "bánh 100 g";
                if (Has("kem")) return "hũ 50 g";
                return "chai 300 ml";
            case "III.3":
                if (Has("tinh dau")) return "lọ 50 ml";
                if (Has("nu", "nu hoa")) return "hộp 100 g";
                return "hộp 500 g";
            case "IV.1":
            case "IV.2":
                if (Starts("bo", "nhom")) return "bộ";
                if (Has("dep", "lot giay")) return "đôi";
                if (Has("huong", "huong tram") && !Has("vong")) return "hộp";
                if (Starts("tam")) return "tấm";
                return "chiếc";
            case "V.1":
            case "V.2":
                return "chậu";
            case "V.3":
                return "con";
            case "VI.1":
                return "vé/người";
            default:
                return "sản phẩm";
        }
    }

    [GeneratedRegex(@"\b(\d+)\s?(gr|gram|g|ml|kg|lit|l)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PackSize();
}
