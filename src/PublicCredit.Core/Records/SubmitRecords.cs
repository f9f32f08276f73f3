using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Records;

public enum SubmissionStatus
{
    Created,
    Unchanged,
    Rejected,
}

/// <summary>What happened to item <see cref="Index"/> of a chunk. <see cref="Id"/> is the record's id when it exists
/// (created, unchanged, or the existing record a conflicting item collides with).</summary>
public sealed record SubmissionOutcome(int Index, Guid? Id, SubmissionStatus Status, IReadOnlyList<FieldError>? Errors = null)
{
    /// <summary>Rejected because the department already has a different record under this document number.</summary>
    public bool IsConflict => Errors is { } errors && errors.Any(e => e.Code == RecordProblemCodes.Conflict);

    /// <summary>Rejected because the caller's department is not among the category's providers (docs/catalog.md#providers-and-sharing).</summary>
    public FieldError? NotProvided => Errors?.FirstOrDefault(e => e.Code == RecordProblemCodes.CategoryNotProvided);
}

/// <summary>
/// Submits a batch of records for the caller's department (docs/api.md#records <c>POST /api/v1/records</c>, <c>/batch</c>; the console's
/// record form): validates every item in memory (<see cref="ChunkValidation"/>), reads the existing current records of
/// the whole batch with one query, decides per item — <c>created</c>; <c>unchanged</c> when the department already has
/// the same document number with identical content; <c>rejected</c> when invalid, when the content differs
/// (<c>record-conflict</c>: use a correction) or when an earlier item of the batch has the same number with other
/// content (<c>record-duplicate-in-batch</c>) — and writes the new records with one ledger event in one transaction,
/// so an item is either fully written with its event or not at all (ADR 0006). The subjects of new records are noted
/// in the same transaction (ADR 0008). The import makes the same decisions through its own bulk writer
/// (<c>RecordChunkWriter</c>, ADR 0011, 0041).
/// </summary>
public sealed class SubmitRecords(
    PublicCreditDbContext db, AppendToLedger ledger, RecordValidator validator, CreditCatalog catalog, TimeProvider clock,
    IEnumerable<IRecordsCommitted>? committed = null, ILogger<SubmitRecords>? logger = null)
{
    /// <summary>One record created: its facts, for a reader of the ledger (ADR 0006).</summary>
    public const string CreatedEvent = RecordCreated.EventType;

    /// <summary>Several records created by one chunk: their ids and content hashes, one event per chunk (ADR 0006).</summary>
    public const string ChunkCreatedEvent = RecordsCreated.EventType;

    /// <summary>The largest batch of the API, and of the console upload's chunks.</summary>
    public const int MaxChunk = 1000;

    public async Task<IReadOnlyList<SubmissionOutcome>> RunAsync(
        Caller caller, IReadOnlyList<RecordInput> inputs, CancellationToken cancellationToken = default)
    {
        var chunk = ChunkValidation.All(caller, inputs, validator, catalog, clock.GetUtcNow(), MaxChunk);
        var department = caller.Department!; // checked by the validation
        if (chunk.Valid.Count == 0)
        {
            return chunk.Outcomes;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Hold the writers' lock from the read of existing numbers to the commit: no other writer can create the same
        // document number in between (ADR 0004: writers are serialised anyway by the ledger).
        await ledger.LockAsync(cancellationToken);
        var created = await RecordChunkDecisions.DecideAsync(
            db, department, chunk, mayExist: null, new Dictionary<string, (int, RecordRow)>(StringComparer.Ordinal), catalog, now, cancellationToken);
        if (created.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return chunk.Outcomes;
        }

        await RecordChunkDecisions.AppendEventAsync(ledger, caller, department, created, ChinaTime.DateOf(now), cancellationToken);
        db.Records.AddRange(created);
        await SubjectRegister.NoteAsync(db, RecordRows.NotedSubjects(created), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // A failing observer never turns the committed chunk into an error answer (ADR 0027 §2).
        AfterCommit.Tell(committed, observer => observer.Committed(created), logger);
        db.ChangeTracker.Clear();
        return chunk.Outcomes;
    }

    /// <summary>
    /// The payload of a <see cref="ChunkCreatedEvent"/>: <c>{"count":n,"records":[{"contentHash":…,"id":…},…]}</c>,
    /// written directly in canonical member order (ADR 0017) — the same text as
    /// <c>CanonicalJson.Serialize(new { count, records = rows.Select(r => new { id, contentHash }) })</c>.
    /// </summary>
    internal static CanonicalText ChunkPayload(IReadOnlyCollection<RecordRow> rows)
    {
        using var buffer = new PooledBytes(64 + (rows.Count * 112));
        using (var writer = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", rows.Count);
            writer.WriteStartArray("records");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("contentHash", row.ContentHash);
                writer.WriteString("id", row.Id);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new CanonicalText(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The ledger payload describing one version: no personal data beyond the event's subject column.</summary>
    internal static object EventPayload(RecordRow row) => new
    {
        id = row.Id,
        version = row.Version,
        documentNumber = row.DocumentNumber,
        category = row.Category,
        severity = row.Severity is { } s ? s.Code() : null,
        decisionDate = row.DecisionDate,
        publicUntil = row.PublicUntil,
        published = row.Published,
        late = row.Late,
        contentHash = row.ContentHash,
    };
}
