using System.Diagnostics;

namespace PublicCredit.Enforcement;

/// <summary>A ledger event this node could not apply: kept aside so the follower keeps following (ADR 0028).</summary>
public sealed record QuarantinedEvent(long Position, string Type, string Reason, DateTimeOffset At);

/// <summary>
/// How the ledger follower is doing (docs/design.md#one-bad-input-stops-no-node; ADR 0028): the events it quarantined (position, type, reason) and
/// when it last caught up with the ledger head, read by <c>/healthz</c> (degraded while anything is quarantined;
/// <c>followerLagSeconds</c>) and <c>/healthz/ready</c>.
/// </summary>
public sealed class FollowerHealth(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly List<QuarantinedEvent> quarantined = [];
    // Real elapsed time, like the follower's poll (an I/O wait, not a rule about dates): a moved domain clock — a test
    // jumping months ahead, a corrected wall clock — is not lag.
    private long caughtUp = Stopwatch.GetTimestamp();

    public IReadOnlyList<QuarantinedEvent> Quarantined
    {
        get
        {
            lock (gate)
            {
                return [.. quarantined];
            }
        }
    }

    /// <summary>Seconds since the follower last read the ledger to its head (0 right after a round).</summary>
    public double LagSeconds
    {
        get
        {
            lock (gate)
            {
                return Math.Max(0, Math.Round(Stopwatch.GetElapsedTime(caughtUp).TotalSeconds, 3));
            }
        }
    }

    public void Quarantine(long position, string type, string reason)
    {
        lock (gate)
        {
            if (!quarantined.Exists(q => q.Position == position))
            {
                quarantined.Add(new QuarantinedEvent(position, type, reason.Length <= 500 ? reason : reason[..500], clock.GetUtcNow()));
            }
        }
    }

    public void CaughtUp()
    {
        lock (gate)
        {
            caughtUp = Stopwatch.GetTimestamp();
        }
    }
}
