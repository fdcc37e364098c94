using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Portal;

/// <summary>Order emails link to the portal by order number: the link opens the producer's own order, nobody else's.</summary>
public sealed class OrderByNumberPageTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _haoDat = null!;
    private Actor _vanHuong = null!;
    private PlacedOrder _order = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        (_haoDat, _vanHuong, _, _) = await PortalTestData.CreateActorsAsync(_db);
        int teaId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            tea.SetStock(5);
            await db.SaveChangesAsync();
            (teaId, price) = (tea.Id, tea.PriceVnd);
        }
        _order = (await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null))).Orders.Single();

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new ProducerOrderService(_db, _db.Clock, _db.Cards()));
        Services.AddSingleton(new AccountDirectory(_db));
        Services.AddScoped<CurrentActor>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    private void SignInAs(Actor actor)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.UserId);
        auth.SetRoles(Roles.Producer);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
    }

    [Fact]
    public void The_producer_opens_their_order_from_the_emailed_number()
    {
        SignInAs(_haoDat);

        var page = Render<OrderDetailPage>(p => p.Add(x => x.Number, _order.Number));

        page.WaitForAssertion(() => Assert.Contains(_order.Number, page.Markup));
        Assert.Empty(page.FindAll("[data-testid=not-found]"));
        Assert.Contains($"/in/phieu-giao/{_order.Id}", page.Find("[data-testid=packing-slip-link]").GetAttribute("href"));
    }

    [Fact]
    public void Another_producer_following_the_link_finds_nothing()
    {
        SignInAs(_vanHuong);

        var page = Render<OrderDetailPage>(p => p.Add(x => x.Number, _order.Number));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=not-found]")));
        Assert.DoesNotContain("Mai", page.Markup);
    }
}
