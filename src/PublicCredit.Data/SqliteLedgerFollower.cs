using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublicCredit.Enforcement;
using PublicCredit.Storage;

namespace PublicCredit.Data;

/// <summary>
/// Follows other processes writing the same SQLite file — `pcredit import` run beside a serving `pcredit serve`
/// (ADR 0012 §4, amended): SQLite has no notification channel, so it polls the ledger every
/// <see cref="PostgresLedgerFollower.PollInterval"/> and runs <see cref="FollowLedger"/> from the followed position.
/// Without it, records imported by the CLI would reach the public views (read from the file) but not the green
/// channel's in-memory clean-record state, which could then grant an incentive the records forbid.
/// </summary>
public sealed partial class SqliteLedgerFollower(
    IDbContextFactory<PublicCreditDbContext> contexts, FollowLedger follow, ILogger<SqliteLedgerFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: an I/O wait, not a rule about dates.
        using var timer = new PeriodicTimer(PostgresLedgerFollower.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                    await follow.RunAsync(db, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Checks keep answering from memory; the next tick catches up from the followed position.
                    LogFollowFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the ledger failed; trying again at the next poll")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);
}
