using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PublicCredit.Changes;

/// <summary>
/// Runs <see cref="AnnounceWithdrawals"/> at start and then every <c>interval</c> of the injected clock (default
/// <see cref="DefaultInterval"/>), so a <c>record-withdrawn</c> item reaches the changes feed within a minute of a
/// publicity end (issue 5 §4). Nothing public waits for it: views compute the end from the request time.
/// </summary>
public sealed partial class WithdrawalAnnouncer(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<WithdrawalAnnouncer> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>One run now (tests, and the timer): announces every end due; returns how many records.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AnnounceWithdrawals>().RunAsync(cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A delay per round rather than a PeriodicTimer: after a long pause (or a test clock moved by months) it runs
        // once, not once for every period missed (which made a moved test clock replay ~2,900 rounds a day).
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var announced = await RunOnceAsync(stoppingToken);
                if (announced > 0)
                {
                    LogAnnounced(logger, announced);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; until then views are already right, only the feed is late.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced the end of publicity of {Count} record(s)")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing ended publicity failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
