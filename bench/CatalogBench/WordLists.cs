namespace OcopMarket.Bench;

/// <summary>Vietnamese vocabulary the generator builds product and producer names from.</summary>
internal static class WordLists
{
    /// <summary>Product-type phrases per OCOP product set (QĐ 148/QĐ-TTg 2023 codes, as in ocop-product-sets.json).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ProductTypesBySet = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["I.1a"] = ["Bưởi da xanh", "Cam sành", "Xoài cát Hòa Lộc", "Vải thiều", "Nhãn lồng", "Thanh long ruột đỏ", "Sầu riêng Ri6",
            "Chuối tiêu hồng", "Măng tây xanh", "Khoai lang mật", "Na dai", "Dưa lưới", "Bơ sáp", "Mít Thái", "Nấm sò tươi", "Rau cải mầm"],
        ["I.1b"] = ["Gà đồi thả vườn", "Trứng gà ta", "Tôm càng xanh", "Cá lóc đồng", "Bò tơ", "Sữa bò tươi", "Vịt bầu", "Lợn đen bản",
            "Cua đồng", "Trứng vịt muối"],
        ["I.2a"] = ["Gạo ST25", "Gạo tám thơm", "Gạo nếp cái hoa vàng", "Gạo lứt đỏ", "Nếp cẩm", "Gạo Séng Cù", "Gạo hữu cơ", "Ngô nếp"],
        ["I.2b"] = ["Mật ong hoa cà phê", "Mật ong rừng", "Mật ong hoa nhãn", "Tổ yến thô", "Yến sào", "Mật mía", "Phấn hoa"],
        ["I.3a"] = ["Cơm cháy chà bông", "Bánh mì que", "Phở khô ăn liền", "Cháo yến", "Bún bò ăn liền"],
        ["I.3b"] = ["Bánh đa nem", "Bánh tráng phơi sương", "Bún gạo khô", "Miến dong", "Bánh cốm", "Bánh phồng nếp", "Phở khô", "Bánh gai"],
        ["I.3c"] = ["Mứt gừng", "Chuối sấy dẻo", "Xoài sấy", "Hạt điều rang muối", "Kẹo dừa", "Mít sấy", "Mè xửng", "Bột sắn dây",
            "Tinh bột nghệ", "Kẹo lạc", "Ô mai mơ"],
        ["I.3d"] = ["Chả cá", "Giò lụa", "Lạp xưởng", "Khô bò", "Mực một nắng", "Tôm khô", "Nem chua", "Ruốc tôm", "Chà bông cá lóc",
            "Khô cá sặc", "Sữa chua"],
        ["I.4a"] = ["Nước mắm cá cơm", "Nước mắm nhĩ", "Tương bần", "Giấm táo mèo", "Mắm tôm chua", "Mắm cá linh", "Nước mắm truyền thống",
            "Tương ớt"],
        ["I.4b"] = ["Muối tôm", "Tiêu đen", "Bột nghệ", "Ớt bột", "Muối ớt xanh", "Sa tế", "Dầu lạc", "Hạt dổi", "Muối hầm"],
        ["I.5a"] = ["Chè Tân Cương", "Chè Shan tuyết", "Trà xanh", "Chè móc câu", "Trà ô long", "Hồng trà", "Chè búp"],
        ["I.5b"] = ["Trà atiso", "Trà hoa cúc", "Trà lá sen", "Trà mãng cầu", "Trà gừng", "Trà hoa đậu biếc", "Trà túi lọc khổ qua"],
        ["I.6"] = ["Cà phê rang xay", "Cà phê Robusta", "Cà phê Arabica", "Ca cao nguyên chất", "Sô cô la đen", "Cà phê hạt"],
        ["II.1a"] = ["Rượu nếp cái", "Rượu ngô men lá", "Rượu gạo", "Rượu nếp cẩm", "Rượu men lá"],
        ["II.1b"] = ["Rượu vang sim", "Rượu mơ", "Rượu táo mèo", "Rượu chuối hột", "Vang nho", "Rượu mận"],
        ["II.2a"] = ["Nước khoáng thiên nhiên", "Nước uống tinh khiết", "Nước khoáng nóng"],
        ["II.2b"] = ["Nước cốt chanh dây", "Nước ép dứa", "Sữa hạt sen", "Nước cốt gừng", "Nước dừa", "Nước yến"],
        ["III.1"] = ["Cao atiso", "Đông trùng hạ thảo", "Cao xạ đen", "Sâm ngâm mật ong", "Cao cà gai leo", "Viên nghệ mật ong"],
        ["III.2"] = ["Dầu gội bồ kết", "Xà phòng thảo dược", "Son dưỡng sáp ong", "Kem nghệ", "Muối tắm thảo dược"],
        ["III.3"] = ["Tinh dầu sả chanh", "Tinh dầu tràm", "Tinh dầu quế", "Nấm linh chi đỏ", "Dược liệu khô", "Tinh dầu bưởi"],
        ["IV.1"] = ["Mây tre đan", "Gốm sứ", "Nón lá", "Chiếu cói", "Tranh thêu tay", "Giỏ lục bình", "Đồ gỗ mỹ nghệ", "Hương trầm",
            "Ống hút cỏ bàng", "Tranh đông hồ"],
        ["IV.2"] = ["Thổ cẩm", "Lụa tơ tằm", "Khăn lụa", "Áo dài thêu tay", "Vải lanh", "Túi thổ cẩm"],
        ["V.1"] = ["Hoa lan hồ điệp", "Hoa đào", "Hoa cúc mâm xôi", "Hoa hồng"],
        ["V.2"] = ["Cây bonsai", "Mai vàng", "Cây sanh", "Quất cảnh", "Bưởi cảnh"],
        ["V.3"] = ["Cá Koi", "Chim họa mi", "Gà tre cảnh", "Cá vàng"],
        ["VI.1"] = ["Du lịch cộng đồng", "Điểm du lịch sinh thái", "Homestay bản", "Làng nghề truyền thống", "Trải nghiệm nông trại"],
    };

    public static readonly string[] Qualifiers =
        ["loại 1", "hữu cơ", "đặc biệt", "truyền thống", "cao cấp", "thượng hạng", "sạch", "nguyên chất", "thủ công", "gia truyền"];

    public static readonly string[] PackSizes = ["hộp 200g", "hộp 500g", "gói 100g", "gói 250g", "chai 500ml", "chai 330ml", "túi 1kg"];

    public static readonly string[] Brands =
    [
        "Hương Quê", "Phú Lộc", "Tâm An", "Thành Phát", "Hồng Đức", "Sao Việt", "Quê Nhà", "Đất Việt", "Hoa Sen", "Bảo Tín",
        "Minh Châu", "Kim Ngân", "Việt Hương", "An Khang", "Tân Phú", "Phúc Lâm", "Hòa Bình", "Ngọc Lan", "Thiên Phú", "Đồng Xanh",
        "Mộc Sơn", "Bình Minh", "Trường Xuân", "Lộc Phát", "Hưng Thịnh", "Nam Việt", "Bắc Hà", "Sông Hồng", "Mê Kông", "Tây Nguyên",
        "Cửu Long", "Trà Sơn", "Núi Rừng", "Hạt Ngọc", "Nắng Vàng", "Mùa Xuân", "Quế Lâm", "Hồng Phúc", "Khánh An", "Đại Phát",
    ];

    public static readonly string[] Surnames =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];

    public static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu", "Quốc", "Kim"];

    public static readonly string[] GivenNames =
    [
        "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc",
        "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Đông", "Hiền", "Khoa", "Lộc", "Nhung", "Thắng",
    ];

    public static readonly string[] CooperativeKinds =
        ["Nông nghiệp", "Dịch vụ nông nghiệp", "Sản xuất và Thương mại", "Nông sản", "Nông nghiệp công nghệ cao", "Làng nghề"];

    public static readonly string[] StreetNames =
        ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hùng Vương", "Quang Trung", "Lý Thường Kiệt", "Hai Bà Trưng", "Phan Đình Phùng"];
}
