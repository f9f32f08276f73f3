using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Bench.ImportBench;

/// <summary>Where one import's time went, phase by phase.</summary>
internal sealed record PhaseProfile(IReadOnlyList<(string Phase, TimeSpan Time)> Phases, long Rows, long Created, TimeSpan Wall, int Gen0, int Gen1, int Gen2, TimeSpan GcPause);

/// <summary>
/// A Stopwatch-instrumented copy of what <see cref="ImportRecords.RunAsync"/> and <see cref="SubmitRecords.RunAsync"/>
/// do for a fresh CSV import (no resume, no rejected rows), step for step with the same public types, so the time of
/// each phase can be read without touching the production code. It follows the code as of this benchmark: if the
/// import changes (it will — this is what it is measured for), compare <see cref="PhaseProfile.Wall"/> with a run of
/// the real <see cref="ImportRecords"/> on the same file, which the <c>import-phases</c> command prints beside it.
/// Since ADR 0011 it writes through the provider's bulk path in chunks of <see cref="SubmitRecords.MaxBulkChunk"/>,
/// sequentially: the real import also registers subjects (internal to Core) and validates one chunk ahead of writing.
/// </summary>
internal static class ImportPhases
{
    public const string FileHash = "file SHA-256 (resume key)";
    public const string Read = "read: frame, UTF-8 decode, CSV split";
    public const string Map = "map row to RecordInput";
    public const string Validate = "validate (RecordValidator, without hash)";
    public const string Hash = "content hash (RecordContentHash)";
    public const string Begin = "begin transaction + writers' lock";
    public const string Lookup = "lookup of existing document numbers";
    public const string Decide = "decide, late flag, build RecordRow";
    public const string Ledger = "ledger append (head read, JSON, hash)";
    public const string Insert = "insert rows (bulk) + event (SaveChanges)";
    public const string Commit = "commit";
    public const string Clear = "change tracker clear";
    public const string Checkpoint = "checkpoint (import_runs) + rejections flush";

    private static readonly string[] Order = [FileHash, Read, Map, Validate, Hash, Begin, Lookup, Decide, Ledger, Insert, Commit, Clear, Checkpoint];

    public static async Task<PhaseProfile> RunAsync(
        DatabaseTarget target, CreditCatalog catalog, string file, string department, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var spent = Order.ToDictionary(p => p, _ => 0L, StringComparer.Ordinal);
        var (gen0, gen1, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var wall = Stopwatch.GetTimestamp();

        await using var db = StorageServices.CreateContext(target);
        var ledger = new AppendToLedger(db, clock);
        var bulk = StorageServices.CreateBulkInsert(target);
        var validator = new RecordValidator(catalog);
        var caller = Caller.Staff($"import:{Path.GetFileName(file)}", Role.Recorder, department);

        var t = Stopwatch.GetTimestamp();
        string sha;
        await using (var hashed = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashed, cancellationToken));
        }

