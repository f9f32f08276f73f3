using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Web.Security;

/// <summary>
/// Limits failed activation attempts per client address (ADR 0029): after
/// <see cref="HostSettings.ActivationFailuresPerHourPerAddress"/> wrong, used or expired codes within an hour, every
/// attempt from that address is refused with 429 <c>activation-rate-limited</c> and <c>Retry-After</c> until the
/// hour is over — before the code is even looked up. Successful redemptions cost nothing. With 100-bit codes this is
/// defence in depth; it also keeps a loop of wrong codes from costing the database. Kept in memory per node.
/// </summary>
public sealed class ActivationThrottle(HostSettings settings, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Failures)> failures = new(StringComparer.Ordinal);

    /// <summary>Runs the redemption, or answers 429 when the address has used up its failures; counts a refusal as one.</summary>
    public async Task<IResult> RunAsync(HttpContext http, Func<Task<IResult>> redeem)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(redeem);
        if (Blocked(http) is { } retry)
        {
            http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                $"Too many wrong activation codes from this address; try again in {retry} s.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many activation attempts",
                extensions: new Dictionary<string, object?> { ["code"] = ActivationProblemCodes.RateLimited });
        }

        try
        {
            return await redeem();
        }
        catch (DomainException)
        {
            Failed(http);
            throw;
        }
    }

    /// <summary>Seconds until the address may try again, or null when it may try now.</summary>
    public int? Blocked(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = clock.GetUtcNow();
        return failures.TryGetValue(AddressOf(http), out var seen) && now - seen.Start < Window && seen.Failures >= settings.ActivationFailuresPerHourPerAddress
            ? Math.Max(1, (int)Math.Ceiling((seen.Start + Window - now).TotalSeconds))
            : null;
    }

    public void Failed(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = clock.GetUtcNow();
        failures.AddOrUpdate(AddressOf(http), _ => (now, 1), (_, old) => now - old.Start >= Window ? (now, 1) : (old.Start, old.Failures + 1));
        Sweep(now);
    }

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private void Sweep(DateTimeOffset now)
    {
        if (failures.Count < 10_000)
        {
            return;
        }

        foreach (var (address, entry) in failures)
        {
            if (now - entry.Start >= Window)
            {
                failures.TryRemove(address, out _);
            }
        }
    }
}
