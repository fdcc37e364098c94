using System.Text.Json;
using System.Text.RegularExpressions;

namespace OcopMarket.Tests.Support;

/// <summary>Files of the repository itself (README, the web project's settings), found from the test binaries.</summary>
public static partial class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcopMarket.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("OcopMarket.sln not found above the test binaries.");
        }
    }

    /// <summary>Traceability:SerialKey from OcopMarket.Web/appsettings.Development.json: the key the README's demo labels use.</summary>
    public static string DevelopmentSerialKey()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "OcopMarket.Web", "appsettings.Development.json")));
        return settings.RootElement.GetProperty("Traceability").GetProperty("SerialKey").GetString()
               ?? throw new InvalidOperationException("No Traceability:SerialKey in appsettings.Development.json.");
    }

    /// <summary>
    /// Every address on the local demo site (http://localhost:5032/...) the README prints under "Try the demo
    /// labels", and whether its line presents it as forged.
    /// </summary>
    public static IReadOnlyList<(string Path, bool Forged)> ReadmeDemoAddresses()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf("### Try the demo labels", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"Try the demo labels\" section");
        var end = readme.IndexOf("\n#", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return [.. section.Split('\n').SelectMany(line => DemoAddress().Matches(line)
            .Select(m => (m.Groups["path"].Value, line.TrimStart().StartsWith("- Forged", StringComparison.Ordinal))))];
    }

    [GeneratedRegex(@"http://localhost:5032(?<path>/[^\s)`]*)")]
    private static partial Regex DemoAddress();
}
