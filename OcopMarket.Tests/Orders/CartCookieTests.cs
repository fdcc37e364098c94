using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Orders;

namespace OcopMarket.Tests.Orders;

/// <summary>The guest cart cookie's lifetime is counted on the app's clock, not the machine's.</summary>
public sealed class CartCookieTests
{
    private static SetCookieHeaderValue Written(CartCookie cookie)
    {
        var http = new DefaultHttpContext();
        cookie.Write(http, new Cart([new CartItem(1, 2, 540_000)]), owner: null);
        return SetCookieHeaderValue.Parse(http.Response.Headers.SetCookie.Single(c => c!.StartsWith(CartCookie.Name + "=", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_cart_cookie_expires_thirty_days_after_the_apps_now()
    {
        var clock = new FakeClock();
        var cookie = new CartCookie(new EphemeralDataProtectionProvider(), clock);
        Assert.Equal(FakeClock.DefaultNow.AddDays(30), Written(cookie).Expires);

        // A cart written later lives from then: the clock, not the machine's calendar, decides.
        clock.Now = new DateTimeOffset(2027, 3, 1, 8, 30, 0, TimeSpan.FromHours(7));
        Assert.Equal(clock.Now.AddDays(30), Written(cookie).Expires);
    }
}
