using Npgsql;
using OcopMarket.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OcopMarket.Tests.Persistence;

/// <summary>Says once, in the run's output, whether the PostgreSQL variants of the database tests run, and on what.</summary>
public sealed class PostgreSqlServerReport
{
    public PostgreSqlServerReport(IMessageSink diagnostics)
    {
        var reason = PostgreSqlTestServer.SkipReason;
        diagnostics.OnMessage(new DiagnosticMessage(reason is null
            ? "PostgreSQL variants of the database tests run on the configured test server."
            : "PostgreSQL variants of the database tests are SKIPPED. " + reason));
    }
}

public sealed class PostgreSqlServerTests(PostgreSqlServerReport report) : IClassFixture<PostgreSqlServerReport>
{
    [SkippableFact]
    public async Task The_test_server_is_a_postgresql_the_app_supports()
    {
        Assert.NotNull(report);
        var server = PostgreSqlTestServer.RequireServer();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        // 13 or newer: DROP DATABASE … WITH (FORCE) in the tests, generated columns and the README's promise.
        Assert.True(connection.PostgreSqlVersion.Major >= 13, $"PostgreSQL {connection.PostgreSqlVersion} is older than 13");
    }
}

/// <summary>
/// A database test written once for both providers is an abstract class taking the provider, with the nested
/// <c>OnSqlite</c> and <c>OnPostgreSql</c> classes that run it; one without either variant would quietly test one
/// provider only.
/// </summary>
public sealed class ProviderVariantTests
{
    [Fact]
    public void Every_test_written_for_both_providers_runs_on_both()
    {
        var written = typeof(ProviderVariantTests).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsClass && t.GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Core.Persistence.DatabaseProvider))))
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0)) // tests, not fixtures
            .ToList();
        Assert.True(written.Count >= 20, $"only {written.Count} provider-independent test classes found");
        Assert.All(written, t =>
        {
            var variants = t.GetNestedTypes().Where(n => n.IsSubclassOf(t)).Select(n => n.Name).Order().ToList();
            Assert.True(variants.SequenceEqual(["OnPostgreSql", "OnSqlite"]), $"{t.Name} runs on [{string.Join(", ", variants)}]");
        });
    }
}
