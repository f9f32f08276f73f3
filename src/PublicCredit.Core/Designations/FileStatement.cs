using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Storage;
using PublicCredit.Text;
using Fields = PublicCredit.Designations.DesignationFields;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

namespace PublicCredit.Designations;

public sealed record FiledStatement(Guid Id, Guid DesignationId, DesignationStatus Status, bool StatementFiled, DateTimeOffset FiledAt);

/// <summary>
/// The subject states its case on a noticed designation (docs/api.md#designations <c>POST /api/v1/designations/{id}/statements</c>;
/// docs/domain.md#lists 陈述申辩): only with its own self-service token — another subject's token is <c>subject-scope</c>, a staff
/// key <c>subject-token-required</c>, a token that did not come to the subject itself <c>subject-credential-not-own</c>
/// (ADR 0029). Once such a statement is on file the department may decide before the window ends
/// (<see cref="DesignationLifecycle.FileStatement"/>; <see cref="DecideDesignation"/> checks the statement's origin). Each statement is one <c>designation-statement-filed</c> event
/// carrying the SHA-256 of the text and evidence, not the text.
/// </summary>
public sealed class FileStatement(PublicCreditDbContext db, DesignationTransitions transitions)
{
    public async Task<FiledStatement> RunAsync(Caller caller, Guid designationId, StatementInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        RequireSubjectToken(caller);

        var errors = new List<FieldError>(input.ReadErrors);
        var text = new DesignationText(errors);
        var statement = text.Required(Fields.Statement, input.Statement, Fields.MaxLongText, Codes.StatementMissing,
            "A statement states the subject's case (statement).");
        var evidence = text.Optional(Fields.Evidence, input.Evidence, Fields.MaxLongText);

        StatementRow? filed = null;
        var (designation, _) = await transitions.RunAsync(caller, designationId, (row, now) =>
        {
            caller.RequireSubjectOrRole(row.SubjectId);
            var next = DesignationLifecycle.FileStatement(row.State);
            if (errors.Count > 0)
            {
                throw DomainException.Invalid(errors);
            }

            var added = new StatementRow
            {
                Id = Guid.CreateVersion7(now),
                DesignationId = row.Id,
                Statement = statement!,
                Evidence = evidence,
                FiledAt = now,
                FiledBy = caller.Actor,
                CredentialOrigin = caller.SubjectOrigin?.Code(),
            };
            db.DesignationStatements.Add(added);
            filed = added;
            return new DesignationChange(next, DesignationEvents.StatementFiled, Document: null, Reasons: null,
                new Dictionary<string, object?>
                {
                    ["statementId"] = added.Id,
                    ["statementSha256"] = DesignationTransitions.Sha256(statement!),
                    ["evidenceSha256"] = evidence is null ? null : DesignationTransitions.Sha256(evidence),
                    ["credentialOrigin"] = caller.SubjectOrigin?.Code(),
                },
                position => added.LedgerPosition = position);
        }, cancellationToken);

        return new FiledStatement(filed!.Id, designation.Id, designation.Status, designation.StatementFiled, filed.FiledAt);
    }

    /// <summary>
    /// A statement is the subject's own act: staff cannot file it for the subject, nor can anyone with a token that a
    /// department was once handed (ADR 0029: only a credential the subject obtained itself speaks for it).
    /// </summary>
    private static void RequireSubjectToken(Caller caller)
    {
        if (caller.IsSubjectWithOwnCredential)
        {
            return;
        }

        if (caller.SubjectId is not null)
        {
            throw DomainException.Forbidden(Codes.SubjectCredentialNotOwn,
                "A statement is filed with a credential the subject obtained itself (its activation code, or the operator); this token was issued to a department.");
        }

        throw caller.IsStaff
            ? DomainException.Forbidden(Codes.SubjectTokenRequired,
                "A statement is filed by the subject with its own self-service token (redeemed with the notice's activation code, or from the operator), not with a staff key.")
            : DomainException.Unauthenticated(AccessProblemCodes.AuthenticationRequired,
                "File a statement with the subject's self-service token: Authorization: Bearer <token>.");
    }
}
