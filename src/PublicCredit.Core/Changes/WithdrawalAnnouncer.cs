using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Time;

namespace PublicCredit.Changes;

/// <summary>
/// Runs <see cref="AnnounceWithdrawals"/> at start and then every <c>interval</c> of the injected clock (default
/// <see cref="DefaultInterval"/>), so a <c>record-withdrawn</c> item reaches the changes feed within a minute of a
/// publicity end (docs/domain.md#publicity-periods). Nothing public waits for it: views compute the end from the request time.
/// </summary>
public sealed partial class WithdrawalAnnouncer(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<WithdrawalAnnouncer> logger) : RoundsOnClock<int>(clock, interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    /// <summary>Announces every end due; returns how many records.</summary>
    protected override async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnnounceWithdrawals>().RunAsync(cancellationToken);
    }

    protected override void Completed(int announced)
    {
        if (announced > 0)
        {
            LogAnnounced(logger, announced);
        }
    }

    // The next round tries again; until then views are already right, only the feed is late.
    protected override void Failed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced the end of publicity of {Count} record(s)")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing ended publicity failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
