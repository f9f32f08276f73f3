using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Fields = PublicCredit.Designations.DesignationFields;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

namespace PublicCredit.Designations;

public sealed record DecidedDesignation(
    Guid Id, DesignationStatus Status, string DecisionDocument, DateTimeOffset EffectiveFrom, DateTimeOffset ExpiresAt, string Term, JsonObject Decision);

/// <summary>
/// The owner department's reviewer decides a noticed designation (docs/api.md#designations <c>POST /api/v1/designations/{id}/decide</c>):
/// <see cref="DesignationLifecycle.Decide"/> refuses before the objection deadline unless a statement is on file, and
/// while an objection is open (409), and needs a document number, reasons and a term within the list type's maximum
/// (422; the default term when none is given). The decision document — facts, reasons, legal basis, measures, term,
/// how to be removed and remedies (docs/domain.md#lists) — is stored as issued; the <c>designation-effective</c> event carries its
/// SHA-256.
/// </summary>
public sealed class DecideDesignation(PublicCreditDbContext db, DesignationTransitions transitions, CreditCatalog catalog, RedListEligibility eligibility)
{
    /// <summary>How far ahead a decision may set its start: a typo such as 2062 is refused, not honoured.</summary>
    public static readonly IsoDuration MaxDeferral = IsoDuration.FromYears(1);

    public async Task<DecidedDesignation> RunAsync(Caller caller, Guid designationId, DecisionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Reviewer);

        // The form of the request is judged first; presence of document and reasons, and the term's bound, by the life cycle.
        var errors = new List<FieldError>(input.ReadErrors);
        var text = new DesignationText(errors);
        var document = text.Optional(Fields.DecisionDocument, input.DecisionDocument, Fields.MaxDocumentNumber);
        var reasons = text.Optional(Fields.Reasons, input.Reasons, Fields.MaxLongText);
        IsoDuration? term = null;
        if (text.Optional(Fields.Term, input.Term, 32) is { } termText)
        {
            if (IsoDuration.TryParse(termText, out var parsed))
            {
                term = parsed;
            }
            else
            {
                errors.Add(new FieldError(Fields.Term, Codes.TermInvalid,
                    $"term '{JsonMembers.Shorten(termText)}' is not an ISO-8601 duration such as P1Y, P6M or P1Y6M."));
            }
        }

        var requested = RequestedStart(text.Optional(Fields.EffectiveFrom, input.EffectiveFrom, 64), errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var (row, _) = await transitions.RunAsync(caller, designationId, async (row, now, cancel) =>
        {
            caller.RequireDepartment(row.Department);
            if (!catalog.ListTypes.TryGet(row.ListType, out var listType))
            {
                throw DomainException.Conflict(Codes.ListTypeWithdrawn,
                    $"List type '{row.ListType}' is no longer in catalog {catalog.Version}; a designation cannot take effect on a withdrawn list.");
            }

            var today = ChinaTime.DateOf(now);
            var effectiveFrom = EffectiveFrom(requested, now, today);
            // The term is bounded by the list type; its end must also stay inside the dates the platform handles
            // (ADR 0027), or every reader of the expiry would meet an instant outside the range.
            var chosenTerm = term ?? listType.DefaultTerm;
            if (!InputRange.Contains(effectiveFrom, chosenTerm))
            {
                throw DomainException.Invalid(Fields.Term, InputRange.DurationOutOfRangeCode, string.Create(CultureInfo.InvariantCulture,
                    $"term {chosenTerm} from {ChinaTime.DateOf(effectiveFrom):yyyy-MM-dd} would end after {InputRange.Latest:yyyy-MM-dd}, outside the dates the platform handles ({InputRange.Text})."));
            }

            var before = row.State;
            // A red entry takes effect only for a subject still eligible now (ADR 0042): a black entry decided since
            // the notice bars it, as at the proposal.
            await eligibility.RequireAsync(listType, row.SubjectId, now, cancel);
            var next = DesignationLifecycle.Decide(before, document, reasons, effectiveFrom, term ?? listType.DefaultTerm, listType.MaxTerm, today);
            var decision = next.Decision!;
            if (today <= row.ObjectionDeadline)
            {
                await RequireOwnStatementAsync(row.Id, row.ObjectionDeadline, cancel);
            }

            var persons = await db.ResponsiblePersons.AsNoTracking().Where(p => p.DesignationId == row.Id).OrderBy(p => p.Id).ToListAsync(cancel);
            var statements = await db.DesignationStatements.CountAsync(s => s.DesignationId == row.Id, cancel);
            var department = catalog.Departments[row.Department];
            var issued = new DesignationDecisionDocument(
                row.Id,
                decision.DocumentNumber,
                now,
                new CodeAndNameRef(department.Code, department.Name),
                DesignationDocuments.ListTypeOf(listType),
                new SubjectRef(row.SubjectId, row.SubjectName, row.SubjectKind.Code()),
                row.Facts,
                decision.Reasons,
                DesignationDocuments.LegalBasisOf(row.LegalBasis, listType),
                // Only measures the notice announced, and that the catalog still applies: nothing the subject was not told of.
                [.. DesignationDocuments.MeasuresFor(catalog, listType.Code).Where(m => row.Measures.Contains(m.Measure))],
                [.. persons.Select(p => new PersonRef(p.Name, p.Role.Code()))],
                new DecisionTermRef(decision.Term.ToString(), decision.EffectiveFrom, decision.ExpiresAt, listType.MaxTerm.ToString()),
                DesignationDocuments.Removal(listType, department, decision.ExpiresAt),
                DesignationDocuments.Remedies(department),
                new ProcedureRef(row.NoticeDocument, row.NoticedAt, row.ObjectionDeadline, statements, today <= row.ObjectionDeadline));
            row.DecisionJson = CanonicalJson.Serialize(issued);
            row.DecidedAt = now;
            row.DecidedBy = caller.Actor;
            return new DesignationChange(next, DesignationEvents.Effective, decision.DocumentNumber, decision.Reasons,
                new Dictionary<string, object?>
                {
                    ["effectiveFrom"] = decision.EffectiveFrom,
                    ["expiresAt"] = decision.ExpiresAt,
                    ["term"] = decision.Term.ToString(),
                    ["statementFiled"] = before.StatementFiled,
                    ["decidedBeforeDeadline"] = today <= row.ObjectionDeadline,
                    ["decisionSha256"] = DesignationTransitions.Sha256(row.DecisionJson),
                });
        }, cancellationToken);

        return new DecidedDesignation(row.Id, row.Status, row.DecisionDocument!, row.EffectiveFrom!.Value, row.ExpiresAt!.Value, row.Term!,
            (JsonObject)JsonNode.Parse(row.DecisionJson!)!);
    }

