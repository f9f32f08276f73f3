using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Restorations;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Removals;

public sealed record RecordedPerformance(
    Guid Id, Guid DesignationId, string Status, DateOnly PerformedOn, DateTimeOffset RecordedAt, DateOnly RemovalDueBy, DateTimeOffset? RemovedAt);

/// <summary>
/// A recorder of the designating department records that the obligation was performed (API
/// <c>POST /api/v1/designations/{id}/performance</c>; docs/api.md#restorations-and-removal; docs/domain.md#lists). Only where the list type has
/// <c>automaticRemoval</c>; only for a designation in force or suspended by an objection. The removal deadline is the
/// catalog's <c>withinWorkingDays</c>-th working day after today. The designation is removed in the same transaction
/// through <see cref="DesignationTransitions"/> and <see cref="DesignationLifecycle.RemoveOnPerformance"/> (one
/// <c>designation-removed</c> event; the enforcement index drops it on commit). While an objection is under review
/// the performance is recorded alone (<c>designation-performance-recorded</c>) and <see cref="RemoveDueDesignations"/>
/// removes it once the objection is resolved; if that passes the deadline the deadline monitor lists it (ADR 0014 §5).
/// </summary>
public sealed class RecordPerformance(PublicCreditDbContext db, DesignationTransitions transitions, CreditCatalog catalog, TimeProvider clock)
{
    public const string PerformanceRecordedEvent = DesignationEvents.PerformanceRecorded;

    public async Task<RecordedPerformance> RunAsync(Caller caller, Guid designationId, PerformanceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Recorder);
        var errors = new List<FieldError>(input.ReadErrors);
        var text = new DesignationText(errors);
        var document = text.Required(RestorationJson.PerformanceDocument, input.PerformanceDocument, DesignationFields.MaxDocumentNumber,
            Codes.PerformanceDocumentMissing, "Performance is recorded on a document (docs/domain.md#lists).");
        var evidence = text.Optional(RestorationJson.Evidence, input.Evidence, DesignationFields.MaxLongText);
        var today = ChinaTime.Today(clock);
        var performedOn = today;
        if (text.Optional(RestorationJson.PerformedOn, input.PerformedOn, 10) is { } day)
        {
            var reading = InputRange.ReadDate(day, out performedOn);
            if (reading == DateReading.OutOfRange && performedOn < InputRange.Earliest)
            {
                errors.Add(InputRange.OutOfRange(RestorationJson.PerformedOn, day));
                performedOn = today;
            }
            else if (reading != DateReading.Read || performedOn > today)
            {
                errors.Add(new FieldError(RestorationJson.PerformedOn, Codes.PerformedOnInvalid, "performedOn is a date YYYY-MM-DD, not after today."));
                performedOn = today;
            }
        }

        PerformanceRow? performance = null;
        var (row, _) = await transitions.RunAsync(caller, designationId, async (designation, now, cancel) =>
        {
            caller.RequireDepartment(designation.Department);
            if (!catalog.ListTypes.TryGet(designation.ListType, out var list) || list.AutomaticRemoval is not { } removal)
            {
                throw DomainException.Conflict(Codes.RemovalNotAutomatic,
                    $"The list '{designation.ListType}' has no automatic removal in the catalog; revoke or restore instead.");
            }

            if (await db.Performances.AnyAsync(p => p.DesignationId == designation.Id, cancel))
            {
                throw DomainException.Conflict(Codes.PerformanceAlreadyRecorded, "Performance is already recorded for this designation.");
            }

            var state = designation.State;
            var removeNow = !state.ObjectionOpen;
            var next = removeNow ? DesignationLifecycle.RemoveOnPerformance(state, now) : state;
            if (state.StatusAt(now) != DesignationStatus.Suspended && !removeNow)
            {
                throw DomainException.Conflict(DesignationProblemCodes.NotEffective, "Only a designation in force or under objection is removed on performance.");
            }

            if (errors.Count > 0)
            {
                throw DomainException.Invalid(errors);
            }

            performance = new PerformanceRow
            {
                Id = Guid.CreateVersion7(now),
                DesignationId = designation.Id,
                Department = designation.Department,
                SubjectId = designation.SubjectId,
                PerformanceDocument = document!,
                PerformedOn = performedOn,
                Evidence = evidence,
                RecordedAt = now,
                RecordedBy = caller.Actor,
                RemovalDueBy = catalog.Calendar.AddWorkingDays(ChinaTime.DateOf(now), removal.Within),
                RemovedAt = removeNow ? now : null,
            };
            db.Performances.Add(performance);
            var details = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["performanceId"] = performance.Id,
                ["trigger"] = removal.Trigger.Code(),
                ["performedOn"] = performedOn,
                ["removalDueBy"] = performance.RemovalDueBy,
                ["evidenceSha256"] = evidence is null ? null : DesignationTransitions.Sha256(evidence),
            };
            return new DesignationChange(next, removeNow ? DesignationEvents.Removed : PerformanceRecordedEvent, document, null, details,
                position => performance.LedgerPosition = position);
        }, cancellationToken);

        return new RecordedPerformance(performance!.Id, row.Id, (row.State.StatusAt(performance.RecordedAt)).Code(),
            performance.PerformedOn, performance.RecordedAt, performance.RemovalDueBy, performance.RemovedAt);
    }
}
