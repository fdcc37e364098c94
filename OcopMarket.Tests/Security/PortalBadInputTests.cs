using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Security;

/// <summary>
/// The portal's product form (an InteractiveServer page over <see cref="ProducerPortalService"/>) with the corpus:
/// markup and query syntax are a producer's text and stored verbatim (the pages escape them, see
/// <see cref="BadInputHttpTests"/>); over-long text and impossible numbers are refused in both languages and store
/// nothing.
/// </summary>
public sealed class PortalBadInputTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ProducerPortalService _portal = null!;
    private Actor _producer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _portal = new ProducerPortalService(_db, _db.Clock);
        (_producer, _, _, _) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ProductForm Form(string name = "Chè búp", string unit = "gói 200 g", long price = 150_000, int stock = 10, string description = "Chè.") =>
        new(name, OcopGroup.Drinks, "II.1a", unit, price, stock, description);

    private async Task<int> ProductCountAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.CountAsync();
    }

    [Theory]
    [InlineData("script-tag")]
    [InlineData("attribute-breakout")]
    [InlineData("sql-drop")]
    [InlineData("fts-near")]
    [InlineData("fts-operators")]
    [InlineData("right-to-left-override")]
    public async Task Markup_and_query_syntax_in_a_product_are_stored_verbatim_as_text(string kind)
    {
        var payload = BadInputCorpus.Text[kind];
        var id = await _portal.CreateAsync(_producer, Form(name: payload, unit: payload, description: payload));
        var stored = await _portal.GetAsync(_producer, id);
        Assert.Equal(payload, stored.Form.Name);
        Assert.Equal(payload, stored.Form.Description);
        Assert.Matches("^[a-z0-9-]*$", stored.Slug); // the slug carries none of it into URLs
    }

    private static readonly Dictionary<string, (Func<ProductForm> Form, string Vietnamese)> Refused = new()
    {
        ["five-thousand-character name"] = (() => Form(name: BadInputCorpus.LongVietnamese), "Tên sản phẩm tối đa 200 ký tự."),
        ["five-thousand-character unit"] = (() => Form(unit: BadInputCorpus.LongVietnamese), "Đơn vị bán tối đa 50 ký tự."),
        ["description past 10,000 characters"] = (() => Form(description: BadInputCorpus.LongVietnamese + BadInputCorpus.LongVietnamese + "x"), "Mô tả tối đa"),
        ["negative price"] = (() => Form(price: -5), "Giá phải lớn hơn 0"),
        ["zero price"] = (() => Form(price: 0), "Giá phải lớn hơn 0"),
        ["negative stock"] = (() => Form(stock: -5), "Tồn kho không được âm."),
        ["blank name"] = (() => Form(name: " "), "Vui lòng nhập tên sản phẩm."),
    };

    public static TheoryData<string> RefusedKinds() => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedKinds))]
    public async Task A_product_form_past_its_bounds_is_refused_in_both_languages_and_stores_nothing(string what)
    {
        var (form, vietnamese) = Refused[what];
        var before = await ProductCountAsync();
        var refusal = await Assert.ThrowsAsync<DomainException>(() => _portal.CreateAsync(_producer, form()));
        Assert.Contains(vietnamese, refusal.Text.Vi);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Text.En), $"The refusal of a {what} has no English.");
        Assert.Equal(before, await ProductCountAsync());
    }

    [Fact]
    public async Task An_update_past_the_bounds_leaves_the_product_as_it_was()
    {
        var id = await _portal.CreateAsync(_producer, Form());
        await Assert.ThrowsAsync<DomainException>(() => _portal.UpdateAsync(_producer, id, Form(name: BadInputCorpus.LongVietnamese, price: -5)));
        var stored = await _portal.GetAsync(_producer, id);
        Assert.Equal("Chè búp", stored.Form.Name);
        Assert.Equal(150_000, stored.Form.PriceVnd);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1_000_000)]
    public async Task Taking_away_more_stock_than_there_is_is_refused_and_keeps_the_stock(int delta)
    {
        var id = await _portal.CreateAsync(_producer, Form(stock: 10));
        await Assert.ThrowsAsync<DomainException>(() => _portal.AdjustStockAsync(_producer, id, delta));
        Assert.Equal(10, (await _portal.GetAsync(_producer, id)).Form.Stock);
    }
}
