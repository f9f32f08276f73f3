using System.Globalization;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
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
}

/// <summary>
/// Submits a chunk of records for the caller's department (docs/api.md#records <c>POST /api/v1/records</c>,
/// <c>/batch</c>; later <c>pcredit import</c>). Validates every item in memory, reads the existing current records of
/// the whole chunk with one query, decides per item — <c>created</c>; <c>unchanged</c> when the department already
/// has the same document number with identical content; <c>rejected</c> when invalid, when the content differs
/// (<c>record-conflict</c>: use a correction) or when an earlier item of the chunk has the same number with other
/// content (<c>record-duplicate-in-batch</c>) — and writes the new records with one ledger event in one transaction,
/// so an item is either fully written with its event or not at all (ADR 0006). The subjects of new records are noted
/// in the same transaction (ADR 0008). With <paramref name="bulk"/> (`pcredit import`, ADR 0011) the records and new
/// subjects of a chunk go through the provider's bulk path instead of the change tracker — the same rows, the same
/// transaction, the same event.
/// </summary>
public sealed class SubmitRecords(
    PublicCreditDbContext db, AppendToLedger ledger, RecordValidator validator, CreditCatalog catalog, TimeProvider clock,
    IEnumerable<IRecordsCommitted>? committed = null, IBulkInsert? bulk = null, ILogger<SubmitRecords>? logger = null)
{
    /// <summary>One record created: its facts, for a reader of the ledger (ADR 0006).</summary>
    public const string CreatedEvent = "record-created";

    /// <summary>Several records created by one chunk: their ids and content hashes, one event per chunk (ADR 0006).</summary>
    public const string ChunkCreatedEvent = "records-created";

    /// <summary>The largest chunk: the API's batch limit, and the import's commit size at most.</summary>
    public const int MaxChunk = 1000;

    /// <summary>
    /// The largest chunk on the bulk path (the import, ADR 0011): fewer, larger transactions, as each commit is a
    /// durable flush; still one all-or-nothing unit per item and a checkpoint per chunk.
    /// </summary>
    public const int MaxBulkChunk = 5000;

    /// <summary>The subjects this run has met (the bulk path only: a long import; ADR 0024 §4).</summary>
    private readonly KnownSubjects? knownSubjects = bulk is null ? null : new KnownSubjects();

    /// <summary>How many subjects the run remembers before it starts over (tests make it small).</summary>
    internal int KnownSubjectsCapacity
    {
        init => knownSubjects = bulk is null ? null : new KnownSubjects(value);
    }

    /// <summary>
    /// The ledger head as this instance last knew it undisturbed: the event it appended last, or the head it read under
    /// the lock after someone else had written. -1 before its first chunk.
    /// </summary>
    private long knownHead = -1;

    /// <summary>The document numbers this run created, while it is a first load of the department (ADR 0024 §9).</summary>
    private CreatedNumbers? firstLoad;

    /// <summary>
    /// The items of the chunk being written that it creates, by document number: a later item with the same number is
    /// unchanged or a duplicate. Kept from chunk to chunk, emptied after each: a chunk of 5000 needs 160 kB, which would
    /// otherwise be large-object garbage of every chunk (ADR 0026 §2).
    /// </summary>
    private readonly Dictionary<string, (int Index, RecordRow Draft)> accepted = new(StringComparer.Ordinal);

    /// <summary>The largest chunk this instance accepts: <see cref="MaxBulkChunk"/> on the bulk path, else <see cref="MaxChunk"/>.</summary>
    public int ChunkLimit => bulk is null ? MaxChunk : MaxBulkChunk;

    public async Task<IReadOnlyList<SubmissionOutcome>> RunAsync(
        Caller caller, IReadOnlyList<RecordInput> inputs, CancellationToken cancellationToken = default) =>
        await WriteAsync(caller, Validate(caller, inputs), cancellationToken: cancellationToken);

    /// <summary>
    /// The first half of <see cref="RunAsync"/>: checks the caller and validates every item in memory, touching no
    /// database — so the import can validate the next chunk while this one is written (ADR 0011).
    /// </summary>
    public ValidatedChunk Validate(Caller caller, IReadOnlyList<RecordInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var validation = BeginValidation(caller, Math.Min(inputs.Count, ChunkLimit));
        if (inputs.Count > validation.Limit)
        {
            throw DomainException.Invalid("", RecordProblemCodes.BatchTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"A batch holds at most {validation.Limit} records; this one has {inputs.Count}. Split it."));
        }

        foreach (var input in inputs)
        {
            validation.Add(input);
        }

        return validation.Complete();
    }

    /// <summary>
    /// <see cref="Validate"/> one item at a time, as the import reads them: each row is validated as soon as it is
    /// read, so what only the validation needs (the row's input and its raw text) dies young instead of waiting in a
    /// chunk of 5000 for the garbage collector to promote it (ADR 0025).
    /// </summary>
    /// <param name="expectedItems">How many items the chunk will hold, if known: its lists are made that size once
    /// rather than grown (a chunk of 5000 grown by doubling ends in arrays past the large-object threshold; ADR 0026 §2).</param>
    public ChunkValidation BeginValidation(Caller caller, int expectedItems = 0)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Recorder);
        _ = caller.Department ?? throw DomainException.Forbidden("department-scope", "A recorder acts for a department.");
        return new ChunkValidation(this, caller, clock.GetUtcNow(), Math.Clamp(expectedItems, 0, ChunkLimit));
    }

    /// <summary>A chunk being validated item by item; <see cref="Complete"/> hands it to <see cref="WriteAsync"/>.</summary>
    public sealed class ChunkValidation
    {
        private readonly SubmitRecords owner;
        private readonly Caller caller;
        private readonly DateTimeOffset now;
        private readonly DateOnly today;
        private readonly List<SubmissionOutcome> outcomes;
        private readonly List<(int Index, RecordRow Draft)> valid;

        internal ChunkValidation(SubmitRecords owner, Caller caller, DateTimeOffset now, int expected)
        {
            (this.owner, this.caller, this.now) = (owner, caller, now);
            today = ChinaTime.DateOf(now);
            (outcomes, valid) = (new(expected), new(expected));
        }

        /// <summary>The most items a chunk may hold (<see cref="ChunkLimit"/>).</summary>
        public int Limit => owner.ChunkLimit;

        /// <summary>How many items have been added.</summary>
        public int Count => outcomes.Count;

        public void Add(RecordInput input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (Count == Limit)
            {
                throw new InvalidOperationException($"A chunk holds at most {Limit} items.");
            }

            var index = Count;
            var (validation, draft) = owner.ValidateItem(input, caller, now, today);
            if (draft is not null)
            {
                valid.Add((index, draft));
                outcomes.Add(null!); // decided when written
            }
            else
            {
                outcomes.Add(new SubmissionOutcome(index, null, SubmissionStatus.Rejected, validation.Errors));
            }
        }

        public ValidatedChunk Complete() => new([.. outcomes], valid, today);
    }

    /// <summary>One item validated, and the row it becomes if it is valid and new.</summary>
    private (RecordValidation Validation, RecordRow? Draft) ValidateItem(RecordInput input, Caller caller, DateTimeOffset now, DateOnly today)
    {
        var validation = validator.Validate(input, today);
        return (validation, validation.Record is { } record ? Draft(record, caller, now, today) : null);
    }

    /// <summary>
    /// The row a valid item becomes if it is new: built with the validation, so the import builds the next chunk's rows
    /// while the previous chunk is written (ADR 0024 §3). <see cref="WriteAsync"/> stamps it with the time of writing.
    /// </summary>
    private RecordRow Draft(ValidRecord record, Caller caller, DateTimeOffset now, DateOnly today) =>
        RecordRow.From(record, Guid.CreateVersion7(now), 1, caller.Department!, now, now, caller.Actor,
            DoublePublicity.IsLate(catalog.Calendar, record.DecisionDate, today), reason: null);

    /// <summary>
    /// The second half of <see cref="RunAsync"/>: decides and writes the valid items of a validated chunk. When the chunk
    /// creates records, <paramref name="beforeCommit"/> runs with the outcomes just before its transaction's last save
    /// and commit, so what it changes in the context commits with the chunk (the import's checkpoint, ADR 0024 §5).
    /// </summary>
    public async Task<IReadOnlyList<SubmissionOutcome>> WriteAsync(
        Caller caller, ValidatedChunk chunk, Func<IReadOnlyList<SubmissionOutcome>, CancellationToken, Task>? beforeCommit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(chunk);
        caller.RequireRole(Role.Recorder);
        var department = caller.Department ?? throw DomainException.Forbidden("department-scope", "A recorder acts for a department.");
        var (outcomes, valid) = (chunk.Outcomes, chunk.Valid);
        if (valid.Count == 0)
        {
            return outcomes;
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Hold the writers' lock from the read of existing numbers to the commit: no other writer can create the same
        // document number in between (ADR 0004: writers are serialised anyway by the ledger).
        await ledger.LockAsync(cancellationToken);
        if (bulk is not null)
        {
            await bulk.BeginChunkAsync(db, cancellationToken);
        }

        // Anyone else's write since our last chunk (the head is not our event) may have created or renamed subjects:
        // what this instance remembers of them no longer holds. From here on this chunk reads everything up to the
        // head it sees, so the next chunk compares with that head.
        if (knownSubjects is not null)
        {
            var head = await ledger.HeadPositionAsync(cancellationToken);
            if (head != knownHead)
            {
                knownSubjects.Clear();

                // A first load: the department had no current record when this run began (ADR 0024 §9). Anyone
                // else's write ends it for the rest of the run.
                firstLoad = knownHead == -1 && !await db.Records.AsNoTracking().Current().AnyAsync(r => r.Department == department, cancellationToken)
                    ? new CreatedNumbers()
                    : null;
                knownHead = head;
            }
        }

        // Only numbers that may exist are looked up: all of them, except in a first load, where only those this run
        // created may (a repeated number in the file, or a hash that happens to match).
        // A number the chunk repeats is asked for twice, which costs less than a set to remove it (ADR 0026 §2).
        var numbers = new List<string>(valid.Count);
        foreach (var (_, draft) in valid)
        {
            if (firstLoad?.MayExist(draft.DocumentNumber) ?? true)
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

        if (created.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcomes;
        }

        var entry = created.Count == 1
            ? new LedgerEntry(CreatedEvent, caller.Actor, department, created[0].SubjectId, EventPayload(created[0]))
            : new LedgerEntry(ChunkCreatedEvent, caller.Actor, department, null, ChunkPayload(created));
        var recorded = await ledger.AppendAsync(entry, cancellationToken);
        foreach (var row in created)
        {
            row.LedgerPosition = recorded.Position;
        }

        RecordRows.MarkEndedBeforeWritten(created, recorded.Position, today);
        if (bulk is null)
        {
            db.Records.AddRange(created);
        }
        else
        {
            await bulk.InsertAsync(db, created, cancellationToken);
        }

        var learned = await SubjectRegister.NoteAsync(db, created, cancellationToken, bulk, knownSubjects);
        if (beforeCommit is not null)
        {
            await beforeCommit(outcomes, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        knownHead = recorded.Position;

        // Committed: the run may now rely on what it wrote (a subject it already knew as it is needs no remembering).
        foreach (var subject in learned)
        {
            knownSubjects?.Remember(subject.SubjectId, subject.SubjectName);
        }

        foreach (var row in created)
        {
            firstLoad?.Add(row.DocumentNumber);
        }

        if (firstLoad is { IsFull: true })
        {
            firstLoad = null; // constant memory: past its capacity the run looks every number up again
        }

        // A failing observer never turns the committed chunk into an error answer (ADR 0027 §2).
        AfterCommit.Tell(committed, observer => observer.Committed(created), logger);

        // A long import reuses this context chunk after chunk; written rows need no tracking.
        db.ChangeTracker.Clear();
        return outcomes;
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
        severity = row.Severity is { } s ? RecordCodes.Of(s) : null,
        decisionDate = row.DecisionDate,
        publicUntil = row.PublicUntil,
        published = row.Published,
        late = row.Late,
        contentHash = row.ContentHash,
    };

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

/// <summary>A chunk validated by <see cref="SubmitRecords.Validate"/>: the rejections so far and the valid items to write.</summary>
public sealed class ValidatedChunk
{
    internal ValidatedChunk(SubmissionOutcome[] outcomes, List<(int Index, RecordRow Draft)> valid, DateOnly today) =>
        (Outcomes, Valid, Today) = (outcomes, valid, today);

    internal SubmissionOutcome[] Outcomes { get; }

    /// <summary>
    /// The valid items as the rows they become if they are new (drafts: not yet stamped with the time of writing). The
    /// draft holds all the writing needs, so the validated record dies with the validation (ADR 0026 §2).
    /// </summary>
    internal List<(int Index, RecordRow Draft)> Valid { get; }

    /// <summary>The day (China time) the drafts' late flags were measured on.</summary>
    internal DateOnly Today { get; }
}

/// <summary>
/// The document numbers a run has created in a department that had no current record when it began (ADR 0024 §9), as a
/// Bloom filter of fixed size (ADR 0026 §3): while nobody else writes, a number it does not hold cannot exist, so it
/// need not be looked up. A number it holds may exist — the file repeats it, or its bits were set by other numbers
/// (about 1 in 1,000 at a million numbers, 1 in 50 at capacity) — and is looked up as always, so a false positive
/// costs one lookup, never a wrong answer. 8 bits per number of capacity: 2 MB for 2,097,152 numbers, allocated once
/// (a hash set of the numbers' hashes grew to 28 MB at a million, copying itself on the way).
/// </summary>
internal sealed class CreatedNumbers
{
    public const int DefaultCapacity = 1 << 21;

    private const int Probes = 6;

    private readonly ulong[] bits;
    private readonly ulong mask;
    private readonly int capacity;
    private int count;

    public CreatedNumbers(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.capacity = capacity;
        var size = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(64, capacity * 8L));
        bits = new ulong[size / 64];
        mask = size - 1;
    }

    /// <summary>Numbers added that the filter did not already hold.</summary>
    public bool IsFull => count >= capacity;

    public bool MayExist(string documentNumber)
    {
        var (first, step) = Hash(documentNumber);
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = (first + ((ulong)probe * step)) & mask;
            if ((bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public void Add(string documentNumber)
    {
        var (first, step) = Hash(documentNumber);
        var added = false;
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = (first + ((ulong)probe * step)) & mask;
            ref var word = ref bits[bit >> 6];
            var flag = 1UL << (int)(bit & 63);
            added |= (word & flag) == 0;
            word |= flag;
        }

        if (added)
        {
            count++;
        }
    }

    /// <summary>Two probe sequences from one 64-bit hash (Kirsch–Mitzenmacher); the step is odd, so it visits distinct bits.</summary>
    private static (ulong First, ulong Step) Hash(string text)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
        return (hash & 0xFFFF_FFFF, (hash >> 32) | 1);
    }
}
