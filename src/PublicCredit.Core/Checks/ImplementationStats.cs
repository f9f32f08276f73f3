using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Statistics;
using PublicCredit.Storage;

namespace PublicCredit.Checks;

public sealed record NotAppliedReason(Guid CheckId, string? Note);

/// <summary>One row of the implementation statistics: what one department's checks did with one measure of one memorandum.</summary>
public sealed record ImplementationRow(
    string? Memorandum,
    string Measure,
    string Department,
    int Checks,
    int Hits,
    int Applied,
    int NotApplied,
    IReadOnlyList<NotAppliedReason> Reasons);

/// <summary>
/// <c>GET /api/v1/stats/implementation</c> (auditor; docs/api.md#checks): per memorandum, measure and checking department —
/// <c>checks</c>: the department's checks in a matter the measure covers; <c>hits</c>: those that returned the measure
/// through the memorandum; <c>applied</c> / <c>notApplied</c> from feedback, with the notes as reasons. Read from the
/// inquiry log and the feedback table (not the hot path). Rows with neither a hit nor feedback are left out. A
/// <see cref="ReportingPeriod"/> keeps the checks made in it and the feedback on those checks (ADR 0020), so feedback
/// is always counted with the check it answers.
/// </summary>
public sealed class ImplementationStats(PublicCreditDbContext db, CreditCatalog catalog)
{
    public Task<IReadOnlyList<ImplementationRow>> RunAsync(Caller caller, CancellationToken cancellationToken = default) =>
        RunAsync(caller, ReportingPeriod.All, cancellationToken);

    public async Task<IReadOnlyList<ImplementationRow>> RunAsync(Caller caller, ReportingPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(period);
        caller.RequireRole(Role.Auditor);

        var inquiries = db.Inquiries.AsNoTracking().Where(i => i.Endpoint == RunCheck.Endpoint || i.Endpoint == RunCheck.BatchEndpoint);
        if (period.StartsAt is { } startsAt)
        {
            inquiries = inquiries.Where(i => i.At >= startsAt);
        }

        if (period.EndsBefore is { } endsBefore)
        {
            inquiries = inquiries.Where(i => i.At < endsBefore);
        }

        var checks = await inquiries.Select(i => new { i.Id, i.Department, i.Purpose, i.Returned }).ToListAsync(cancellationToken);
        var feedback = await db.CheckFeedback.AsNoTracking().ToListAsync(cancellationToken);
        if (!period.IsAll)
        {
            var inPeriod = checks.Select(c => c.Id).ToHashSet();
            feedback = [.. feedback.Where(f => inPeriod.Contains(f.CheckId))];
        }

        var checksByMatter = checks.GroupBy(c => (c.Department ?? "", c.Purpose)).ToDictionary(g => g.Key, g => g.Count());
        var hits = checks
            .SelectMany(c => RunCheck.ReturnedMeasures(c.Returned).Select(m => (m.Memorandum, m.Measure, Department: c.Department ?? "")))
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var given = feedback.GroupBy(f => (f.Memorandum, f.Measure, f.Department)).ToDictionary(g => g.Key, g => g.ToList());

        return [.. hits.Keys.Union(given.Keys).Distinct()
            .OrderBy(k => k.Memorandum, StringComparer.Ordinal).ThenBy(k => k.Measure, StringComparer.Ordinal).ThenBy(k => k.Department, StringComparer.Ordinal)
            .Select(k =>
            {
                var matters = catalog.Measures.TryGet(k.Measure, out var measure) ? measure.Matters : [];
                var rows = given.GetValueOrDefault(k, []);
                return new ImplementationRow(
                    k.Memorandum,
                    k.Measure,
                    k.Department,
                    matters.Sum(m => checksByMatter.GetValueOrDefault((k.Department, m))),
                    hits.GetValueOrDefault(k),
                    rows.Count(f => f.Applied),
                    rows.Count(f => !f.Applied),
                    [.. rows.Where(f => !f.Applied).Select(f => new NotAppliedReason(f.CheckId, f.Note))]);
            })];
    }
}
