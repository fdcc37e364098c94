using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Portal;

/// <summary>Order emails link to the portal by order number: the link opens the producer's own order, nobody else's.</summary>
public sealed class OrderByNumberPageTests : InteractivePageTest
{
    private PlacedOrder _order = null!;

    protected override async Task SetUpAsync()
    {
        var (teaId, price) = await TeaInStockAsync(5);
        _order = (await new CheckoutService(Db, Db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null))).Orders.Single();
        Services.AddSingleton(new ProducerOrderService(Db, Db.Clock, Db.Cards()));
        Services.AddSingleton(new OcopMarket.Core.Legal.LegalSettings());
    }

    [Fact]
    public void The_producer_opens_their_order_from_the_emailed_number()
    {
        SignInAs(HaoDat, Roles.Producer);

        var page = Render<OrderDetailPage>(p => p.Add(x => x.Number, _order.Number));

        page.WaitForAssertion(() => Assert.Contains(_order.Number, page.Markup));
        Assert.Empty(page.FindAll("[data-testid=not-found]"));
        Assert.Contains($"/in/phieu-giao/{_order.Id}", page.Find("[data-testid=packing-slip-link]").GetAttribute("href"));
    }

    [Fact]
    public void Another_producer_following_the_link_finds_nothing()
    {
        SignInAs(VanHuong, Roles.Producer);

        var page = Render<OrderDetailPage>(p => p.Add(x => x.Number, _order.Number));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=not-found]")));
        Assert.DoesNotContain("Mai", page.Markup);
    }
}