        Add(FileHash, ref t);

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var reader = ImportFileReader.Open(stream, ImportFormat.Csv);
        var now = clock.GetUtcNow();
        var run = new ImportRunRow
        {
            Id = Guid.CreateVersion7(now),
            Department = department,
            FileSha256 = sha,
            FileName = Path.GetFileName(file),
            FileSize = new FileInfo(file).Length,
            ResumeOffset = reader.DataStartOffset,
            ResumeLine = 2,
            StartedAt = now,
            UpdatedAt = now,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await using var rejections = new StreamWriter(file + ".phases.rejected.csv", append: false) { NewLine = "\n" };
        await rejections.WriteLineAsync(ImportRecords.RejectionHeader);
        Add(Checkpoint, ref t);

        var chunk = new List<ValidRecord>(SubmitRecords.MaxBulkChunk);
        long rows = 0, created = 0, lastEnd = reader.DataStartOffset, nextLine = 2;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        using var rowsRead = reader.ReadRows().GetEnumerator();
        while (true)
        {
            t = Stopwatch.GetTimestamp();
            var more = rowsRead.MoveNext();
            Add(Read, ref t);
            if (!more)
            {
                break;
            }

            var (row, problem) = rowsRead.Current;
            rows++;
            if (problem is not null)
            {
                throw new InvalidOperationException($"line {problem.Line}: {problem.Code}: {problem.Message} (the benchmark's file has no bad rows)");
            }

            var input = ImportRowMapper.ToInput(row!, reader.ImpliedCategory, department);
            Add(Map, ref t);

            // ValidRecord computes its hash in its constructor; hashing again here measures that share, which is
            // then moved from the validation phase to the hash phase.
            var validation = validator.Validate(input, today);
            var validated = Stopwatch.GetTimestamp();
            var record = validation.Record ?? throw new InvalidOperationException(
                $"line {row!.Line}: {string.Join("; ", validation.Errors.Select(e => e.Code))} (the benchmark's file has no invalid rows)");
            _ = RecordContentHash.Compute(record);
            var hashTicks = Stopwatch.GetTimestamp() - validated;
            spent[Validate] += validated - t - hashTicks;
            spent[Hash] += hashTicks;

            chunk.Add(record);
            (lastEnd, nextLine) = (row!.EndOffset, row.Line + 1);
            if (chunk.Count == SubmitRecords.MaxBulkChunk)
            {
                created += await CommitAsync();
            }
        }

        created += await CommitAsync();
        t = Stopwatch.GetTimestamp();
        run.Completed = true;
        await SaveRunAsync();
        Add(Checkpoint, ref t);

        var phases = Order.Select(p => (p, Stopwatch.GetElapsedTime(0, spent[p]))).ToList();
        return new PhaseProfile(phases, rows, created, Stopwatch.GetElapsedTime(wall),
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - pause);

        void Add(string phase, ref long since)
        {
            var at = Stopwatch.GetTimestamp();
            spent[phase] += at - since;
            since = at;
        }

        async Task SaveRunAsync()
        {
            run.UpdatedAt = clock.GetUtcNow();
            if (db.Entry(run).State == EntityState.Detached)
            {
                db.ImportRuns.Update(run);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // SubmitRecords.RunAsync after its validation loop, then ImportRecords' checkpoint.
        async Task<long> CommitAsync()
        {
            var t = Stopwatch.GetTimestamp();
            var made = 0;
            if (chunk.Count > 0)
            {
                var at = clock.GetUtcNow();
                var on = ChinaTime.DateOf(at);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await ledger.LockAsync(cancellationToken);
                await bulk.BeginChunkAsync(db, cancellationToken);
                Add(Begin, ref t);

                var numbers = chunk.Select(r => r.DocumentNumber).Distinct(StringComparer.Ordinal).ToList();
                var existing = await db.Records.AsNoTracking().Current()
                    .Where(r => r.Department == department && EF.Parameter(numbers).Contains(r.DocumentNumber))
                    .Select(r => new { r.Id, r.DocumentNumber, r.ContentHash })
                    .ToDictionaryAsync(r => r.DocumentNumber, StringComparer.Ordinal, cancellationToken);
                Add(Lookup, ref t);

                var accepted = new HashSet<string>(StringComparer.Ordinal);
                var rowsToWrite = new List<RecordRow>(chunk.Count);
                foreach (var record in chunk)
                {
                    if (existing.ContainsKey(record.DocumentNumber) || !accepted.Add(record.DocumentNumber))
                    {
                        continue; // unchanged or conflicting: not in the benchmark's file, nothing to write
                    }

                    rowsToWrite.Add(NewRow(record, at, caller.Actor, department, DoublePublicity.IsLate(catalog.Calendar, record.DecisionDate, on)));
                }

                Add(Decide, ref t);
                if (rowsToWrite.Count > 0)
                {
                    var entry = rowsToWrite.Count == 1
                        ? new LedgerEntry(SubmitRecords.CreatedEvent, caller.Actor, department, rowsToWrite[0].SubjectId, EventPayload(rowsToWrite[0]))
                        : new LedgerEntry(SubmitRecords.ChunkCreatedEvent, caller.Actor, department, null, new
                        {
                            count = rowsToWrite.Count,
                            records = rowsToWrite.Select(r => new { id = r.Id, contentHash = r.ContentHash }),
                        });
                    var recorded = await ledger.AppendAsync(entry, cancellationToken);
                    foreach (var written in rowsToWrite)
                    {
                        written.LedgerPosition = recorded.Position;
                    }

                    Add(Ledger, ref t);
                    await bulk.InsertAsync(db, rowsToWrite, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    Add(Insert, ref t);
                    await transaction.CommitAsync(cancellationToken);
                    Add(Commit, ref t);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                    Add(Commit, ref t);
                }

                db.ChangeTracker.Clear();
                Add(Clear, ref t);
                made = rowsToWrite.Count;
                chunk.Clear();
            }

            await rejections.FlushAsync(cancellationToken);
            run.ResumeOffset = lastEnd;
            run.ResumeLine = nextLine;
            run.Created += made;
            await SaveRunAsync();
            Add(Checkpoint, ref t);
            return made;
        }
    }

    /// <summary>As <c>RecordRow.From</c> (internal to Core) builds version 1 of a submitted record.</summary>
    private static RecordRow NewRow(ValidRecord record, DateTimeOffset now, string actor, string department, bool? late) => new()
    {
        Id = Guid.CreateVersion7(now),
        Version = 1,
        Department = department,
        DocumentNumber = record.DocumentNumber,
        Category = record.Category.Code,
        SubjectId = record.Subject.Value,
        SubjectKind = record.Subject.Kind,
        SubjectName = record.SubjectName,
        DecisionDate = record.DecisionDate,
        Severity = record.Severity,
        LegalBasis = record.LegalBasis,
        Facts = record.Facts,
        Content = record.Content,
        Amount = record.Amount,
        LegalRepresentative = record.LegalRepresentative,
        PublicUntil = record.PublicUntil,
        Published = record.Published,
        Late = late,
        SubmittedAt = now,
        RecordedAt = now,
        RecordedBy = actor,
        ContentHash = record.ContentHash,
    };

    /// <summary>As <c>SubmitRecords.EventPayload</c> (internal): the single-record event of a chunk that created one.</summary>
    private static object EventPayload(RecordRow row) => new
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

    /// <summary>Formats a profile as an aligned table; shares are of the sum of the phases.</summary>
    public static IEnumerable<string> Describe(PhaseProfile profile)
    {
        var total = profile.Phases.Sum(p => p.Time.TotalSeconds);
        yield return string.Create(CultureInfo.InvariantCulture, $"    {"phase",-46} {"seconds",8} {"share",7} {"µs/row",8}");
        foreach (var (phase, time) in profile.Phases)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    {phase,-46} {time.TotalSeconds,8:0.00} {time.TotalSeconds / total,7:0.0%} {time.TotalMicroseconds / Math.Max(1, profile.Rows),8:0.0}");
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"    {"sum of phases",-46} {total,8:0.00} {1,7:0.0%} {total * 1e6 / Math.Max(1, profile.Rows),8:0.0}");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"    GC during the run: gen0 {profile.Gen0}, gen1 {profile.Gen1}, gen2 {profile.Gen2}, pauses {profile.GcPause.TotalSeconds:0.00} s (inside the phases above; {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
    }
}
