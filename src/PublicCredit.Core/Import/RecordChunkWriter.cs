using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Time;

namespace PublicCredit.Import;

/// <summary>
/// The import's write path (ADR 0011, 0041): writes one validated chunk through the provider's bulk path — binary
/// <c>COPY</c> on PostgreSQL, one prepared <c>INSERT</c> on SQLite — making the same decisions as
/// <see cref="SubmitRecords"/> (the same rows, the same ledger event), and commits it with the import's checkpoint in
/// one transaction (ADR 0024 §5). <see cref="WriteAsync"/> leaves the chunk's transaction open with its outcomes, so
/// the caller can write its rejections and move its checkpoint before <see cref="WrittenChunk.CommitAsync"/>.
/// <para>
/// One writer serves one run, chunk after chunk, on one context, and carries what a long run learns (ADR 0024 §4, §9):
/// the subjects it has written, and — while it is a first load of the department — the numbers it created. Anyone
/// else's write (the ledger head is not the writer's own event) makes it forget both.
/// </para>
/// </summary>
public sealed class RecordChunkWriter(
    PublicCreditDbContext db, AppendToLedger ledger, RecordValidator validator, CreditCatalog catalog, TimeProvider clock,
    IBulkInsert bulk, IEnumerable<IRecordsCommitted>? committed = null, ILogger<RecordChunkWriter>? logger = null)
{
    /// <summary>
    /// The largest chunk: fewer, larger transactions than the API's batches, as each commit is a durable flush; still
    /// one all-or-nothing unit per item and a checkpoint per chunk (ADR 0011).
    /// </summary>
    public const int MaxChunk = 5000;

    /// <summary>The subjects this run has met (ADR 0024 §4).</summary>
    private readonly KnownSubjects knownSubjects = new();

    /// <summary>How many subjects the run remembers before it starts over (tests make it small).</summary>
    internal int KnownSubjectsCapacity
    {
        init => knownSubjects = new KnownSubjects(value);
    }

    /// <summary>
    /// The ledger head as this writer last knew it undisturbed: the event it appended last, or the head it read under
    /// the lock after someone else had written. -1 before its first chunk.
    /// </summary>
    private long knownHead = -1;

    /// <summary>The document numbers this run created, while it is a first load of the department (ADR 0024 §9).</summary>
    private CreatedNumbers? firstLoad;

    /// <summary>
    /// The items of the chunk being written that it creates, by document number. Kept from chunk to chunk, emptied
    /// after each: a chunk of 5000 needs 160 kB, which would otherwise be large-object garbage of every chunk (ADR 0026 §2).
    /// </summary>
    private readonly Dictionary<string, (int Index, RecordRow Draft)> accepted = new(StringComparer.Ordinal);

    /// <summary>Where the writing side's time goes, when the run is measured (<see cref="ImportRequest.Phases"/>).</summary>
    internal ImportPhaseTimes? Phases { get; set; }

    /// <summary>Opens a chunk to validate item by item, as the import reads them (ADR 0025): checks the caller first.</summary>
    /// <param name="expectedItems">How many items the chunk will hold, if known (ADR 0026 §2).</param>
    public ChunkValidation BeginValidation(Caller caller, int expectedItems = 0) =>
        ChunkValidation.Begin(caller, validator, catalog, clock.GetUtcNow(), MaxChunk, expectedItems);

    /// <summary>Validates a whole chunk at once; more than <see cref="MaxChunk"/> items is <c>record-batch-too-large</c>.</summary>
    public ValidatedChunk Validate(Caller caller, IReadOnlyList<RecordInput> inputs) =>
        ChunkValidation.All(caller, inputs, validator, catalog, clock.GetUtcNow(), MaxChunk);

    /// <summary>
    /// Decides and writes the valid items of a validated chunk inside a transaction that stays open: the caller reads
    /// the outcomes, then commits (with its checkpoint) or disposes the result, which rolls everything back. A chunk
    /// that creates nothing holds no transaction.
    /// </summary>
    public async Task<WrittenChunk> WriteAsync(Caller caller, ValidatedChunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(chunk);
        caller.RequireRole(Role.Recorder);
        var department = caller.Department ?? throw Errors.DomainException.Forbidden(AccessProblemCodes.DepartmentScope, "A recorder acts for a department.");
        if (chunk.Valid.Count == 0)
        {
            return new WrittenChunk(this, chunk.Outcomes);
        }

        var phases = Phases;
        var t = ImportPhaseTimes.Start(phases);
        var now = clock.GetUtcNow();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Hold the writers' lock from the read of existing numbers to the commit: no other writer can create the
            // same document number in between (ADR 0004).
            await ledger.LockAsync(cancellationToken);
            await bulk.BeginChunkAsync(db, cancellationToken);

            // Anyone else's write since our last chunk (the head is not our event) may have created or renamed
            // subjects: what this writer remembers of them no longer holds. From here on this chunk reads everything
            // up to the head it sees, so the next chunk compares with that head.
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

            t = ImportPhaseTimes.Mark(phases, ImportPhase.Begin, t);

            // Only numbers that may exist are looked up: all of them, except in a first load, where only those this
            // run created may (a repeated number in the file, or a hash that happens to match).
            var created = await RecordChunkDecisions.DecideAsync(
                db, department, chunk, firstLoad is { } load ? load.MayExist : null, accepted, catalog, now, cancellationToken);
            t = ImportPhaseTimes.Mark(phases, ImportPhase.Decide, t);
            if (created.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
                return new WrittenChunk(this, chunk.Outcomes);
            }

            var position = await RecordChunkDecisions.AppendEventAsync(ledger, caller, department, created, ChinaTime.DateOf(now), cancellationToken);
            t = ImportPhaseTimes.Mark(phases, ImportPhase.Ledger, t);
            await bulk.InsertAsync(db, created, cancellationToken);
            t = ImportPhaseTimes.Mark(phases, ImportPhase.Insert, t);
            var learned = await SubjectRegister.NoteAsync(db, RecordRows.NotedSubjects(created), cancellationToken, bulk, knownSubjects);
            ImportPhaseTimes.Mark(phases, ImportPhase.Subjects, t);
            return new WrittenChunk(this, chunk.Outcomes, transaction, created, position, learned);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Saves what the context tracks (the chunk's event, the checkpoint) and commits; then the run may rely on what it wrote.</summary>
    private async Task CommitAsync(WrittenChunk chunk, ImportRunRow? checkpoint, CancellationToken cancellationToken)
    {
        var t = ImportPhaseTimes.Start(Phases);
        await CommitChunkAsync(chunk, checkpoint, cancellationToken);
        ImportPhaseTimes.Mark(Phases, ImportPhase.Commit, t);
    }

    private async Task CommitChunkAsync(WrittenChunk chunk, ImportRunRow? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null)
        {
            checkpoint.UpdatedAt = clock.GetUtcNow();
            if (db.Entry(checkpoint).State == EntityState.Detached)
            {
                db.ImportRuns.Update(checkpoint);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (chunk.Transaction is null)
        {
            return; // nothing created: the checkpoint alone
        }

        await chunk.Transaction.CommitAsync(cancellationToken);
        knownHead = chunk.Position;

        // Committed: a subject it already knew as it is needs no remembering.
        foreach (var subject in chunk.Learned)
        {
            knownSubjects.Remember(subject.SubjectId, subject.SubjectName);
        }

        foreach (var row in chunk.Created)
        {
            firstLoad?.Add(row.DocumentNumber);
        }

        if (firstLoad is { IsFull: true })
        {
            firstLoad = null; // constant memory: past its capacity the run looks every number up again
        }

        // A failing observer never turns the committed chunk into an error (ADR 0027 §2).
        var created = chunk.Created;
        AfterCommit.Tell(committed, observer => observer.Committed(created), logger);

        // A long import reuses this context chunk after chunk; written rows need no tracking.
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A chunk written by <see cref="WriteAsync"/> and not yet committed: its <see cref="Outcomes"/>, and the open
    /// transaction, if it creates anything. Disposed uncommitted, it rolls back.
    /// </summary>
    public sealed class WrittenChunk : IAsyncDisposable
    {
        private readonly RecordChunkWriter writer;

        internal WrittenChunk(
            RecordChunkWriter writer, IReadOnlyList<SubmissionOutcome> outcomes, IDbContextTransaction? transaction = null,
            IReadOnlyList<RecordRow>? created = null, long position = 0, IReadOnlyList<SubjectRegister.Noted>? learned = null) =>
            (this.writer, Outcomes, Transaction, Created, Position, Learned) = (writer, outcomes, transaction, created ?? [], position, learned ?? []);

        /// <summary>What happened to each item of the chunk, by index.</summary>
        public IReadOnlyList<SubmissionOutcome> Outcomes { get; }

        internal IDbContextTransaction? Transaction { get; }

        internal IReadOnlyList<RecordRow> Created { get; }

        internal long Position { get; }

        internal IReadOnlyList<SubjectRegister.Noted> Learned { get; }

        /// <summary>
        /// Commits the chunk with <paramref name="checkpoint"/> (the run's row as the caller has moved it past the
        /// chunk): both or neither. A chunk that creates nothing saves the checkpoint alone.
        /// </summary>
        public Task CommitAsync(ImportRunRow? checkpoint = null, CancellationToken cancellationToken = default) =>
            writer.CommitAsync(this, checkpoint, cancellationToken);

        public ValueTask DisposeAsync() => Transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
