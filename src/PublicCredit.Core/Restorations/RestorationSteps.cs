using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

/// <summary>What one step (accept or decide) did, and whether it came after its deadline.</summary>
public sealed record RestorationStep(Guid Id, RestorationStatus Status, DateTimeOffset At, bool Late);

/// <summary>
/// What the accept and decide steps share (ADR 0014 §3): the reviewer of the owning department only, the outcome
/// (<c>accepted</c> / <c>granted</c>) required, reasons required for a refusal (the subject is told why, docs/domain.md#objections-and-restoration),
/// and each step one ledger event whose payload names the application and its target by id, with the reasons hashed.
/// </summary>
internal static class RestorationSteps
{
    public const string Accept = "accept";
    public const string Decide = "decide";

    /// <summary>The step's outcome and normalised reasons, or a 422 naming what is missing.</summary>
    public static (bool Outcome, string? Reasons) Read(RestorationStepInput input, string outcomeField)
    {
        var errors = new List<FieldError>(input.ReadErrors);
        var reasons = new DesignationText(errors, RestorationText.Codes).Optional(RestorationJson.Reasons, input.Reasons, DesignationFields.MaxLongText);
        if (input.Outcome is null && !errors.Exists(e => e.Field == outcomeField))
        {
            errors.Add(new FieldError(outcomeField, Codes.OutcomeMissing, $"Say whether the application is {outcomeField}: true or false."));
        }

        if (input.Outcome == false && reasons is null && !errors.Exists(e => e.Field == RestorationJson.Reasons))
        {
            errors.Add(new FieldError(RestorationJson.Reasons, Codes.ReasonsMissing, "A refusal states its reasons, which the subject is told (docs/domain.md#objections-and-restoration)."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        return (input.Outcome!.Value, reasons);
    }

    /// <summary>Loads the application for a step by a reviewer of its department (404 unknown, 403 another department).</summary>
    public static async Task<RestorationRow> LoadAsync(PublicCreditDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Restorations.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw NotFound(id);
        caller.RequireDepartment(row.Department);
        return row;
    }

    public static void RequireStatus(RestorationRow row, RestorationStatus status, string code) 
    {
        if (row.Status != status)
        {
            throw DomainException.Conflict(code, $"The application is {row.Status.Code()}; this step needs it {status.Code()}.");
        }
    }

    /// <summary>The payload of every step event: ids, step, outcome, hash of the reasons, lateness (ADR 0009 §4 style).</summary>
    public static Dictionary<string, object?> Payload(RestorationRow row, string step, bool outcome, string? reasons, bool late) => new(StringComparer.Ordinal)
    {
        ["restorationId"] = row.Id,
        ["designationId"] = row.DesignationId,
        ["recordId"] = row.RecordId,
        ["step"] = step,
        ["outcome"] = outcome,
        ["reasonsSha256"] = reasons is null ? null : DesignationTransitions.Sha256(reasons),
        ["late"] = late,
    };

    /// <summary>The same payload as a typed event, for the step events that are not designation transitions (ADR 0040).</summary>
    public static RestorationStepTaken Step(RestorationRow row, string step, bool outcome, string? reasons, bool late) =>
        new(row.Id, row.DesignationId, row.RecordId, step, outcome, reasons is null ? null : DesignationTransitions.Sha256(reasons), late);

    /// <summary>Appends one step event and stores the application with it, under the ledger lock the caller holds.</summary>
    public static async Task<LedgerEventRow> RecordAsync(
        AppendToLedger ledger, RestorationRow row, string type, string actor, RestorationStepTaken payload, CancellationToken cancellationToken)
    {
        var recorded = await ledger.AppendAsync(new LedgerEntry(type, actor, row.Department, row.SubjectId, payload), cancellationToken);
        row.LedgerPosition = recorded.Position;
        return recorded;
    }

    public static bool IsLate(DateTimeOffset now, DateOnly deadline) => ChinaTime.DateOf(now) > deadline;

    public static DomainException NotFound(Guid id) => DomainException.NotFound(Codes.NotFound, $"There is no restoration application {id}.");
}
