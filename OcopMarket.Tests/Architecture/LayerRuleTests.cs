using System.Reflection;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Architecture;

/// <summary>
/// The layering the code base promises, checked on the compiled assemblies: the domain is plain C#, the web layer
/// reaches data only through Core services, and Core knows nothing of HTTP or Blazor.
/// </summary>
public sealed class LayerRuleTests
{
    private static readonly Assembly Core = typeof(OcopDbContext).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly IReadOnlyDictionary<Type, HashSet<Type>> CoreUses = TypeDependencies.Of(Core);
    private static readonly IReadOnlyDictionary<Type, HashSet<Type>> WebUses = TypeDependencies.Of(Web);

    private static bool IsDomain(Type t) => t.Namespace is { } ns && ns.StartsWith("OcopMarket.Core.", StringComparison.Ordinal)
                                            && ns.EndsWith(".Domain", StringComparison.Ordinal);

    /// <summary>What domain types may use of Core besides each other: the shared value types and text helpers.</summary>
    private static bool IsPlainCore(Type t) => IsDomain(t) || t.Namespace is "OcopMarket.Core.Common" or "OcopMarket.Core.Text";

    private static string List(IEnumerable<string> violations) => string.Join("\n", violations.Order());

    [Fact]
    public void There_are_domain_types_to_check() =>
        Assert.True(CoreUses.Keys.Count(IsDomain) >= 15, "The domain namespaces (OcopMarket.Core.<Capability>.Domain) were not found.");

    [Fact]
    public void The_domain_uses_neither_EF_Core_nor_services()
    {
        var violations =
            from pair in CoreUses
            where IsDomain(pair.Key)
            from used in pair.Value
            where used.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
                  || (used.Assembly == Core && used.Namespace?.StartsWith("OcopMarket.", StringComparison.Ordinal) == true
                      && !IsPlainCore(used) && TypeDependencies.Owner(used) != pair.Key)
            select $"{pair.Key.FullName} uses {used.FullName}";

        Assert.True(!violations.Any(), List(violations));
    }

    [Fact]
    public void Only_start_up_code_in_the_web_app_touches_the_DbContext()
    {
        var violations =
            from pair in WebUses
            where pair.Key.Namespace != "OcopMarket.Web.Startup" && pair.Key != typeof(Program)
            from used in pair.Value
            where used == typeof(OcopDbContext) || used == typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<>)
            select $"{pair.Key.FullName} uses {used.Name}";

        Assert.True(!violations.Any(), List(violations));
    }

    [Fact]
    public void Core_knows_nothing_of_HTTP_or_Blazor_components()
    {
        var violations =
            from pair in CoreUses
            from used in pair.Value
            where used.FullName is { } name && (name.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal)
                                                || name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal)
                                                || name.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal))
            select $"{pair.Key.FullName} uses {used.FullName}";

        Assert.True(!violations.Any(), List(violations));
    }

    [Fact]
    public void The_rules_see_a_violation_when_there_is_one()
    {
        // The scanner must find what these rules look for, or every rule above would pass vacuously.
        Assert.Contains(typeof(OcopDbContext), CoreUses[typeof(OcopMarket.Core.Catalog.CatalogService)]);
        Assert.Contains(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<>), CoreUses[typeof(OcopMarket.Core.Catalog.CatalogService)]);
        Assert.Contains(typeof(Microsoft.AspNetCore.Http.HttpContext), WebUses[typeof(OcopMarket.Web.Routes)]);
    }
}
