using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Records;

/// <summary>
/// The decisions of a chunk write and its ledger event, the same for the API (<see cref="SubmitRecords"/>) and the
/// import's bulk path: both call these inside their transaction, under the ledger writers' lock (ADR 0004, 0006).
/// </summary>
internal static class RecordChunkDecisions
{
    /// <summary>
    /// Reads the existing current records of the chunk's numbers with one query and decides every valid item —
    /// <c>created</c>; <c>unchanged</c> when the department already has the number with identical content (stored, or
    /// an earlier item of the chunk); <c>rejected</c> with <c>record-conflict</c> or <c>record-duplicate-in-batch</c>
    /// when the content differs — filling the chunk's outcomes. Returns the rows to create, stamped with
    /// <paramref name="now"/>.
    /// </summary>
    /// <param name="mayExist">Which numbers need looking up (all when absent): the import's first load knows that only
    /// the numbers it created may exist (ADR 0024 §9).</param>
    /// <param name="accepted">The items the chunk creates, by number; emptied before returning, so the import can
    /// keep one for the whole run (ADR 0026 §2).</param>
    public static async Task<List<RecordRow>> DecideAsync(
        PublicCreditDbContext db, string department, ValidatedChunk chunk, Predicate<string>? mayExist,
        Dictionary<string, (int Index, RecordRow Draft)> accepted, CreditCatalog catalog, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (outcomes, valid) = (chunk.Outcomes, chunk.Valid);
        var today = ChinaTime.DateOf(now);

        // A number the chunk repeats is asked for twice, which costs less than a set to remove it (ADR 0026 §2).
        var numbers = new List<string>(valid.Count);
        foreach (var (_, draft) in valid)
        {
            if (mayExist?.Invoke(draft.DocumentNumber) ?? true)
            {
                numbers.Add(draft.DocumentNumber);
            }
        }

        var existing = numbers.Count == 0
            ? []
            : await db.Records.AsNoTracking().Current()
                .Where(r => r.Department == department && EF.Parameter(numbers).Contains(r.DocumentNumber))
                .Select(r => new { r.Id, r.DocumentNumber, r.ContentHash })
                .ToDictionaryAsync(r => r.DocumentNumber, StringComparer.Ordinal, cancellationToken);

        var created = new List<RecordRow>(valid.Count);
        try
        {
            foreach (var (index, draft) in valid)
            {
                if (existing.TryGetValue(draft.DocumentNumber, out var stored))
                {
                    outcomes[index] = string.Equals(stored.ContentHash, draft.ContentHash, StringComparison.Ordinal)
                        ? new SubmissionOutcome(index, stored.Id, SubmissionStatus.Unchanged)
                        : Conflict(index, stored.Id, draft.DocumentNumber);
                }
                else if (accepted.TryGetValue(draft.DocumentNumber, out var earlier))
                {
                    outcomes[index] = string.Equals(earlier.Draft.ContentHash, draft.ContentHash, StringComparison.Ordinal)
                        ? new SubmissionOutcome(index, earlier.Draft.Id, SubmissionStatus.Unchanged)
                        : DuplicateInBatch(index, earlier.Index, draft.DocumentNumber);
                }
                else
                {
                    // Recorded when written; late measured on the day of writing (the validation's day but for a chunk
                    // validated just before midnight).
                    (draft.SubmittedAt, draft.RecordedAt) = (now, now);
                    if (today != chunk.Today)
                    {
                        draft.Late = DoublePublicity.IsLate(catalog.Calendar, draft.DecisionDate, today);
                    }

                    created.Add(draft);
                    accepted[draft.DocumentNumber] = (index, draft);
                    outcomes[index] = new SubmissionOutcome(index, draft.Id, SubmissionStatus.Created);
                }
            }
        }
        finally
        {
            accepted.Clear(); // holds this chunk's rows only
        }

        return created;
    }

    /// <summary>
    /// Appends the chunk's one ledger event — <c>record-created</c> for one row, <c>records-created</c> for several —
    /// and gives the rows its position; a row already past its publicity period is written ended (ADR 0006).
    /// </summary>
    public static async Task<long> AppendEventAsync(
        AppendToLedger ledger, Caller caller, string department, List<RecordRow> created, DateOnly today, CancellationToken cancellationToken)
    {
        var entry = created.Count == 1
            ? new LedgerEntry(SubmitRecords.CreatedEvent, caller.Actor, department, created[0].SubjectId, SubmitRecords.EventPayload(created[0]))
            : new LedgerEntry(SubmitRecords.ChunkCreatedEvent, caller.Actor, department, null, SubmitRecords.ChunkPayload(created));
        var recorded = await ledger.AppendAsync(entry, cancellationToken);
        foreach (var row in created)
        {
            row.LedgerPosition = recorded.Position;
        }

        RecordRows.MarkEndedBeforeWritten(created, recorded.Position, today);
        return recorded.Position;
    }

    private static SubmissionOutcome Conflict(int index, Guid existingId, string documentNumber) =>
        new(index, existingId, SubmissionStatus.Rejected,
        [
            new FieldError(RecordFields.DocumentNumber, RecordProblemCodes.Conflict,
                $"Your department already has record {existingId} for document '{documentNumber}' with different content; " +
                $"to change it, POST the corrected record with a reason to /api/v1/records/{existingId}/corrections."),
        ]);

    private static SubmissionOutcome DuplicateInBatch(int index, int earlierIndex, string documentNumber) =>
        new(index, null, SubmissionStatus.Rejected,
        [
            new FieldError(RecordFields.DocumentNumber, RecordProblemCodes.DuplicateInBatch, string.Create(CultureInfo.InvariantCulture,
                $"Item {earlierIndex} of this batch already has document '{documentNumber}' with different content; a document number identifies one record.")),
        ]);
}
