using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;

namespace PublicCredit.Import;

/// <param name="Actor">Who the ledger names for the records (the uploading key on the console); <c>import:&lt;file&gt;</c> when absent.</param>
public sealed record ImportRequest(string FilePath, ImportFormat Format, string Department, int ChunkSize = RecordChunkWriter.MaxChunk, string? Actor = null)
{
    /// <summary>When given, the run adds the time of each of its phases to it (the benchmark's <c>import-phases</c>).</summary>
    public ImportPhaseTimes? Phases { get; init; }
}

/// <summary>
/// Where an import stands: reported once when its run is open (a resumed run at its checkpoint, <see cref="Rows"/> 0),
/// then after every committed chunk. <see cref="Rows"/> counts the rows read by this call; the other counts are the
/// run's, resumed parts included. <see cref="RunId"/> is the <see cref="ImportRunRow"/> (the console's progress page).
/// </summary>
public sealed record ImportProgress(long BytesDone, long BytesTotal, long Rows, long Created, long Unchanged, long Rejected, Guid RunId = default);

public sealed record ImportSummary(long Created, long Unchanged, long Rejected, long ResumedAtLine, string RejectionFile)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"created={Created} unchanged={Unchanged} rejected={Rejected}");
}

/// <summary>
/// The import, one pipeline for every host — `pcredit import`, the console upload, the benchmark (ADR 0041): reads a
/// CSV or NDJSON file, validates it chunk by chunk one chunk ahead of writing, and writes each chunk through the
/// <see cref="RecordChunkWriter"/> — the same validation, decisions and idempotency as the API — writing every rejected
/// row with its line, field, code and message to <c>&lt;file&gt;.rejected.csv</c> and committing a checkpoint with each
/// chunk, so a killed run resumes where it stopped. Memory is constant: a few chunks of rows at a time.
/// </summary>
public sealed class ImportPipeline(PublicCreditDbContext db, RecordChunkWriter writer, CreditCatalog catalog, TimeProvider clock) : IAsyncDisposable
{
    public const string RejectionHeader = "row,documentNumber,field,code,message";

    /// <summary>
    /// A chunk also closes after this many bytes of the file, so the memory of the chunks in flight (at most four)
    /// is bounded whatever the rows' size (a typical row is ~400 bytes: 5000 rows are ~2 MB; ADR 0011).
    /// </summary>
    public const long MaxChunkBytes = 4L << 20;

    /// <summary>A context the pipeline was opened with and disposes (<see cref="Over"/> with <c>owned</c>).</summary>
    private PublicCreditDbContext? owned;

