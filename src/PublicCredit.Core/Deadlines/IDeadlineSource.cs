namespace PublicCredit.Deadlines;

/// <summary>
/// One obligation past its deadline (docs/design.md#deadline-monitor): what it is (<see cref="Kind"/>), the ids to follow it up by (no
/// personal data: the listing is statistics, not an inquiry), the responsible department, the last day it was due
/// (inclusive) and how many days it is late.
/// </summary>
public sealed record OverdueItem(
    string Source,
    string Kind,
    string Department,
    DateOnly DueBy,
    int DaysOverdue,
    Guid? RestorationId = null,
    Guid? DesignationId = null,
    Guid? RecordId = null,
    Guid? ObjectionId = null);

/// <summary>
/// A kind of deadline the monitor watches (ADR 0014 §6). Each capability with deadlines adds one implementation and
/// registers it; <see cref="ListDeadlines"/> and <see cref="DeadlineMonitor"/> ask every registered source. Objection
/// review deadlines join as one more source once objections exist.
/// </summary>
public interface IDeadlineSource
{
    /// <summary>A stable kebab-case name, e.g. <c>restorations</c>.</summary>
    string Name { get; }

    /// <summary>Everything of this source overdue on <paramref name="today"/> (a China date; a deadline day itself is not overdue).</summary>
    Task<IReadOnlyList<OverdueItem>> OverdueAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken);
}
