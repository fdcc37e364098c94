using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Support;

/// <summary>An order placed through a test app's own checkout, for the tests that drive its background workers.</summary>
public static class AppOrders
{
    /// <summary>Gives the seeded Tân Cương tea 10 units and places a guest order for <paramref name="quantity"/> of them.</summary>
    /// <returns>The order's id and the product's id.</returns>
    public static async Task<(int OrderId, int ProductId)> PlaceTeaAsync(OcopWebFactory app, int quantity, PaymentMethod payment, string? email = null)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        int productId;
        long price;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(10);
            await db.SaveChangesAsync();
            (productId, price) = (tea.Id, tea.PriceVnd);
        }
        var placed = await app.Services.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(productId, quantity, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            payment, null, email));
        return (placed.Orders.Single().Id, productId);
    }
}
