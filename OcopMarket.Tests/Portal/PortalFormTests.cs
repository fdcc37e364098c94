using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Producers;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Portal;

/// <summary>The portal's interactive forms, rendered by bUnit over real services on SQLite.</summary>
public sealed class PortalFormTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _haoDat = null!;
    private Actor _buyer = null!;

    public async Task InitializeAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("vi-VN");
        _db = await TestDatabase.CreateAsync();
        (_haoDat, _, _, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_db.Clock);
        Services.AddSingleton(new ProducerPortalService(_db, _db.Clock));
        Services.AddSingleton(new ProducerOnboardingService(_db, _db.Clock));
        Services.AddSingleton(new AccountDirectory(_db));
        Services.AddSingleton(new ProductPhotoService(_db, new OcopMarket.Core.Media.ProductImageProcessor(),
            new OcopMarket.Core.Media.FileSystemMediaStore(Path.Combine(Path.GetTempPath(), $"ocop-bunit-{Guid.NewGuid():N}"))));
        Services.AddScoped<CurrentActor>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously; xunit v2 would otherwise call the synchronous Dispose.
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    private void SignInAs(Actor actor, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.UserId);
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId)); // after SetRoles, which rebuilds the claims
    }

    private static string Errors(IRenderedComponent<ProductEditorPage> cut) =>
        string.Join(" | ", cut.FindAll(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error").Select(e => e.TextContent));

    [Fact]
    public void An_empty_product_form_explains_each_missing_field_in_vietnamese()
    {
        SignInAs(_haoDat, Roles.Producer);
        var cut = Render<ProductEditorPage>();
        cut.Find("form").Submit();
        cut.WaitForAssertion(() =>
        {
            var errors = Errors(cut);
            Assert.Contains("Vui lòng nhập tên sản phẩm.", errors);
            Assert.Contains("Vui lòng nhập nhóm sản phẩm.", errors);
            Assert.Contains("Vui lòng nhập đơn vị bán.", errors);
            Assert.Contains("Giá phải lớn hơn 0 ₫.", errors);
            Assert.Contains("Vui lòng nhập mô tả.", errors);
        });
    }

    [Fact]
    public void Negative_stock_is_refused_and_the_typed_name_is_kept()
    {
        SignInAs(_haoDat, Roles.Producer);
        var cut = Render<ProductEditorPage>();
        cut.Find("[data-testid=field-name]").Change("Chè búp Tân Cương");
        cut.Find("[data-testid=field-stock]").Change("-3");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Tồn kho không được âm.", Errors(cut)));
        Assert.Equal("Chè búp Tân Cương", cut.Find("[data-testid=field-name]").GetAttribute("value"));
    }

    [Fact]
    public async Task Editing_someone_elses_product_shows_not_found_and_no_form()
    {
        SignInAs(_haoDat, Roles.Producer);
        int theirs;
        await using (var db = _db.CreateDbContext())
            theirs = db.Products.First(p => p.ProducerId != _haoDat.ProducerId).Id;
        var cut = Render<ProductEditorPage>(p => p.Add(x => x.Id, theirs));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=not-found]")));
        Assert.Empty(cut.FindAll("[data-testid=field-name]"));
    }

    [Fact]
    public void An_existing_product_loads_into_the_form_with_its_certificates()
    {
        SignInAs(_haoDat, Roles.Producer);
        int own;
        using (var db = _db.CreateDbContext()) own = db.Products.Single(p => p.ProducerId == _haoDat.ProducerId && p.Slug == "che-dinh-tan-cuong").Id;
        var cut = Render<ProductEditorPage>(p => p.Add(x => x.Id, own));
        cut.WaitForAssertion(() => Assert.Equal("Chè Đinh Tân Cương", cut.Find("[data-testid=field-name]").GetAttribute("value")));
        Assert.Single(cut.FindAll("[data-testid=certificates] tbody tr"));
        Assert.NotNull(cut.Find("[data-testid=publish-panel]"));
    }

    [Fact]
    public void The_application_form_requires_its_fields()
    {
        SignInAs(_buyer);
        var cut = Render<ApplyPage>();
        cut.WaitForAssertion(() => cut.Find("form"));
        cut.Find("form").Submit();
        cut.WaitForAssertion(() =>
        {
            var text = cut.Markup;
            Assert.Contains("Vui lòng nhập tên chủ thể.", text);
            Assert.Contains("Vui lòng nhập mã số đăng ký kinh doanh.", text);
            Assert.Contains("Vui lòng nhập tỉnh, thành phố.", text);
        });
    }
}
