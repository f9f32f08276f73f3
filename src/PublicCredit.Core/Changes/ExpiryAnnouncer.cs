using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Time;

namespace PublicCredit.Changes;

/// <summary>
/// Runs <see cref="AnnounceExpiries"/> at start and then every <c>interval</c> of the injected clock (the publicity-end
/// announcer's, default <see cref="WithdrawalAnnouncer.DefaultInterval"/>), so a <c>designation-expired</c> item
/// reaches the changes feed within a minute of a term's end (ADR 0044). Nothing enforced waits for it: checks and views
/// compute the end from the request time.
/// </summary>
public sealed class ExpiryAnnouncer(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<ExpiryAnnouncer> logger)
    : RoundsOfWork<AnnounceExpiries>(scopes, clock, interval, logger)
{
    // A failed round is retried at the next; until then checks and views are already right, only the feed is late.
    protected override string Work => "Announced the end of designations' terms";
}
