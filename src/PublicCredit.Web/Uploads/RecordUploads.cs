using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Errors;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Uploads;

/// <summary>A file stored by <see cref="UploadFolder"/> and waiting to be imported (or being imported).</summary>
public sealed record StoredUpload(string Department, string Sha256, string DataPath, ImportFormat Format, string Actor)
{
    public string Key => Department + "/" + Sha256;
}

/// <summary>What this node knows of a run it is importing or has imported since it started.</summary>
public sealed class LiveRun(Guid runId, string department)
{
    private readonly long startedAt = Stopwatch.GetTimestamp();

    public Guid RunId { get; } = runId;

    public string Department { get; } = department;

    public ImportProgress? Last { get; private set; }

    /// <summary>Why the run stopped before its end (it stays resumable: ADR 0019).</summary>
    public DomainException? Failure { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>Rows per second read by this node since it (re)started the run: a measurement of elapsed time, not a legal time (docs/design.md#9-time-is-an-input is about "now").</summary>
    public double? RowsPerSecond
    {
        get
        {
            var seconds = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
            return Last is { Rows: > 0 } last && seconds > 0 ? last.Rows / seconds : null;
        }
    }

    internal void Report(ImportProgress progress) => Last = progress;

    internal void Fail(DomainException failure) => Failure = failure;

    internal void Finish() => Finished = true;
}

/// <summary>
/// The console's CSV/NDJSON upload runs in the background (docs/web.md#what-each-page-shows; ADR 0019): each stored upload is imported by
/// the very <see cref="ImportPipeline"/> of `pcredit import` — same validation, idempotency, checkpoints and rejection
/// file — as the uploading department, so the request returns as soon as the run is open and the progress page
/// follows it. One run per (department, file content) at a time on this node. At start, every upload left in the
/// folder by a stopped or crashed server is resumed from its checkpoint; uploading the same file again continues it too.
/// </summary>
public sealed class RecordUploads(
    IServiceScopeFactory scopes, DatabaseTarget database, CreditCatalog catalog, TimeProvider clock, HostSettings settings,
    UploadFolder folder, ILogger<RecordUploads> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Guid, LiveRun> live = new();
    private readonly ConcurrentDictionary<string, Task<Guid>> opening = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> running = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>This node's view of a run, if it ran it since it started.</summary>
    public LiveRun? Live(Guid runId) => live.GetValueOrDefault(runId);

    /// <summary>
    /// Starts importing <paramref name="upload"/> and returns its run id once the run is open (header read, checkpoint
    /// found or created) — or the run already importing the same file for the department. A file the import refuses
    /// as a whole (<c>import-header-invalid</c>) throws here, before any row is read.
    /// </summary>
    public async Task<Guid> BeginAsync(StoredUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var opened = opening.GetOrAdd(upload.Key, _ => Start(upload));
        try
        {
            return await opened.WaitAsync(cancellationToken);
        }
        catch (DomainException)
        {
            opening.TryRemove(new KeyValuePair<string, Task<Guid>>(upload.Key, opened));
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Uploads left unfinished by the last process continue on their own (ADR 0019); the host does not wait for them.
        // The list is taken now, before the server listens: a folder scanned later could hold an upload that arrived
        // after the start, which the resume would take for a left-over and discard or move under its import.
        var leftOvers = folder.LeftOver().ToList();
        if (folder.ClearIncoming() is > 0 and var cleared)
        {
            logger.LogInformation("Deleted {Count} half-received upload(s) left by the last process", cleared);
        }

        var resuming = Task.Run(() => ResumeLeftOversAsync(leftOvers, stopping.Token), CancellationToken.None);
        running.TryAdd(resuming, true);
        _ = resuming.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>Stops every run at its next chunk: what is committed stays, with its checkpoint; the rest resumes at the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(running.Keys).WaitAsync(cancellationToken).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Dispose() => stopping.Dispose();

    private Task<Guid> Start(StoredUpload upload)
    {
        var opened = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(() => ImportAsync(upload, opened, stopping.Token), CancellationToken.None);
        running.TryAdd(run, true);
        _ = run.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
        return opened.Task;
    }

    private async Task ImportAsync(StoredUpload upload, TaskCompletionSource<Guid> opened, CancellationToken cancellationToken)
    {
        LiveRun? state = null;
        try
        {
            using var scope = scopes.CreateScope();
            var committed = scope.ServiceProvider.GetServices<IRecordsCommitted>();
            // The import's own pipeline (ADR 0011, 0041), and the host's observers: the clean-record map learns of new
            // negative records at once, which `pcredit import` in another process cannot tell it.
            await using var import = StorageServices.OpenImport(database, catalog, clock, committed);
            var progress = new InlineProgress(p =>
            {
                if (state is null)
                {
                    state = live[p.RunId] = new LiveRun(p.RunId, upload.Department);
                    opened.TrySetResult(p.RunId);
                }

                state.Report(p);
            });
            var request = new ImportRequest(upload.DataPath, upload.Format, upload.Department, settings.UploadChunkSize, upload.Actor);
            await import.RunAsync(request, progress, cancellationToken);
            if (state is not null)
            {
                // The report moves before the run counts as finished here, and a new upload of the same file is a new run.
                folder.Complete(upload, state.RunId);
                opening.TryRemove(new KeyValuePair<string, Task<Guid>>(upload.Key, opened.Task));
                state.Finish();
            }
        }
        catch (DomainException ex)
        {
            if (state is null)
            {
                // Refused as a whole before its run was opened: nothing to resume, nothing kept — gone before the page says so.
                UploadFolder.Discard(upload);
                opened.TrySetException(ex);
            }
            else
            {
                state.Fail(ex);
                logger.LogWarning(ex, "Upload {Department}/{Sha} stopped: {Code}", upload.Department, upload.Sha256, ex.Code);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            opened.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex)
        {
            // A defect or the database going away: the run keeps its checkpoint and continues at the next start.
            logger.LogError(ex, "Upload {Department}/{Sha} failed; it resumes at the next start or when uploaded again", upload.Department, upload.Sha256);
            var failure = new DomainException(ErrorKind.Conflict, WebProblemCodes.UploadInterrupted, "The import stopped: " + ex.Message);
            state?.Fail(failure);
            opened.TrySetException(failure);
        }
        finally
        {
            opening.TryRemove(new KeyValuePair<string, Task<Guid>>(upload.Key, opened.Task));
        }
    }

    private async Task ResumeLeftOversAsync(IReadOnlyList<StoredUpload> leftOvers, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = StorageServices.CreateContext(database);
            foreach (var upload in leftOvers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (opening.ContainsKey(upload.Key))
                {
                    // Uploaded again since the start: that request's run continues it.
                    continue;
                }

                var unfinished = await db.ImportRuns.AsNoTracking()
                    .AnyAsync(r => r.Department == upload.Department && r.FileSha256 == upload.Sha256 && !r.Completed, cancellationToken);
                if (unfinished)
                {
                    logger.LogInformation("Resuming the upload {Department}/{Sha}", upload.Department, upload.Sha256);
                    _ = opening.GetOrAdd(upload.Key, _ => Start(upload));
                    continue;
                }

                // Completed just before the last stop, before its rejection report was moved: finish the move.
                var last = await db.ImportRuns.AsNoTracking()
                    .Where(r => r.Department == upload.Department && r.FileSha256 == upload.Sha256)
                    .OrderByDescending(r => r.UpdatedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
                if (last is { } runId)
                {
                    folder.Complete(upload, runId);
                }
                else
                {
                    UploadFolder.Discard(upload);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Resuming uploads left by the last run failed; upload the files again to continue them");
        }
    }

    /// <summary>Reports on the importing task (Progress&lt;T&gt; would post to the thread pool, after the run is already open).</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

/// <summary>What <see cref="UploadFolder"/> keeps beside an upload so that a later process can resume it as it was asked.</summary>
internal sealed record UploadManifest(string FileName, ImportFormat Format, string Actor)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
