using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Storage;

namespace PublicCredit.Removals;

/// <summary>
/// Removes designations whose performance was recorded while an objection was under review, once it is resolved and
/// the designation is in force again (ADR 0014 §5). Run by the deadline monitor on every tick; each removal is one
/// <c>designation-removed</c> transition through <see cref="DesignationTransitions"/>, by the system actor.
/// </summary>
public sealed class RemoveDueDesignations(PublicCreditDbContext db, DesignationTransitions transitions, TimeProvider clock)
{
    public const string Actor = "system:automatic-removal";

    /// <summary>Removes every pending designation now removable; returns how many it removed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var pending = await (from p in db.Performances.AsNoTracking()
                             join d in db.Designations.AsNoTracking().Where(DesignationInForce.RemovableAt(now)) on p.DesignationId equals d.Id
                             where p.RemovedAt == null
                             orderby p.RemovalDueBy
                             select new { p.Id, p.DesignationId, d.Department })
            .Take(1000)
            .ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var item in pending)
        {
            try
            {
                await transitions.RunAsync(Caller.Staff(Actor, Role.Admin, item.Department), item.DesignationId, async (designation, now, cancel) =>
                {
                    // Read again under the ledger lock: another node or request may have removed or reopened it meanwhile.
                    var performance = await db.Performances.SingleAsync(p => p.Id == item.Id, cancel);
                    if (performance.RemovedAt is not null)
                    {
                        throw DomainException.Conflict(DesignationProblemCodes.Closed, "Already removed.");
                    }

                    var next = DesignationLifecycle.RemoveOnPerformance(designation.State, now);
                    performance.RemovedAt = now;
                    return new DesignationChange(next, DesignationEvents.Removed, performance.PerformanceDocument, null,
                        new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["performanceId"] = performance.Id,
                            ["performedOn"] = performance.PerformedOn,
                            ["removalDueBy"] = performance.RemovalDueBy,
                        });
                }, cancellationToken);
                removed++;
            }
            catch (DomainException)
            {
                // Its state changed since the query (expired, objection reopened, removed elsewhere): the next tick sees it again.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return removed;
    }
}
