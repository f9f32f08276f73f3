using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicCredit.Enforcement;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The ledger follower in <c>/healthz</c> (ADR 0028): degraded while any event is quarantined (their positions listed),
/// with <c>followerLagSeconds</c> and the followed position; unhealthy for <c>/healthz/ready</c> when the follower has
/// not reached the ledger head for <see cref="StuckAfter"/>.
/// </summary>
internal sealed class FollowerHealthCheck(FollowerHealth health, EnforcementIndexUpdates updates) : IHealthCheck
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(60);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var quarantined = health.Quarantined;
        var lag = health.LagSeconds;
        var data = new Dictionary<string, object>
        {
            ["followerLagSeconds"] = lag,
            ["followedPosition"] = updates.Followed,
            ["quarantined"] = quarantined.Select(q => new { position = q.Position, type = q.Type, reason = q.Reason }).ToArray(),
        };
        var result = lag > StuckAfter.TotalSeconds
            ? HealthCheckResult.Unhealthy("The ledger follower has not reached the ledger head for a minute.", data: data)
            : quarantined.Count > 0
                ? HealthCheckResult.Degraded($"{quarantined.Count} ledger event(s) could not be applied and are quarantined.", data: data)
                : HealthCheckResult.Healthy(data: data);
        return Task.FromResult(result);
    }

    /// <summary>The <c>/healthz</c> body: <c>status</c> (healthy, degraded, unhealthy) and every check's data, flattened.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var body = new Dictionary<string, object?> { ["status"] = report.Status.ToString().ToLowerInvariant() };
        foreach (var (_, entry) in report.Entries)
        {
            foreach (var (key, value) in entry.Data)
            {
                body[key] = value;
            }
        }

        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => new { check = e.Key, status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description })
            .ToArray();
        if (problems.Length > 0)
        {
            body["problems"] = problems;
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    public static HealthCheckOptions Options(Func<HealthCheckRegistration, bool>? predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteAsync,
    };
}
