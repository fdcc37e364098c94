using System.Collections.Concurrent;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Account;

/// <summary>
/// Failed sign-ins counted per client (its IP; an IPv6 address by its /64, as <see cref="AbuseLimits.ClientKey"/> counts), in front of the per-account lockout. Without it, anyone who knows an email
/// could lock its owner out by typing wrong passwords; with it, one address gets <see cref="MaxFailures"/> failures in
/// <see cref="Window"/> and is then refused before the password is even checked, so further tries from there count
/// against no account. The account limit (<see cref="AccountServices"/>) is set above this one, so locking an account
/// takes failures from more than one address. Kept in memory (a restart forgets, which only ever lets someone in
/// sooner), or in the database when several nodes share the limits (<see cref="SharedRateLimits"/>): there the
/// window is fixed rather than sliding, so an address gets at most twice its failures across a window's edge.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, SharedRateLimits shared)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>Whether this address has used up its failures in the last <see cref="Window"/>.</summary>
    public async Task<bool> IsThrottledAsync(string client, CancellationToken ct = default) =>
        shared.Enabled ? await shared.SpentAsync(SharedKey(client), MaxFailures, ct) : IsThrottled(client);

    public async Task RecordFailureAsync(string client, CancellationToken ct = default)
    {
        if (shared.Enabled) await shared.CountAsync(SharedKey(client), Window, ct);
        else RecordFailure(client);
    }

    private static string SharedKey(string client) => "SignInFailure|" + client;

    private bool IsThrottled(string client)
    {
        if (!_failures.TryGetValue(client, out var times)) return false;
        lock (times)
        {
            Forget(times);
            return times.Count >= MaxFailures;
        }
    }

    private void RecordFailure(string client)
    {
        var times = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Forget(times);
            times.Enqueue(clock.GetUtcNow());
        }
        if (_failures.Count > 10_000) Sweep(); // many addresses, each a few failures: drop the stale ones
    }

    private void Forget(Queue<DateTimeOffset> times)
    {
        var since = clock.GetUtcNow() - Window;
        while (times.Count > 0 && times.Peek() <= since) times.Dequeue();
    }

    private void Sweep()
    {
        foreach (var (client, times) in _failures)
        {
            lock (times)
            {
                Forget(times);
                if (times.Count == 0) _failures.TryRemove(client, out _);
            }
        }
    }
}
