using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace OcopMarket.Tests.Support;

/// <summary>Drives the app's background workers through its fake clock and waits, a bounded time, for their effect.</summary>
public static class WorkerClock
{
    /// <summary>
    /// Moves the clock on by <paramref name="step"/>, then waits briefly for <paramref name="done"/>, and repeats until
    /// it holds or <paramref name="timeout"/> of real time has passed. It repeats because a worker's ExecuteAsync
    /// runs on the thread pool (.NET 10's BackgroundService), so its timer may not exist yet when the test first
    /// moves the clock; a timer created after that counts its period from the new time and fires on the next move.
    /// </summary>
    /// <returns>Whether the effect was seen: false means no worker did it (not registered, or failing).</returns>
    public static async Task<bool> AdvanceUntilAsync(this FakeTimeProvider clock, TimeSpan step, Func<Task<bool>> done, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew(); // real time: the fake clock only moves when told to
        while (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            clock.Advance(step);
            for (var i = 0; i < 10; i++)
            {
                if (await done()) return true;
                await Task.Delay(50);
            }
        }
        return await done();
    }
}
