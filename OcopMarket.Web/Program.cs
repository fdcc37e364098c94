using OcopMarket.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddOcopMarket();

var app = builder.Build();
app.MapOcopMarket();
await app.PrepareDatabaseAsync();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
