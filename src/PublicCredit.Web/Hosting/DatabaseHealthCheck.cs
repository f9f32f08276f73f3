using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicCredit.Storage;

namespace PublicCredit.Web.Hosting;

/// <summary>Healthy when the database answers and the ledger head can be read.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<PublicCreditDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var head = await db.LedgerHead.AsNoTracking().SingleAsync(cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["ledgerPosition"] = head.Position });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
        }
    }
}
