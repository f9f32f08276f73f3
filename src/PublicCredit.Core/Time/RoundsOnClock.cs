using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PublicCredit.Time;

/// <summary>
/// A background job that does one round at start and then one every <c>interval</c> of the injected clock
/// (docs/design.md#9-time-is-an-input), never two rounds at once (a round asked for by a test or an endpoint waits for
/// the timer's). A delay per round, not a PeriodicTimer: after a long pause — or a test moving the clock by months — it
/// runs once, not once for every period missed. A failed round is reported and the next one tries again.
/// </summary>
public abstract class RoundsOnClock<TResult>(TimeProvider clock, TimeSpan interval) : BackgroundService
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>One round now (tests, and the timer).</summary>
    public async Task<TResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RoundAsync(cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>The work of one round.</summary>
    protected abstract Task<TResult> RoundAsync(CancellationToken cancellationToken);

    /// <summary>Told what a timed round did (to log it).</summary>
    protected abstract void Completed(TResult result);

    /// <summary>Told why a timed round failed; the next round tries again.</summary>
    protected abstract void Failed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Completed(await RunOnceAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(ex);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    public override void Dispose()
    {
        oneAtATime.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A use case a timer runs in rounds: it does what is due and says how many items it handled.</summary>
public interface IRoundWork
{
    Task<int> RunAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs <typeparamref name="TWork"/> (a scoped use case) in a fresh scope each round, logging how many items a round
/// handled, or why it failed (the next round tries again).
/// </summary>
public abstract partial class RoundsOfWork<TWork>(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger logger)
    : RoundsOnClock<int>(clock, interval)
    where TWork : IRoundWork
{
    /// <summary>What a round does, for the log ("announced the end of publicity of records").</summary>
    protected abstract string Work { get; }

    protected override async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TWork>().RunAsync(cancellationToken);
    }

    protected override void Completed(int result)
    {
        if (result > 0)
        {
            LogDone(logger, Work, result);
        }
    }

    protected override void Failed(Exception exception) => LogFailed(logger, exception, Work);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Work}: {Count} item(s)")]
    private static partial void LogDone(ILogger logger, string work, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work);
}
