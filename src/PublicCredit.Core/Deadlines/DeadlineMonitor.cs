using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Removals;
using PublicCredit.Time;

namespace PublicCredit.Deadlines;

/// <summary>
/// The background side of the deadline monitor (docs/design.md#deadline-monitor; ADR 0014 §6): every <c>interval</c> of the injected clock
/// it carries out automatic removals that were waiting for an objection (<see cref="RemoveDueDesignations"/>), then
/// asks every <see cref="IDeadlineSource"/> and logs a warning per source with overdue items, so operators learn of a
/// missed deadline without polling <c>GET /api/v1/stats/deadlines</c>.
/// </summary>
public sealed partial class DeadlineMonitor(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<DeadlineMonitor> logger)
    : RoundsOnClock<(int Removed, DeadlineReport Report)>(clock, interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    /// <summary>The removals made and the report.</summary>
    protected override async Task<(int Removed, DeadlineReport Report)> RoundAsync(CancellationToken cancellationToken)
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

    protected override void Completed((int Removed, DeadlineReport Report) result)
    {
        if (result.Removed > 0)
        {
            LogRemoved(logger, result.Removed);
        }

        foreach (var (source, count) in result.Report.BySource.Where(s => s.Value > 0))
        {
            LogOverdue(logger, count, source);
        }
    }

    protected override void Failed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} designation(s) whose obligation was performed")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} overdue item(s) from {Source}: see GET /api/v1/stats/deadlines")]
    private static partial void LogOverdue(ILogger logger, int count, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "The deadline monitor failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
