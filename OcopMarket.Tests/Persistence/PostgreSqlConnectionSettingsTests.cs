using Npgsql;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Persistence;

/// <summary>What the app adds to a PostgreSQL connection string, and that a setting the operator wrote wins.</summary>
public sealed class PostgreSqlConnectionSettingsTests
{
    [Fact]
    public void A_plain_connection_string_gets_auto_prepare_no_reset_on_close_and_utc()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare("Host=db;Database=ocop;Username=ocop"));

        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("UTC", settings.Timezone);
        Assert.Equal("db", settings.Host);
        Assert.Equal("ocop", settings.Database);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;maxautoprepare=0")]
    public void Settings_the_operator_wrote_are_kept_however_they_are_spelt(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare(connectionString));

        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }
}