    /// <summary>
    /// The pipeline over <paramref name="db"/> and the provider's <paramref name="bulk"/> path: the one place the import's
    /// parts are put together. With <paramref name="ownsContext"/> the pipeline disposes the context with itself.
    /// <paramref name="committed"/> hears of every committed chunk (a host's in-memory maps, ADR 0027 §2).
    /// </summary>
    public static ImportPipeline Over(
        PublicCreditDbContext db, IBulkInsert bulk, CreditCatalog catalog, TimeProvider clock, bool ownsContext = false,
        IEnumerable<IRecordsCommitted>? committed = null, ILogger<RecordChunkWriter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var writer = new RecordChunkWriter(db, new AppendToLedger(db, clock), new RecordValidator(catalog), catalog, clock, bulk, committed, logger);
        return new ImportPipeline(db, writer, catalog, clock) { owned = ownsContext ? db : null };
    }

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    public async Task<ImportSummary> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!catalog.Departments.Contains(request.Department))
        {
            throw DomainException.Invalid("dept", AccessProblemCodes.DepartmentUnknown, $"'{request.Department}' is not a department of catalog {catalog.Version}.");
        }

        if (!File.Exists(request.FilePath))
        {
            throw DomainException.NotFound(RecordProblemCodes.ImportFileNotFound, $"There is no file '{request.FilePath}'.");
        }

        var phases = request.Phases;
        writer.Phases = phases;
        var t = ImportPhaseTimes.Start(phases);
        var caller = Caller.Staff(request.Actor ?? $"import:{Path.GetFileName(request.FilePath)}", Role.Recorder, request.Department);

        // One connection for the whole run: the bulk path's prepared statements live as long as it (ADR 0011).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var fileInfo = new FileInfo(request.FilePath);
        var sha = await HashAsync(request.FilePath, cancellationToken);
        ImportPhaseTimes.Mark(phases, ImportPhase.FileHash, t);
        await using var stream = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var reader = ImportFileReader.Open(stream, request.Format);
        var run = await ResumableRunAsync(request, sha, fileInfo, reader, cancellationToken);
        progress?.Report(new ImportProgress(run.ResumeOffset, fileInfo.Length, 0, run.Created, run.Unchanged, run.Rejected, run.Id));

        var rejectionPath = request.FilePath + ".rejected.csv";
        await using var rejections = await OpenRejectionsAsync(rejectionPath, run.ResumeLine, cancellationToken);
        if (run.ResumeOffset > reader.DataStartOffset)
        {
            reader.ResumeAt(run.ResumeOffset, run.ResumeLine);
        }

        var resumedAt = run.ResumeLine;
        var chunkSize = Math.Clamp(request.ChunkSize, 1, RecordChunkWriter.MaxChunk);

        // Reading, mapping and validating (CPU only) run one chunk ahead of writing (ADR 0011); the bounded channel
        // keeps at most two chunks waiting, so memory stays constant whatever the file's size.
        var chunks = Channel.CreateBounded<ReadChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = (Offset: run.ResumeOffset, Line: run.ResumeLine);
        var reading = Task.Run(() => ReadChunksAsync(reader, caller, request.Department, chunkSize, start, chunks.Writer, phases, stop.Token), stop.Token);
        long rows = 0;
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                await CommitChunkAsync(caller, chunk, run, rejections, cancellationToken);
                rows = chunk.RowsSoFar;
                progress?.Report(new ImportProgress(chunk.EndOffset, fileInfo.Length, chunk.RowsSoFar, run.Created, run.Unchanged, run.Rejected, run.Id));
            }
        }
        finally
        {
            // A failed write stops the reading side before the file it reads is closed.
            await stop.CancelAsync();
            await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await reading;
        run.Completed = true;
        await SaveRunAsync(run, cancellationToken);
        progress?.Report(new ImportProgress(fileInfo.Length, fileInfo.Length, rows, run.Created, run.Unchanged, run.Rejected, run.Id));
        return new ImportSummary(run.Created, run.Unchanged, run.Rejected, resumedAt, rejectionPath);
    }

    /// <summary>
    /// The reading side: frames rows, maps and validates them chunk by chunk (no database), and hands each chunk with
    /// the file's own row problems met on the way and the checkpoint after its last line to the writing side. The
    /// last chunk may be empty: it still carries the checkpoint at the end of the file.
    /// </summary>
    private async Task ReadChunksAsync(
        ImportFileReader reader, Caller caller, string department, int chunkSize, (long Offset, long Line) start,
        ChannelWriter<ReadChunk> chunks, ImportPhaseTimes? phases, CancellationToken cancellationToken)
    {
        try
        {
            // Every list is made at the chunk's size once: grown by doubling, a chunk's lists ended past the
            // large-object threshold, garbage that only a full collection frees (ADR 0026 §2).
            var lines = new List<(long Line, string? DocumentNumber)>(chunkSize);
            var validation = writer.BeginValidation(caller, chunkSize);
            var problems = new List<ImportRowProblem>();
            long rows = 0;
            var (lastEnd, nextLine) = start;
            var chunkStart = lastEnd;
            var t = ImportPhaseTimes.Start(phases);
            foreach (var (row, problem) in reader.ReadRows())
            {
                t = ImportPhaseTimes.Mark(phases, ImportPhase.Read, t);
                cancellationToken.ThrowIfCancellationRequested();
                rows++;
                if (problem is not null)
                {
                    problems.Add(problem);
                    (lastEnd, nextLine) = (problem.EndOffset, problem.Line + 1);
                    continue;
                }

                // Validated as soon as it is read: the row's input dies young (ADR 0025).
                var input = ImportRowMapper.ToInput(row!, reader.ImpliedCategory, department);
                t = ImportPhaseTimes.Mark(phases, ImportPhase.Map, t);
                lines.Add((row!.Line, input.DocumentNumber));
                validation.Add(input);
                t = ImportPhaseTimes.Mark(phases, ImportPhase.Validate, t);
                (lastEnd, nextLine) = (row.EndOffset, row.Line + 1);
                if (validation.Count == chunkSize || lastEnd - chunkStart >= MaxChunkBytes)
                {
                    await chunks.WriteAsync(new ReadChunk(lines, validation.Complete(), problems, lastEnd, nextLine, rows), cancellationToken);
                    (lines, validation, problems, chunkStart) = (new(chunkSize), writer.BeginValidation(caller, chunkSize), [], lastEnd);
                    t = ImportPhaseTimes.Start(phases); // waiting for the writer is no phase of the reading side
                }
            }

            await chunks.WriteAsync(new ReadChunk(lines, validation.Complete(), problems, lastEnd, nextLine, rows), cancellationToken);
            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
            throw;
        }
    }

    /// <summary>A chunk read and validated ahead: its rows' lines and document numbers, the file's problems among them, and where it ends.</summary>
    private sealed record ReadChunk(
        List<(long Line, string? DocumentNumber)> Lines, ValidatedChunk Validated, List<ImportRowProblem> Problems,
        long EndOffset, long NextLine, long RowsSoFar);

    /// <summary>
    /// Writes a chunk and moves the checkpoint past it in the same transaction (ADR 0024 §5): the chunk's rejections are
    /// on disk before the commit, and a crash either keeps the chunk and its checkpoint or neither (a resumed run
    /// rewrites the rejections after its checkpoint). A chunk with nothing to create commits nothing of its own, so its
    /// checkpoint is saved alone.
    /// </summary>
    private async Task CommitChunkAsync(Caller caller, ReadChunk chunk, ImportRunRow run, StreamWriter rejections, CancellationToken cancellationToken)
    {
        await using var written = await writer.WriteAsync(caller, chunk.Validated, cancellationToken);
        var t = ImportPhaseTimes.Start(writer.Phases);
        await CountAsync(chunk, written.Outcomes, run, rejections, cancellationToken);
        ImportPhaseTimes.Mark(writer.Phases, ImportPhase.Checkpoint, t);
        await written.CommitAsync(run, cancellationToken);
    }

    /// <summary>
    /// Counts a chunk's outcomes into the run, writes its rejections in row order — the rows the file could not give
    /// and the rows the records use case rejected, merged — flushes them, and moves the checkpoint (not yet saved).
    /// </summary>
    private static async Task CountAsync(ReadChunk chunk, IReadOnlyList<SubmissionOutcome> outcomes, ImportRunRow run, StreamWriter rejections, CancellationToken cancellationToken)
    {
        var rejected = new List<(long Line, string? DocumentNumber, string? Field, string Code, string Message)>();
        foreach (var problem in chunk.Problems)
        {
            run.Rejected++;
            rejected.Add((problem.Line, null, problem.Field, problem.Code, problem.Message));
        }

        foreach (var outcome in outcomes)
        {
            var (line, documentNumber) = chunk.Lines[outcome.Index];
            switch (outcome.Status)
            {
                case SubmissionStatus.Created:
                    run.Created++;
                    break;
                case SubmissionStatus.Unchanged:
                    run.Unchanged++;
                    break;
                default:
                    run.Rejected++;
                    foreach (var error in outcome.Errors ?? [])
                    {
                        rejected.Add((line, documentNumber, error.Field, error.Code, error.Message));
                    }

                    break;
            }
        }

        // Stable: a row's several errors keep the order the validator gave them.
        foreach (var (line, documentNumber, field, code, message) in rejected.OrderBy(r => r.Line))
        {
            await WriteRejectionAsync(rejections, line, documentNumber, field, code, message);
        }

        // The rejections of the chunk's rows are on disk before the checkpoint moves past them.
        await rejections.FlushAsync(cancellationToken);
        run.ResumeOffset = chunk.EndOffset;
        run.ResumeLine = chunk.NextLine;
    }

    /// <summary>An unfinished run of the same file for the same department is continued; a finished one starts over.</summary>
    private async Task<ImportRunRow> ResumableRunAsync(
        ImportRequest request, string sha, FileInfo file, ImportFileReader reader, CancellationToken cancellationToken)
    {
        var unfinished = await db.ImportRuns
            .Where(r => r.Department == request.Department && r.FileSha256 == sha && !r.Completed)
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (unfinished is not null)
        {
            return unfinished;
        }

        var now = clock.GetUtcNow();
        var run = new ImportRunRow
        {
            Id = Guid.CreateVersion7(now),
            Department = request.Department,
            FileSha256 = sha,
            FileName = Path.GetFileName(request.FilePath),
            FileSize = file.Length,
            ResumeOffset = reader.DataStartOffset,
            ResumeLine = request.Format == ImportFormat.Csv ? 2 : 1,
            StartedAt = now,
            UpdatedAt = now,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task SaveRunAsync(ImportRunRow run, CancellationToken cancellationToken)
    {
        Track(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The run's row as changed now, tracked so that the next SaveChanges of the context writes it.</summary>
    private void Track(ImportRunRow run)
    {
        run.UpdatedAt = clock.GetUtcNow();
        if (db.Entry(run).State == EntityState.Detached)
        {
            db.ImportRuns.Update(run);
        }
    }

    /// <summary>A resumed run keeps the rejections of the rows before its checkpoint and rewrites the rest.</summary>
    private static async Task<StreamWriter> OpenRejectionsAsync(string path, long resumeLine, CancellationToken cancellationToken)
    {
        var kept = new List<string>();
        if (File.Exists(path) && resumeLine > 2)
        {
            foreach (var line in await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken))
            {
                var comma = line.IndexOf(',', StringComparison.Ordinal);
                if (comma > 0 && long.TryParse(line.AsSpan(0, comma), CultureInfo.InvariantCulture, out var row) && row < resumeLine)
                {
                    kept.Add(line);
                }
            }
        }

        // Rejected rows quote the input (names, identity numbers): owner-only, as the upload itself (ADR 0036).
        var writer = new StreamWriter(path, new UTF8Encoding(false), Storage.PrivateFiles.CreateOptions(FileMode.Create, FileShare.Read)) { NewLine = "\n" };
        Storage.PrivateFiles.Restrict(path);
        await writer.WriteLineAsync(RejectionHeader);
        foreach (var line in kept)
        {
            await writer.WriteLineAsync(line);
        }

        return writer;
    }

    private static async Task WriteRejectionAsync(StreamWriter writer, long line, string? documentNumber, string? field, string code, string message)
    {
        await writer.WriteAsync(line.ToString(CultureInfo.InvariantCulture));
        foreach (var value in new[] { documentNumber, field, code, message })
        {
            await writer.WriteAsync(',');
            CsvFields.Write(writer, value);
        }

        await writer.WriteAsync('\n');
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
