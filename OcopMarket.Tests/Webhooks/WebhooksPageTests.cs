using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Webhooks;
using OcopMarket.Core.Webhooks.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Webhooks;

/// <summary>The portal's webhook page: a refused address says why and keeps what was typed; a saved one shows its secret once.</summary>
public sealed class WebhooksPageTests : InteractivePageTest
{
    private WebhookService _service = null!;

    protected override Task SetUpAsync()
    {
        _service = new WebhookService(Db, Db.Clock, Options.Create(new WebhookOptions()));
        Services.AddSingleton(_service);
        SignInAs(VanHuong, Roles.Producer);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_producer_adds_an_endpoint_sees_its_secret_once_and_a_private_address_is_refused()
    {
        var page = Render<WebhooksPage>();
        page.Find("[data-testid=webhook-url]").Change("https://192.168.1.20/hook");
        await page.Find("[data-testid=webhook-create]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Không gửi được tới địa chỉ nội bộ", page.Find("[data-testid=webhook-error]").TextContent));
        Assert.Equal("https://192.168.1.20/hook", page.Find("[data-testid=webhook-url]").GetAttribute("value")); // nothing typed is lost
        Assert.Empty(page.FindAll("[data-testid=webhook-row]"));

        page.Find("[data-testid=webhook-url]").Change("https://kho.vanhuong.example.vn/ocop");
        await page.Find("[data-testid=webhook-create]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=webhook-row]")));
        var secret = page.Find("[data-testid=webhook-secret-value]").TextContent.Trim();
        Assert.StartsWith(WebhookEndpoint.SecretPrefix, secret);
        Assert.Contains("order.placed, order.confirmed, order.cancelled, order.delivered", page.Find("[data-testid=webhook-row]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=webhook-error]"));

        await page.Find("[data-testid=webhook-ping]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(WebhookEventNames.Ping, page.Find("[data-testid=delivery-row]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=webhook-secret-value]")); // shown once, not again

        await page.Find("[data-testid=webhook-delete]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=webhook-row]")));
        Assert.Empty(await _service.ListAsync(VanHuong));
    }
}
