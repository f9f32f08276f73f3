using PublicCredit.Access;
using PublicCredit.Time;

namespace PublicCredit.Deadlines;

/// <summary>The overdue obligations of every source, most overdue first, with totals per source and department.</summary>
public sealed record DeadlineReport(
    DateTimeOffset AsOf,
    DateOnly Today,
    IReadOnlyList<string> Sources,
    IReadOnlyList<OverdueItem> Items,
    IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByDepartment);

/// <summary>
/// <c>GET /api/v1/stats/deadlines</c> (auditor; docs/design.md#deadline-monitor): asks every <see cref="IDeadlineSource"/> at the time of
/// the request, so the listing is never stale; the <see cref="DeadlineMonitor"/> asks the same sources on its timer.
/// Items carry ids and departments only, so the listing is not an inquiry about anyone (docs/domain.md#personal-information).
/// </summary>
public sealed class ListDeadlines(IEnumerable<IDeadlineSource> sources, TimeProvider clock)
{
    public async Task<DeadlineReport> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Auditor);
        return await ReportAsync(cancellationToken);
    }

    public async Task<DeadlineReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var items = new List<OverdueItem>();
        var names = new List<string>();
        foreach (var source in sources)
        {
            names.Add(source.Name);
            items.AddRange(await source.OverdueAsync(now, today, cancellationToken));
        }

        var ordered = items.OrderByDescending(i => i.DaysOverdue).ThenBy(i => i.Source, StringComparer.Ordinal).ThenBy(i => i.Department, StringComparer.Ordinal).ToList();
        return new DeadlineReport(now, today, names, ordered,
            names.ToDictionary(n => n, n => ordered.Count(i => i.Source == n), StringComparer.Ordinal),
            ordered.GroupBy(i => i.Department, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }
}
