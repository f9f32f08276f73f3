using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Time;

namespace PublicCredit.Changes;

/// <summary>
/// Runs <see cref="AnnounceWithdrawals"/> at start and then every <c>interval</c> of the injected clock (default
/// <see cref="DefaultInterval"/>), so a <c>record-withdrawn</c> item reaches the changes feed within a minute of a
/// publicity end (docs/domain.md#publicity-periods). Nothing public waits for it: views compute the end from the request time.
/// </summary>
public sealed class WithdrawalAnnouncer(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<WithdrawalAnnouncer> logger)
    : RoundsOfWork<AnnounceWithdrawals>(scopes, clock, interval, logger)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    // A failed round is retried at the next; until then views are already right, only the feed is late.
    protected override string Work => "Announced the end of publicity of records";
}