    /// <summary>
    /// Deciding before the statement period ends needs a statement the subject filed with a credential it obtained
    /// itself (docs/design.md#the-department-never-holds-the-subjects-credential; ADR 0029): one filed with a token a department once held — or before origins were recorded
    /// — does not count, and the decision is refused (409 <c>designation-statement-not-own</c>).
    /// </summary>
    private async Task RequireOwnStatementAsync(Guid designationId, DateOnly deadline, CancellationToken cancellationToken)
    {
        string[] own = [SubjectTokenOrigin.Operator.Code(), SubjectTokenOrigin.Activation.Code()];
        var counted = await db.DesignationStatements.AnyAsync(
            s => s.DesignationId == designationId && s.CredentialOrigin != null && own.Contains(s.CredentialOrigin), cancellationToken);
        if (!counted)
        {
            throw DomainException.Conflict(Codes.StatementNotOwn,
                $"The statement period runs until {deadline:yyyy-MM-dd} and no statement on file was filed by the subject with a credential it obtained itself; decide after the period.");
        }
    }

    /// <summary><c>YYYY-MM-DD</c> (from that day's start in China) or an instant with its offset; anything else is refused.</summary>
    private static DateTimeOffset? RequestedStart(string? value, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        switch (InputRange.ReadInstant(value, out var instant))
        {
            case DateReading.Read:
                return instant;
            case DateReading.OutOfRange:
                // Refused before the term is added to it (ADR 0027).
                errors.Add(InputRange.OutOfRange(Fields.EffectiveFrom, value));
                return null;
        }

        errors.Add(new FieldError(Fields.EffectiveFrom, Codes.EffectiveFromInvalid,
            $"effectiveFrom '{JsonMembers.Shorten(value)}' is neither a date YYYY-MM-DD nor a time with its offset (2026-12-01T09:00:00+08:00)."));
        return null;
    }

    /// <summary>
    /// A designation never takes effect before it is decided: a start earlier today means "now"; an earlier day is
    /// refused, as is a start more than <see cref="MaxDeferral"/> ahead.
    /// </summary>
    private static DateTimeOffset EffectiveFrom(DateTimeOffset? requested, DateTimeOffset now, DateOnly today)
    {
        if (requested is not { } start)
        {
            return now;
        }

        if (ChinaTime.DateOf(start) < today)
        {
            throw DomainException.Invalid(Fields.EffectiveFrom, Codes.EffectiveFromInPast,
                $"effectiveFrom {start:yyyy-MM-dd} is before today in China ({today:yyyy-MM-dd}): a designation does not take effect before it is decided.");
        }

        if (start > MaxDeferral.AddTo(now))
        {
            throw DomainException.Invalid(Fields.EffectiveFrom, Codes.EffectiveFromTooLate,
                $"effectiveFrom may be at most {MaxDeferral} after the decision.");
        }

        return start < now ? now : LedgerChain.Truncate(start);
    }
}
