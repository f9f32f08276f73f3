using System.Collections.Concurrent;

namespace PublicCredit.Time;

/// <summary>
/// Counts failures per key (a client address) in fixed windows of the injected clock: a window opens with a key's
/// first failure and lasts <c>window</c>; once a key has <c>limit</c> failures in its window it is refused until the
/// window ends. Used where only failures count — wrong bearer tokens, wrong activation codes — so a caller who
/// succeeds pays nothing. Request-rate limits (public search, /verify, reports) use System.Threading.RateLimiting
/// instead (ADR 0038). Memory is bounded: past <c>maxKeys</c> keys, ended windows are dropped, and if that is not
/// enough the map starts over (an attacker who rotates addresses gains a fresh window, never unbounded memory).
/// </summary>
public sealed class FailureWindows(TimeProvider clock, TimeSpan window, int limit, int maxKeys = 100_000)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Ends, int Failures)> windows = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <summary>The seconds until <paramref name="key"/> may try again, or null when it is under the limit now.</summary>
    public int? RetryAfter(string key)
    {
        var now = clock.GetUtcNow();
        return windows.TryGetValue(key, out var seen) && seen.Ends > now && seen.Failures >= limit
            ? Math.Max(1, (int)Math.Ceiling((seen.Ends - now).TotalSeconds))
            : null;
    }

    /// <summary>Counts one failure of <paramref name="key"/>.</summary>
    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        if (windows.Count >= maxKeys)
        {
            Sweep(now);
        }

        windows.AddOrUpdate(key, _ => (now + window, 1), (_, seen) => seen.Ends > now ? (seen.Ends, seen.Failures + 1) : (now + window, 1));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, seen) in windows)
        {
            if (seen.Ends <= now)
            {
                windows.TryRemove(key, out _);
            }
        }

        if (windows.Count >= maxKeys)
        {
            windows.Clear();
        }
    }
}
