using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using OcopMarket.Core;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Email;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Web;
using OcopMarket.Web.Components;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages;
using OcopMarket.Web.Components.Pages.Media;
using OcopMarket.Web.Components.Pages.Orders;
using OcopMarket.Web.Components.Pages.Seo;
using OcopMarket.Web.Components.Pages.Traceability;
using OcopMarket.Web.Localization;
using OcopMarket.Web.Workers;

var builder = WebApplication.CreateBuilder(args);

// Vietnamese goes out as UTF-8 text ("Nước mắm"), not as &#x1EAF; entities.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
// Cards are offered only when Stripe is configured (Stripe:SecretKey and Stripe:WebhookSecret); shipping and the
// payment window are configurable.
var stripe = StripeSettings.From(builder.Configuration);
builder.Services.AddSingleton(stripe);
builder.Services.AddSingleton(SiteOptions.From(builder.Configuration));
builder.Services.AddSingleton(OcopMarket.Core.Orders.CheckoutOptions.From(builder.Configuration, cardPaymentsEnabled: stripe.IsConfigured));
builder.Services.AddOcopCore(
    builder.Configuration.GetConnectionString("Ocop") ?? "Data Source=ocopmarket.db",
    Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Media:Root"] ?? Path.Combine("App_Data", "media")));
builder.Services.AddOcopEmail(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<OcopMarket.Web.Components.Pages.Orders.CartCookie>();
builder.Services.AddSingleton<OcopMarket.Web.Components.Pages.Orders.CartStore>();
builder.Services.AddHostedService<OrderExpiryWorker>();
builder.Services.AddHostedService<OutboxWorker>();
builder.Services.AddHostedService<ScanFlushWorker>();
builder.Services.AddSingleton(new OcopMarket.Core.Traceability.TraceabilityOptions(
    builder.Configuration.GetValue("Traceability:CopiedScanThreshold", OcopMarket.Core.Traceability.TraceabilityOptions.Default.CopiedScanThreshold)));
builder.Services.AddSingleton(sp => new OcopMarket.Core.Traceability.SerialKeyStore(
    sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OcopDbContext>>(), builder.Configuration["Traceability:SerialKey"]));

// Accounts: ASP.NET Core Identity on the same SQLite database, cookie sign-in.
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<CurrentActor>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.AddAuthorization();
builder.Services.AddIdentityCore<AppUser>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    })
    .AddRoles<IdentityRole>()
    .AddUserManager<AppUserManager>() // lockouts on the app's clock
    .AddEntityFrameworkStores<OcopDbContext>()
    .AddSignInManager()
    .AddDefaultTokenProviders();
builder.Services.AddSingleton<IEmailSender<AppUser>, AccountEmailSender>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(Lang.LocalizationOptions());
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapLanguageSwitch();
app.MapSeoEndpoints();
app.MapAccountEndpoints();
app.MapMediaEndpoints();
app.MapCartEndpoints();
app.MapOrderExport();
app.MapBuyerOrderEndpoints();
app.MapCardPaymentEndpoints();
app.MapStripeWebhook();
app.MapTraceEndpoints();
app.MapLotQrEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.Services.MigrateAndSeedAsync();
if (app.Environment.IsDevelopment())
{
    await using var scope = app.Services.CreateAsyncScope();
    await AccountSeeder.SeedDemoAccountsAsync(
        scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
        scope.ServiceProvider.GetRequiredService<OcopDbContext>(),
        app.Logger);
    await TraceabilitySeeder.SeedDemoLotsAsync(scope.ServiceProvider.GetRequiredService<OcopDbContext>(),
        scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Logger);
}
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
