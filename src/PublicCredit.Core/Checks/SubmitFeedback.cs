using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Checks;

public sealed record FeedbackInput(string? Measure, bool? Applied, string? Note, IReadOnlyList<FieldError> ReadErrors)
{
    public static FeedbackInput Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw DomainException.Invalid("", CheckProblemCodes.BodyInvalid, "The body is a JSON object {measure, applied, note?}.");
        }

        var errors = new List<FieldError>();
        string? Text(string name) => CheckBody.Text(body, name, errors);

        bool? applied = body.TryGetProperty("applied", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : null;
        return new FeedbackInput(Text("measure"), applied, Text("note"), errors);
    }
}

public sealed record FeedbackGiven(Guid Id, Guid CheckId, string Measure, bool Applied);

/// <summary>
/// The checking department reports whether it applied a measure a check returned (docs/api.md
/// <c>POST /api/v1/checks/{checkId}/feedback</c>): only a checker of the department that made the check (403
/// <c>department-scope</c>), only for a measure the check returned (422), once per measure (409); stored with one
/// <c>check-feedback</c> ledger event. The check is found through its inquiry (ADR 0010 §2).
/// </summary>
public sealed class SubmitFeedback(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock)
{
    public const int MaxNote = 2000;
    public const string EventType = CheckFeedbackGiven.EventType;

    public async Task<FeedbackGiven> RunAsync(Caller caller, Guid checkId, FeedbackInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Checker);

        var check = await db.Inquiries.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == checkId && (i.Endpoint == RunCheck.Endpoint || i.Endpoint == RunCheck.BatchEndpoint), cancellationToken)
            ?? throw DomainException.NotFound(CheckProblemCodes.NotFound, $"There is no check {checkId}.");
        caller.RequireDepartment(check.Department ?? "");

        var errors = new List<FieldError>(input.ReadErrors);
        var measure = input.Measure?.Trim();
        var returned = RunCheck.ReturnedMeasures(check.Returned).FirstOrDefault(m => m.Measure == measure);
        if (returned.Measure is null)
        {
            errors.Add(new FieldError("measure", CheckProblemCodes.MeasureNotReturned,
                $"The check did not return '{measure}'; feedback is about a measure the check returned."));
        }

        if (input.Applied is null)
        {
            errors.Add(new FieldError("applied", CheckProblemCodes.AppliedMissing, "'applied' is true or false."));
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > MaxNote })
        {
            errors.Add(new FieldError("note", CheckProblemCodes.NoteTooLong, $"The note is at most {MaxNote} characters."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        if (await db.CheckFeedback.AnyAsync(f => f.CheckId == checkId && f.Measure == measure, cancellationToken))
        {
            throw DomainException.Conflict(CheckProblemCodes.FeedbackGiven, $"Feedback on '{measure}' for this check is already on file.");
        }

        var row = new CheckFeedbackRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            CheckId = checkId,
            Department = check.Department!,
            Actor = caller.Actor,
            Measure = measure!,
            Memorandum = returned.Memorandum,
            Applied = input.Applied!.Value,
            Note = note,
            At = LedgerChain.Truncate(clock.GetUtcNow()),
        };
        var given = new CheckFeedbackGiven(row.Id, checkId, row.Measure, row.Memorandum, row.Applied,
            note is null ? null : DesignationTransitions.Sha256(note));
        var recorded = await ledger.AppendAsync(LedgerEntry.Of(given, caller.Actor, row.Department, check.SubjectId), cancellationToken);
        row.LedgerPosition = recorded.Position;
        db.CheckFeedback.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FeedbackGiven(row.Id, checkId, row.Measure, row.Applied);
    }
}
