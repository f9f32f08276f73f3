using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Security;

/// <summary>
/// Per-address limits of what anybody may do without a credential (docs/design.md#edges-public-limits-and-audit-reads; ADR 0038): public searches (the API
/// and the search page count together) and PDF uploads to <c>/verify</c>. Fixed one-minute windows kept in memory per
/// node, keyed by the client address — the proxy's forwarded one only with <c>--behind-proxy</c>. Shared by the API and
/// the pages (which answer in their own layout), hence limiters of our own rather than the rate-limiter middleware.
/// A limit of 0 is no limit (benchmarks).
/// </summary>
public sealed class PublicRateLimits : IDisposable
{
    public const string SearchLimited = WebProblemCodes.SearchRateLimited;
    public const string VerifyLimited = WebProblemCodes.VerifyRateLimited;

    private readonly PartitionedRateLimiter<string>? search;
    private readonly PartitionedRateLimiter<string>? verify;

    public PublicRateLimits(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SearchPerMinute = settings.PublicSearchPerMinutePerAddress;
        VerifyPerMinute = settings.VerifyUploadsPerMinutePerAddress;
        search = PerAddress(SearchPerMinute);
        verify = PerAddress(VerifyPerMinute);
    }

    public int SearchPerMinute { get; }

    public int VerifyPerMinute { get; }

    /// <summary>Counts one public search from the request's address; the seconds to wait when it is over the limit, else null.</summary>
    public int? Search(HttpContext http) => Take(search, http);

    /// <summary>Counts one <c>/verify</c> upload from the request's address; the seconds to wait when over the limit, else null.</summary>
    public int? VerifyUpload(HttpContext http) => Take(verify, http);

    /// <summary>The API's refusal: 429 with the code and <c>Retry-After</c>.</summary>
    public static ProblemHttpResult Refusal(HttpContext http, int retryAfter, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        SetRetryAfter(http, retryAfter);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    public static void SetRetryAfter(HttpContext http, int seconds)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        search?.Dispose();
        verify?.Dispose();
    }

    private static PartitionedRateLimiter<string>? PerAddress(int perMinute) =>
        perMinute <= 0 ? null : PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    private static int? Take(PartitionedRateLimiter<string>? limiter, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
    }
}
