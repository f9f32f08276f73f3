using PublicCredit.Access;
using PublicCredit.Errors;
using Fields = PublicCredit.Designations.DesignationFields;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

namespace PublicCredit.Designations;

public sealed record RevokedDesignation(Guid Id, DesignationStatus Status, DateTimeOffset RevokedAt);

/// <summary>
/// The owner department withdraws its designation (docs/api.md#designations <c>POST /api/v1/designations/{id}/revoke</c>;
/// docs/design.md#designation-life-cycle "withdrawn by department"): a reviewer of that department, with reasons and optionally the revocation document's
/// number; <see cref="DesignationLifecycle.Revoke"/> refuses a designation already revoked or restored (409). Measures
/// and publication stop with the commit; the <c>designation-revoked</c> event carries the reasons' SHA-256.
/// </summary>
public sealed class RevokeDesignation(DesignationTransitions transitions)
{
    public async Task<RevokedDesignation> RunAsync(Caller caller, Guid designationId, RevocationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Reviewer);

        var errors = new List<FieldError>(input.ReadErrors);
        var text = new DesignationText(errors);
        var reasons = text.Required(Fields.Reasons, input.Reasons, Fields.MaxLongText, Codes.ReasonsMissing,
            "A revocation states its reasons, which the subject is told (docs/domain.md#objections-and-restoration).");
        var document = text.Optional(Fields.RevocationDocument, input.RevocationDocument, Fields.MaxDocumentNumber);

        var (row, _) = await transitions.RunAsync(caller, designationId, (row, now) =>
        {
            caller.RequireDepartment(row.Department);
            var next = DesignationLifecycle.Revoke(row.State);
            if (errors.Count > 0)
            {
                throw DomainException.Invalid(errors);
            }

            row.RevokedAt = now;
            row.RevokedBy = caller.Actor;
            row.RevocationReasons = reasons;
            row.RevocationDocument = document;
            return new DesignationChange(next, DesignationEvents.Revoked, document, reasons);
        }, cancellationToken);

        return new RevokedDesignation(row.Id, row.Status, row.RevokedAt!.Value);
    }
}
