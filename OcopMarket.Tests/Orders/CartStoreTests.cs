using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Orders;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

/// <summary>What signing in does with the cart cookie it finds: whose it is decides (real SQLite, real protected cookie).</summary>
public abstract class CartStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CartStoreTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : CartStoreTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private CartStore _store = null!;
    private CartCookie _cookie = null!;
    private string _buyer = null!;
    private string _otherUser = null!;
    private int _tea;
    private int _fishSauce;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        var (_, _, admin, buyer) = await PortalTestData.CreateActorsAsync(_db);
        (_buyer, _otherUser) = (buyer.UserId, admin.UserId);
        _cookie = new CartCookie(new EphemeralDataProtectionProvider(), _db.Clock);
        _store = new CartStore(_cookie, new CartService(_db, CheckoutOptions.Default, _db.Clock));
        await using var db = _db.CreateDbContext();
        foreach (var p in await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong" || p.Slug == "nuoc-mam-nam-o-huong-lang-co").ToListAsync())
            p.SetStock(20);
        await db.SaveChangesAsync();
        _tea = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.Id).SingleAsync();
        _fishSauce = await db.Products.Where(p => p.Slug == "nuoc-mam-nam-o-huong-lang-co").Select(p => p.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static DefaultHttpContext Request(string? cartCookie = null, string? signedInAs = null)
    {
        var http = new DefaultHttpContext();
        if (cartCookie is not null) http.Request.Headers.Cookie = $"{CartCookie.Name}={cartCookie}";
        if (signedInAs is not null) http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, signedInAs)], "test"));
        return http;
    }

    /// <summary>The cart cookie a response set, as the browser would send it back.</summary>
    private static string CookieFrom(HttpContext http) =>
        http.Response.Headers.SetCookie.Single(c => c!.StartsWith(CartCookie.Name + "=", StringComparison.Ordinal))!
            .Split(';')[0][(CartCookie.Name.Length + 1)..];

    private Cart Read(string cookie) => _cookie.Read(Request(cookie));

    [SkippableFact]
    public async Task A_guest_cart_joins_the_saved_one()
    {
        var signedIn = Request(signedInAs: _buyer);
        await _store.SaveAsync(signedIn, new Cart([new CartItem(_fishSauce, 1, 197_000)]));

        var guest = Request();
        _cookie.Write(guest, new Cart([new CartItem(_tea, 2, 540_000)]), owner: null);
        var atSignIn = Request(CookieFrom(guest));
        await _store.MergeAtSignInAsync(atSignIn, _buyer);

        var merged = Read(CookieFrom(atSignIn));
        Assert.Equal(2, merged.Items.Single(i => i.ProductId == _tea).Quantity);
        Assert.Equal(1, merged.Items.Single(i => i.ProductId == _fishSauce).Quantity);
    }

    [SkippableFact]
    public async Task The_buyers_own_cart_left_from_an_earlier_visit_is_not_added_to_itself()
    {
        // Signed in without "remember me", fish sauce in the cart; the browser closed, the sign-in cookie went,
        // the cart cookie stayed.
        var before = Request(signedInAs: _buyer);
        await _store.SaveAsync(before, new Cart([new CartItem(_fishSauce, 3, 197_000)]));

        var again = Request(CookieFrom(before));
        await _store.MergeAtSignInAsync(again, _buyer);
        Assert.Equal(3, Read(CookieFrom(again)).Items.Single().Quantity);
    }

    [SkippableFact]
    public async Task Someone_elses_cart_in_a_shared_browser_is_not_poured_into_another_account()
    {
        var first = Request(signedInAs: _buyer);
        await _store.SaveAsync(first, new Cart([new CartItem(_fishSauce, 3, 197_000)]));

        var nextPerson = Request(CookieFrom(first));
        await _store.MergeAtSignInAsync(nextPerson, _otherUser);

        Assert.Empty(Read(CookieFrom(nextPerson)).Items);
        Assert.Empty((await new CartService(_db, CheckoutOptions.Default, _db.Clock).SavedAsync(_otherUser)).Items);
        Assert.Single((await new CartService(_db, CheckoutOptions.Default, _db.Clock).SavedAsync(_buyer)).Items); // still theirs
    }
}
