using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Statistics;
using PublicCredit.Storage;

namespace PublicCredit.Records;

/// <summary>
/// Counts of records against the double-publicity deadline (docs/domain.md#record-fields). <see cref="OnTimeRate"/> is
/// onTime / (onTime + late), rounded to 4 decimals, null when no record could be judged; records the calendar cannot
/// judge (<see cref="Unknown"/>, DoublePublicity) are counted but left out of the rate.
/// </summary>
public sealed record PublicityCounts(int Submitted, int OnTime, int Late, int Unknown)
{
    public double? OnTimeRate => OnTime + Late == 0 ? null : Math.Round((double)OnTime / (OnTime + Late), 4);

    internal static PublicityCounts Of(IEnumerable<(bool? Late, int Count)> groups)
    {
        int onTime = 0, late = 0, unknown = 0;
        foreach (var (isLate, count) in groups)
        {
            switch (isLate)
            {
                case true: late += count; break;
                case false: onTime += count; break;
                default: unknown += count; break;
            }
        }

        return new PublicityCounts(onTime + late + unknown, onTime, late, unknown);
    }
}

public sealed record CategoryPublicityStats(string Category, int Submitted, int OnTime, int Late, int Unknown, double? OnTimeRate);

public sealed record DepartmentPublicityStats(
    string Department, int Submitted, int OnTime, int Late, int Unknown, double? OnTimeRate,
    IReadOnlyList<CategoryPublicityStats> Categories);

/// <summary>The counts; <see cref="From"/>/<see cref="To"/> echo the period of decision dates asked for (null: open).</summary>
public sealed record PublicityReport(
    int DeadlineWorkingDays, int Submitted, int OnTime, int Late, int Unknown, double? OnTimeRate,
    IReadOnlyList<DepartmentPublicityStats> Departments, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// <c>GET /api/v1/stats/publicity</c> (auditor, docs/api.md#statistics): per source department (and per category within it),
/// how many records were submitted and how many within the 7-working-day deadline. Counts records (their current
/// version), not versions; one grouped query. A <see cref="ReportingPeriod"/> keeps records by decision date, the day the
/// deadline runs from (ADR 0020).
/// </summary>
public sealed class PublicityStats(PublicCreditDbContext db)
{
    public Task<PublicityReport> RunAsync(Caller caller, CancellationToken cancellationToken = default) =>
        RunAsync(caller, ReportingPeriod.All, cancellationToken);

    public async Task<PublicityReport> RunAsync(Caller caller, ReportingPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(period);
        caller.RequireRole(Role.Auditor);
        var records = db.Records.AsNoTracking().Current();
        if (period.From is { } from)
        {
            records = records.Where(r => r.DecisionDate >= from);
        }

        if (period.To is { } to)
        {
            records = records.Where(r => r.DecisionDate <= to);
        }

        var groups = await records
            .GroupBy(r => new { r.Department, r.Category, r.Late })
            .Select(g => new { g.Key.Department, g.Key.Category, g.Key.Late, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var departments = groups
            .GroupBy(g => g.Department, StringComparer.Ordinal)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d =>
            {
                var total = PublicityCounts.Of(d.Select(g => (g.Late, g.Count)));
                var categories = d.GroupBy(g => g.Category, StringComparer.Ordinal)
                    .OrderBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c =>
                    {
                        var counts = PublicityCounts.Of(c.Select(g => (g.Late, g.Count)));
                        return new CategoryPublicityStats(c.Key, counts.Submitted, counts.OnTime, counts.Late, counts.Unknown, counts.OnTimeRate);
                    })
                    .ToList();
                return new DepartmentPublicityStats(d.Key, total.Submitted, total.OnTime, total.Late, total.Unknown, total.OnTimeRate, categories);
            })
            .ToList();
        var all = PublicityCounts.Of(groups.Select(g => (g.Late, g.Count)));
        return new PublicityReport(DoublePublicity.DeadlineWorkingDays, all.Submitted, all.OnTime, all.Late, all.Unknown, all.OnTimeRate, departments, period.From, period.To);
    }
}
