using System.Globalization;

namespace OcopMarket.Bench.Shared;

/// <summary>The benchmark cannot go on, or its check failed; the message says why.</summary>
public sealed class BenchFailure(string message) : Exception(message);

/// <summary>The bench tools' command lines: <c>--name value</c> options and bare <c>--flag</c>s, checked as they are read.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public static BenchOptions Parse(IReadOnlyList<string> args, params string[] knownFlags)
    {
        var parsed = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is not null && knownFlags.Contains(name))
            {
                parsed._flags.Add(name);
                continue;
            }
            if (name is null || i + 1 >= args.Count)
                throw new BenchFailure($"Unexpected argument '{args[i]}': options are --name value.");
            parsed._values[name] = args[++i];
        }
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new BenchFailure($"--{name} is required.");

    public int Int(string name, int? fallback, bool allowZero = false)
    {
        if (!_values.TryGetValue(name, out var v))
            return fallback ?? throw new BenchFailure($"--{name} is required.");
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || allowZero && n == 0)
            ? n : throw new BenchFailure($"--{name} must be a {(allowZero ? "non-negative" : "positive")} whole number, not '{v}'.");
    }
}
