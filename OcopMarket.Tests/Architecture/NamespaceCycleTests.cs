using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Architecture;

/// <summary>
/// Core's capabilities (Catalog, Orders, Producers, Traceability …) depend on each other in one direction only, so
/// each can be read, changed and tested from its own folder. Persistence (the one DbContext maps every
/// capability) and the root start-up namespace compose them all and are left out.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static string? Capability(Type t)
    {
        var ns = t.Namespace;
        if (ns is null || !ns.StartsWith("OcopMarket.Core.", StringComparison.Ordinal)) return null;
        var name = ns["OcopMarket.Core.".Length..].Split('.')[0];
        return name is "Persistence" ? null : name;
    }

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var (type, uses) in TypeDependencies.Of(typeof(OcopDbContext).Assembly))
        {
            if (Capability(type) is not { } from) continue;
            if (!graph.TryGetValue(from, out var edges)) graph[from] = edges = [];
            foreach (var used in uses)
                if (Capability(used) is { } to && to != from) edges.Add(to);
        }
        return graph;
    }

    [Fact]
    public void No_two_capabilities_of_Core_depend_on_each_other()
    {
        var graph = Graph();
        Assert.True(graph.Count >= 10, $"Expected Core's capabilities, found {string.Join(", ", graph.Keys)}.");
        var cycles = new List<string>();
        foreach (var start in graph.Keys)
        {
            // Depth-first search for a path back to the start.
            var stack = new Stack<(string Node, List<string> Path)>([(start, [start])]);
            var seen = new HashSet<string>();
            while (stack.Count > 0)
            {
                var (node, path) = stack.Pop();
                foreach (var next in graph.GetValueOrDefault(node) ?? [])
                {
                    if (next == start) { cycles.Add(string.Join(" → ", path.Append(start))); continue; }
                    if (seen.Add(next)) stack.Push((next, [.. path, next]));
                }
            }
        }
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles.Distinct().Order()));
    }
}
