using System.Text.Encodings.Web;
using System.Text.Unicode;
using OcopMarket.Core;
using OcopMarket.Core.Persistence;
using OcopMarket.Web.Components;
using OcopMarket.Web.Endpoints;
using OcopMarket.Web.Localization;

var builder = WebApplication.CreateBuilder(args);

// Vietnamese goes out as UTF-8 text ("Nước mắm"), not as &#x1EAF; entities.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.AddOcopCore(builder.Configuration.GetConnectionString("Ocop") ?? "Data Source=ocopmarket.db");
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddHttpContextAccessor();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(Lang.LocalizationOptions());
app.UseAntiforgery();

app.MapStaticAssets();
app.MapLanguageSwitch();
app.MapSeoEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.Services.MigrateAndSeedAsync();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
