using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Admin;

/// <summary>
/// A suspended producer's portal is closed for orders too (list, order, CSV, packing slip); their open orders are
/// the officer's, who sees them and may cancel them. Each test suspends Hảo Đạt in an app of its own.
/// </summary>
public sealed class SuspendedProducerOrdersHttpTests
{
    private const string Reason = "Hồ sơ chứng nhận đang được xem xét lại";

    private static async Task<(OcopWebFactory App, Order Order)> SuspendedHaoDatWithAnOpenOrderAsync()
    {
        var (app, orders) = await SuspendedHaoDatWithOpenOrdersAsync(1);
        return (app, orders[0]);
    }

    private static async Task<(OcopWebFactory App, List<Order> Orders)> SuspendedHaoDatWithOpenOrdersAsync(int count)
    {
        var app = new OcopWebFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        int productId, producerId;
        long price;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var tea = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            tea.SetStock(30);
            await db.SaveChangesAsync();
            (productId, producerId, price) = (tea.Id, tea.ProducerId, tea.PriceVnd);
        }
        var placed = new List<int>();
        for (var i = 0; i < count; i++)
        {
            placed.Add((await scope.ServiceProvider.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
                [new CheckoutLine(productId, 2, price)], new DeliveryAddress("Mai", $"091234567{i}", "Số 5", "05503", "19", null),
                PaymentMethod.CashOnDelivery, null, null))).Orders[0].Id);
        }
        var officer = new Actor("officer", null, IsAdmin: true);
        await scope.ServiceProvider.GetRequiredService<ProgramAdminService>().SuspendProducerAsync(officer, producerId, Reason);
        await using var check = await dbFactory.CreateDbContextAsync();
        return (app, await check.Orders.Where(o => placed.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync());
    }

    private static async Task<HttpClient> SignedInAsync(OcopWebFactory app, string email)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(client, email, AccountSeeder.DemoPassword)).StatusCode);
        return client;
    }

    [Fact]
    public async Task A_suspended_producer_is_refused_its_orders_csv_and_packing_slips()
    {
        var (app, order) = await SuspendedHaoDatWithAnOpenOrderAsync();
        await using var _ = app;
        var producer = await SignedInAsync(app, "haodat@ocopmarket.test");

        var csv = await producer.GetAsync("/xuat/don-hang.csv");
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal($"Tài khoản nhà sản xuất đang bị tạm ngừng: {Reason}", await csv.Content.ReadAsStringAsync());

        var slip = await producer.GetAsync($"/in/phieu-giao/{order.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, slip.StatusCode);
        var slipPage = new HtmlParser().ParseDocument(await slip.Content.ReadAsStringAsync());
        Assert.Null(slipPage.QuerySelector("[data-testid=packing-slip]"));
        Assert.Contains(Reason, slipPage.QuerySelector("[data-testid=suspended]")!.TextContent);

        foreach (var url in new[] { "/portal/orders", $"/portal/orders/{order.Id}" })
        {
            var page = new HtmlParser().ParseDocument(await producer.GetStringAsync(url));
            Assert.Contains(Reason, page.QuerySelector("[data-testid=suspended]")!.TextContent);
            Assert.DoesNotContain(order.Number, page.Body!.TextContent);
        }

        // The services refuse every move on the order, not only the pages.
        var orders = app.Services.GetRequiredService<ProducerOrderService>();
        var haoDat = new Actor("haodat", order.ProducerId, IsAdmin: false);
        await Assert.ThrowsAsync<ForbiddenException>(() => orders.PackAsync(haoDat, order.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => orders.CancelAsync(haoDat, order.Id, "thử"));
        await Assert.ThrowsAsync<ForbiddenException>(() => orders.FindIdAsync(haoDat, order.Number));
    }

    [Fact]
    public async Task The_officer_sees_the_open_orders_of_suspended_producers_and_cancels_one_with_its_stock_returned()
    {
        var (app, order) = await SuspendedHaoDatWithAnOpenOrderAsync();
        await using var _ = app;
        var officer = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsOfficerAsync(officer, app)).StatusCode);

        var desk = new HtmlParser().ParseDocument(await officer.GetStringAsync("/admin/suspended-orders"));
        var row = Assert.Single(desk.QuerySelectorAll("[data-testid=suspended-order]"));
        Assert.Contains(order.Number, row.TextContent);
        Assert.Contains("Hợp tác xã chè Hảo Đạt", row.TextContent);

        var service = app.Services.GetRequiredService<SuspendedProducerOrderService>();
        await Assert.ThrowsAsync<ForbiddenException>(() => service.CancelAsync(new Actor("buyer", null, IsAdmin: false), order.Id, "không"));
        await service.CancelAsync(new Actor("officer", null, IsAdmin: true), order.Id, "Nhà sản xuất bị tạm ngừng, đơn được huỷ");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var cancelled = await db.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal("Nhà sản xuất bị tạm ngừng, đơn được huỷ", cancelled.CancelReason);
        Assert.Equal(30, (await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong")).Stock);
        Assert.Empty(await service.OpenOrdersAsync(new Actor("officer", null, IsAdmin: true)));
        Assert.NotNull(new HtmlParser().ParseDocument(await officer.GetStringAsync("/admin/suspended-orders")).QuerySelector("[data-testid=no-suspended-orders]"));
    }

    [Fact]
    public async Task An_order_of_a_producer_in_good_standing_is_not_the_officers_to_cancel()
    {
        var (app, order) = await SuspendedHaoDatWithAnOpenOrderAsync();
        await using var _ = app;
        var officer = new Actor("officer", null, IsAdmin: true);
        await app.Services.GetRequiredService<ProgramAdminService>().RestoreProducerAsync(officer, order.ProducerId);
        var service = app.Services.GetRequiredService<SuspendedProducerOrderService>();
        Assert.Empty(await service.OpenOrdersAsync(officer));
        await Assert.ThrowsAsync<NotFoundException>(() => service.CancelAsync(officer, order.Id, "không"));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        Assert.Equal(OrderStatus.AwaitingConfirmation, (await db.Orders.SingleAsync(o => o.Id == order.Id)).Status); // untouched: a cash order waits for the shop's call
    }

    [Fact]
    public async Task The_officer_lets_a_suspended_producer_fulfil_one_order_and_only_that_one_opens()
    {
        var (app, placed) = await SuspendedHaoDatWithOpenOrdersAsync(2);
        await using var _ = app;
        var (order, other) = (placed[0], placed[1]);
        var officer = new Actor("officer", null, IsAdmin: true);
        var haoDat = new Actor("haodat", order.ProducerId, IsAdmin: false);
        var orders = app.Services.GetRequiredService<ProducerOrderService>();
        var desk = app.Services.GetRequiredService<SuspendedProducerOrderService>();
        await Assert.ThrowsAsync<ForbiddenException>(() => orders.GetAsync(haoDat, order.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.AllowFulfilmentAsync(haoDat, order.Id)); // officers only

        await desk.AllowFulfilmentAsync(officer, order.Id);

        Assert.Equal([true, false], (await desk.OpenOrdersAsync(officer)).OrderBy(r => r.OrderId).Select(r => r.FulfilmentAllowed));
        Assert.Equal(order.Number, Assert.Single(await orders.ListAsync(haoDat, null)).Number);
        await orders.ConfirmAsync(haoDat, order.Id);
        await orders.PackAsync(haoDat, order.Id);
        Assert.Equal(OrderStatus.Packed, (await orders.GetAsync(haoDat, order.Id)).Status);
        var producer = await SignedInAsync(app, "haodat@ocopmarket.test");
        Assert.Equal(HttpStatusCode.OK, (await producer.GetAsync($"/in/phieu-giao/{order.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.GetAsync("/xuat/don-hang.csv")).StatusCode); // still closed for the rest

        // The order the officer did not release stays closed, whatever the producer tries.
        await Assert.ThrowsAsync<ForbiddenException>(() => orders.GetAsync(haoDat, other.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => orders.PackAsync(haoDat, other.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.GetAsync($"/in/phieu-giao/{other.Id}")).StatusCode);
    }
}
