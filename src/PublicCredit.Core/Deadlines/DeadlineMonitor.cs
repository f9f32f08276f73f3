using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublicCredit.Removals;

namespace PublicCredit.Deadlines;

/// <summary>
/// The background side of the deadline monitor (issue 7 §6; ADR 0014 §6): every <c>interval</c> of the injected clock
/// it carries out automatic removals that were waiting for an objection (<see cref="RemoveDueDesignations"/>), then
/// asks every <see cref="IDeadlineSource"/> and logs a warning per source with overdue items, so operators learn of a
/// missed deadline without polling <c>GET /api/v1/stats/deadlines</c>.
/// </summary>
public sealed partial class DeadlineMonitor(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<DeadlineMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>One round now (tests, and the timer); returns the removals made and the report.</summary>
    public async Task<(int Removed, DeadlineReport Report)> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            int removed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                removed = await scope.ServiceProvider.GetRequiredService<RemoveDueDesignations>().RunAsync(cancellationToken);
            }

            await using var reading = scopes.CreateAsyncScope();
            var report = await reading.ServiceProvider.GetRequiredService<ListDeadlines>().ReportAsync(cancellationToken);
            return (removed, report);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A delay per round, not a PeriodicTimer: after a long pause (or a test moving the clock by months) it runs
        // once, instead of once for every period missed.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (removed, report) = await RunOnceAsync(stoppingToken);
                if (removed > 0)
                {
                    LogRemoved(logger, removed);
                }

                foreach (var (source, count) in report.BySource.Where(s => s.Value > 0))
                {
                    LogOverdue(logger, count, source);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    public override void Dispose()
    {
        oneAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} designation(s) whose obligation was performed")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} overdue item(s) from {Source}: see GET /api/v1/stats/deadlines")]
    private static partial void LogOverdue(ILogger logger, int count, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "The deadline monitor failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
