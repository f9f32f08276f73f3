using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PublicCredit.Enforcement;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Data;

/// <summary>
/// Follows other server processes on the same PostgreSQL database (docs/design.md#nodes-and-scale-out: a change through one node is reflected
/// by checks on another within 1 second; ADR 0012). One connection LISTENs on <see cref="LedgerNotifications.Channel"/>
/// (every ledger append notifies in its transaction, so on commit); each notification — and a poll every
/// <see cref="PollInterval"/> in case one is missed — runs <see cref="FollowLedger"/> from the followed position. A
/// dropped connection is reopened; the poll and the position make a missed notification only a delay, never a loss.
/// SQLite has no such channel and one process owns its file: no follower there (ADR 0012 §4).
/// </summary>
public sealed partial class PostgresLedgerFollower(
    NpgsqlDataSource dataSource, IDbContextFactory<PublicCreditDbContext> contexts, FollowLedger follow,
    ILogger<PostgresLedgerFollower> logger) : BackgroundService
{
    /// <summary>Half the 1-second goal: even with every notification lost, another node's change shows within it.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {LedgerNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Listening before catching up: nothing committed after this catch-up can go unnoticed.
                await FollowAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Returns on a notification or after the poll interval; either way, read what is new. Real time, not
                    // the injected clock: this is an I/O wait, not a rule about dates (docs/design.md#9-time-is-an-input is about rules).
                    await connection.WaitAsync(PollInterval, stoppingToken);
                    await FollowAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Checks keep answering from the index meanwhile; it catches up from its position after reconnecting.
                LogFollowFailed(logger, ex);
                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await follow.RunAsync(db, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the ledger failed; reconnecting")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);
}
