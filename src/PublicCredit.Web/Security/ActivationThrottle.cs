using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Time;
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

    private readonly FailureWindows failures = new(clock, Window, (settings ?? throw new ArgumentNullException(nameof(settings))).ActivationFailuresPerHourPerAddress, 10_000);

    /// <summary>Runs the redemption, or answers 429 when the address has used up its failures; counts a refusal as one.</summary>
    public async Task<Results<TResult, ProblemHttpResult>> RunAsync<TResult>(HttpContext http, Func<Task<TResult>> redeem)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(redeem);
        if (Blocked(http) is { } retry)
        {
            http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
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
        return failures.RetryAfter(AddressOf(http));
    }

    public void Failed(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        failures.Failed(AddressOf(http));
    }

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
