using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>Order pages open only with the secret of their link (or for their signed-in buyer).</summary>
public sealed class OrderPageHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private static int _nextPhone;

    /// <summary>Every order from a phone of its own: one phone may hold only a few unconfirmed cash orders, and these tests share one app.</summary>
    private static string NextPhone() => $"09123{Interlocked.Increment(ref _nextPhone):00000}";

    private async Task<PlacedCheckout> PlaceAsync(PaymentMethod payment = PaymentMethod.CashOnDelivery, string? buyerUserId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        int id;
        long price;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var p = await db.Products.Include(x => x.Producer).SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(30);
            p.Producer.SetBankAccount("970436", "0123456789", "HTX CHE HAO DAT");
            await db.SaveChangesAsync();
            (id, price) = (p.Id, p.PriceVnd);
        }
        return await scope.ServiceProvider.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price)], new DeliveryAddress("Mai", NextPhone(), "Số 5", "05503", "19", null), payment, buyerUserId, null));
    }

    [Fact]
    public async Task The_link_with_its_secret_opens_the_orders()
    {
        var placed = await PlaceAsync();
        var response = await factory.CreateClient().GetAsync($"/don-hang/{placed.CheckoutId}?t={placed.AccessToken}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(placed.Orders[0].Number, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cash_order_page_says_it_waits_for_the_shop_to_confirm()
    {
        var placed = await PlaceAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            await factory.CreateClient().GetStringAsync($"/don-hang/{placed.CheckoutId}?t={placed.AccessToken}"));
        Assert.Contains("Đang chờ cửa hàng xác nhận", page.QuerySelector("[data-testid=order-status]")!.TextContent);
        Assert.Equal("Cửa hàng sẽ gọi cho bạn để xác nhận đơn trước khi gửi hàng.", page.QuerySelector("[data-testid=awaiting-confirmation]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=buyer-cancel]")); // the buyer may still change their mind
    }

    [Fact]
    public async Task Without_the_secret_or_with_a_wrong_one_it_is_a_404()
    {
        var placed = await PlaceAsync();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/don-hang/{placed.CheckoutId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/don-hang/{placed.CheckoutId}?t=guess")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/don-hang/{Guid.NewGuid()}?t={placed.AccessToken}")).StatusCode);
    }

    /// <summary>EMVCo data objects, "ID (2 digits) + length (2 digits) + value", read here without the app's parser.</summary>
    private static Dictionary<string, string> DataObjects(string text)
    {
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length;)
        {
            var length = int.Parse(text.AsSpan(i + 2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            objects.Add(text.Substring(i, 2), text.Substring(i + 4, length));
            i += 4 + length;
        }
        return objects;
    }

    /// <summary>CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) as EMVCo field 63 carries it: four upper-case hex digits.</summary>
    private static string Crc16(string text)
    {
        var crc = 0xFFFF;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return crc.ToString("X4", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_unpaid_transfer_shows_a_vietqr_code_for_the_exact_amount_and_order_number()
    {
        var placed = await PlaceAsync(PaymentMethod.BankTransfer);
        var html = await factory.CreateClient().GetStringAsync($"/don-hang/{placed.CheckoutId}?t={placed.AccessToken}");
        Assert.Contains("<svg", html);
        Assert.Contains(placed.Orders[0].Number, html);
        Assert.Contains("0123456789", html);

        // What a banking app reads: the QR drawn on the page, decoded, then its EMVCo fields one by one.
        var section = html[html.IndexOf("data-testid=\"vietqr\"", StringComparison.Ordinal)..];
        var svg = section[section.IndexOf("<svg", StringComparison.Ordinal)..(section.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length)];
        var payload = QrDecoder.DecodeSvg(svg);
        Assert.NotNull(payload);
        var fields = DataObjects(payload);
        Assert.Equal(Crc16(payload[..^4]), fields["63"]);
        Assert.Equal("01", fields["00"]);
        Assert.Equal("12", fields["01"]); // dynamic: for this one payment
        var merchant = DataObjects(fields["38"]);
        Assert.Equal("A000000727", merchant["00"]); // NAPAS
        Assert.Equal("QRIBFTTA", merchant["02"]); // transfer to an account
        var beneficiary = DataObjects(merchant["01"]);
        Assert.Equal("970436", beneficiary["00"]); // the producer's bank BIN
        Assert.Equal("0123456789", beneficiary["01"]);
        Assert.Equal("704", fields["53"]); // đồng
        long price;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            price = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.PriceVnd).SingleAsync();
        var owed = price + CheckoutOptions.Default.Shipping.FeeFor(price); // one unit and its shipping
        Assert.Equal(owed, placed.Orders[0].TotalVnd);
        Assert.Equal(owed.ToString(CultureInfo.InvariantCulture), fields["54"]);
        Assert.Equal("VN", fields["58"]);
        Assert.Equal(placed.Orders[0].Number, DataObjects(fields["62"])["08"]); // the transfer's reference
    }

    /// <summary>
    /// The order row keeps the SHA-256 of the link's secret and nothing from which the link could be rebuilt: a copy
    /// of the table opens no order.
    /// </summary>
    [Fact]
    public async Task The_link_secret_is_stored_only_as_its_sha256()
    {
        var placed = await PlaceAsync();
        var expectedHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(placed.AccessToken)));

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "Orders" WHERE "Id" = @id"""; // the same on SQLite and PostgreSQL
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        id.Value = placed.Orders[0].Id;
        command.Parameters.Add(id);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        var columns = Enumerable.Range(0, row.FieldCount).ToDictionary(row.GetName, i => row.IsDBNull(i) ? null : Convert.ToString(row.GetValue(i), CultureInfo.InvariantCulture));
        Assert.Equal(expectedHash, columns["AccessTokenHash"]);
        Assert.All(columns, c => Assert.DoesNotContain(placed.AccessToken, c.Value ?? "", StringComparison.Ordinal));
        Assert.False(await row.ReadAsync());
    }

    [Fact]
    public async Task A_signed_in_buyer_finds_their_orders_without_the_link_and_nobody_else_does()
    {
        string buyerId;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            buyerId = await db.Users.Where(u => u.Email == OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail).Select(u => u.Id).SingleAsync();
        var placed = await PlaceAsync(buyerUserId: buyerId);

        var buyer = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(buyer, OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail, OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        Assert.Contains(placed.Orders[0].Number, await buyer.GetStringAsync("/don-hang"));
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/don-hang/{placed.CheckoutId}")).StatusCode);

        var other = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(other, "vanhuong@ocopmarket.test", OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/don-hang/{placed.CheckoutId}")).StatusCode);
        Assert.DoesNotContain(placed.Orders[0].Number, await other.GetStringAsync("/don-hang"));
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(client, email, OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        return client;
    }

    [Fact]
    public async Task The_producer_exports_only_their_orders_as_csv()
    {
        var placed = await PlaceAsync();
        var response = await (await SignedInAsync("haodat@ocopmarket.test")).GetAsync("/xuat/don-hang.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("Mã đơn,Ngày đặt", csv);
        Assert.Contains(placed.Orders[0].Number, csv);
        Assert.Contains("Chè Đinh Tân Cương x1", csv);

        var other = await (await SignedInAsync("vanhuong@ocopmarket.test")).GetStringAsync("/xuat/don-hang.csv");
        Assert.DoesNotContain(placed.Orders[0].Number, other);
        var buyer = await (await SignedInAsync(OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail)).GetAsync("/xuat/don-hang.csv");
        Assert.Equal(HttpStatusCode.Redirect, buyer.StatusCode); // signed in, wrong role: access denied, no file
        Assert.StartsWith("/Account/AccessDenied", AccountHttpTests.Target(buyer).PathAndQuery);
    }

    [Fact]
    public async Task The_packing_slip_prints_for_its_producer_only()
    {
        var placed = await PlaceAsync();
        var slip = await (await SignedInAsync("haodat@ocopmarket.test")).GetAsync($"/in/phieu-giao/{placed.Orders[0].Id}");
        Assert.Equal(HttpStatusCode.OK, slip.StatusCode);
        var html = await slip.Content.ReadAsStringAsync();
        Assert.Contains("Thu hộ (COD)", html);
        Assert.Contains("Xã Tân Cương", html);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync("vanhuong@ocopmarket.test")).GetAsync($"/in/phieu-giao/{placed.Orders[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task The_csv_export_is_named_for_the_day_in_vietnam_on_the_apps_clock()
    {
        var response = await (await SignedInAsync("haodat@ocopmarket.test")).GetAsync("/xuat/don-hang.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        // The clock stands at 28/11/2026 10:00 in Vietnam, days away from the machine's calendar.
        Assert.Equal("don-hang-20261128.csv", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
    }
}

public sealed class BuyerCancelHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    [Fact]
    public async Task The_buyer_cancels_from_the_order_page_and_the_stock_comes_back()
    {
        int productId;
        long price;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(10);
            await db.SaveChangesAsync();
            (productId, price) = (p.Id, p.PriceVnd);
        }
        PlacedCheckout placed;
        await using (var scope = factory.Services.CreateAsyncScope())
            placed = await scope.ServiceProvider.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
                [new CheckoutLine(productId, 4, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
                PaymentMethod.CashOnDelivery, null, null));

        var client = factory.CreateClient(new() { AllowAutoRedirect = true, HandleCookies = true });
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync($"/don-hang/{placed.CheckoutId}?t={placed.AccessToken}"));
        var form = page.QuerySelector("[data-testid=buyer-cancel]")!.Closest("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        // A forged secret changes nothing.
        var forged = new Dictionary<string, string>(fields) { ["t"] = "forged" };
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/don-hang/huy", new FormUrlEncodedContent(forged))).StatusCode);

        var response = await client.PostAsync("/don-hang/huy", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"order-cancelled\"", await response.Content.ReadAsStringAsync());
        await using var check = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        Assert.Equal(10, await check.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
        Assert.Equal(OrderStatus.Cancelled, await check.Orders.Where(o => o.CheckoutId == placed.CheckoutId).Select(o => o.Status).SingleAsync());
    }
}
