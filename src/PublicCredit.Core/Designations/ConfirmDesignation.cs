using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using Fields = PublicCredit.Designations.DesignationFields;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

namespace PublicCredit.Designations;

public sealed record ConfirmedDesignation(Guid Id, DesignationStatus Status, DateTimeOffset ConfirmedAt);

/// <summary>
/// The red list's department confirms an entry that a black one set aside (<c>POST /api/v1/designations/{id}/confirm</c>;
/// ADR 0042; docs/designations.md#red-and-black): a reviewer of that department, with reasons. Only a
/// <c>suspended-by-conflict</c> entry with no objection under review (409), and only for a subject that is eligible
/// again at this instant — no black entry stands for it, none reaches it as a responsible person, no serious negative
/// record within the list's period (422 <c>designation-red-ineligible</c>, one reason each) — asked under the ledger
/// writers' lock. It goes back as it was: effective if it had been decided, noticed if not. The alternative is the
/// existing revoke; nothing brings it back by itself.
/// </summary>
public sealed class ConfirmDesignation(DesignationTransitions transitions, CreditCatalog catalog, RedListEligibility eligibility)
{
    public async Task<ConfirmedDesignation> RunAsync(Caller caller, Guid designationId, ConfirmationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Reviewer);

        var errors = new List<FieldError>(input.ReadErrors);
        var text = new DesignationText(errors);
        var reasons = text.Required(Fields.Reasons, input.Reasons, Fields.MaxLongText, Codes.ReasonsMissing,
            "A confirmation states its reasons, which the subject is told.");

        DateTimeOffset confirmedAt = default;
        var (row, _) = await transitions.RunAsync(caller, designationId, async (row, now, cancel) =>
        {
            caller.RequireDepartment(row.Department);
            var next = DesignationLifecycle.Confirm(row.State);
            if (errors.Count > 0)
            {
                throw DomainException.Invalid(errors);
            }

            if (!catalog.ListTypes.TryGet(row.ListType, out var listType))
            {
                throw DomainException.Conflict(Codes.ListTypeWithdrawn,
                    $"List type '{row.ListType}' is no longer in catalog {catalog.Version}; a designation cannot return to a withdrawn list.");
            }

            await eligibility.RequireAsync(listType, row.SubjectId, now, cancel);
            confirmedAt = now;
            return new DesignationChange(next, DesignationEvents.Confirmed, Document: null, reasons,
                new Dictionary<string, object?> { ["conflictWith"] = row.ConflictWith });
        }, cancellationToken);

        return new ConfirmedDesignation(row.Id, row.Status, confirmedAt);
    }
}
