using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;
using PublicCredit.Import;
using PublicCredit.Storage;
using PublicCredit.Web.Session;
using PublicCredit.Web.Uploads;

namespace PublicCredit.Web.Pages.Console.Uploads;

/// <summary>One rejected row as the rejection report has it (the columns of `pcredit import`'s <c>&lt;file&gt;.rejected.csv</c>).</summary>
public sealed record RejectedRow(string Row, string DocumentNumber, string Field, string Code, string Message);

/// <summary>
/// An upload's run (docs/web.md#what-each-page-shows; ADR 0019): while it imports, rows read / created / unchanged / rejected, the share
/// of the file's bytes committed and rows per second, the page reloading itself every
/// <see cref="RefreshSeconds"/> s (a <c>meta refresh</c>: no script); at the end the exact counts from the run's
/// checkpoint row, the first rejected rows in the page's language and the full rejection report to download. Only
/// the run's own department sees it: another department's run id is answered as an unknown one (404).
/// </summary>
public sealed class RunModel(PublicCreditDbContext db, RecordUploads uploads, UploadFolder folder, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int RefreshSeconds = 2;
    public const int ShownRejections = 20;

    public ImportRunRow? Run { get; private set; }

    public LiveRun? Live { get; private set; }

    /// <summary>
    /// The run ended, its counts are final, and its rejection report (if any) is in place. Judged once, when the page
    /// loads: the run can finish while the page renders, and a page that read the report before the end and said
    /// "finished" after it showed final counts with no rejections.
    /// </summary>
    public bool Finished { get; private set; }

    public bool Failed { get; private set; }

    public bool Importing => !Finished && !Failed && Live is not null;

    /// <summary>Stopped before its end with no process of this node on it (a restart in between, or another node's run).</summary>
    public bool Interrupted => !Finished && !Failed && Live is null;

    public bool Refreshing => Importing && Request.Query["refresh"] != "off";

    public long RowsRead => Run is null ? 0 : Run.Created + Run.Unchanged + Run.Rejected;

    public int Percent => Run switch
    {
        null => 0,
        { Completed: true } => 100,
        { FileSize: > 0 } run => (int)Math.Clamp(run.ResumeOffset * 100 / run.FileSize, 0, 99),
        _ => 0,
    };

    public string? Rate => Live?.RowsPerSecond is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : null;

    public string? FailureText { get; private set; }

    public bool HasReport { get; private set; }

    public IReadOnlyList<RejectedRow> Rejections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid runId)
    {
        if (!await LoadAsync(runId))
        {
            return Page();
        }

        if (Failed)
        {
            FailureText = Display.Refusal(l, Live!.Failure!);
        }

        if (Finished && folder.RejectionsOf(Run!.Department, runId) is { } report)
        {
            HasReport = true;
            Rejections = await FirstRejectionsAsync(report, HttpContext.RequestAborted);
        }

        return Page();
    }

    /// <summary>The whole rejection report as CSV, named as `pcredit import` names it.</summary>
    public async Task<IActionResult> OnGetRejectionsAsync(Guid runId)
    {
        if (!await LoadAsync(runId) || !Finished || folder.RejectionsOf(Run!.Department, runId) is not { } report)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return PhysicalFile(report, "text/csv; charset=utf-8", Run.FileName + ".rejected.csv");
    }

    private async Task<bool> LoadAsync(Guid runId)
    {
        var department = WebSessions.Current(HttpContext).Department;
        Run = await db.ImportRuns.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == runId && r.Department == department, HttpContext.RequestAborted);
        if (Run is null)
        {
            // Unknown, or another department's: the same answer, so run ids tell nothing about other departments.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        Live = uploads.Live(runId);
        Finished = Run is { Completed: true } && Live is not { Finished: false };
        Failed = !Finished && Live?.Failure is not null;
        return true;
    }

    /// <summary>The first rows of the report, each message in the page's language where a text exists for its code.</summary>
    private async Task<IReadOnlyList<RejectedRow>> FirstRejectionsAsync(string path, CancellationToken cancellationToken)
    {
        var rows = new List<RejectedRow>();
        using var reader = new StreamReader(path, Encoding.UTF8);
        await reader.ReadLineAsync(cancellationToken); // the header
        var record = new StringBuilder();
        while (rows.Count < ShownRejections && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            record.Append(line);
            var fields = CsvFields.Split(record.ToString(), out var malformed);
            if (malformed is not null && malformed.Contains("not closed", StringComparison.Ordinal))
            {
                record.Append('\n'); // a quoted message with a line break: the record goes on
                continue;
            }

            record.Clear();
            if (fields.Count >= 5)
            {
                var error = new FieldError(fields[2] ?? string.Empty, fields[3] ?? string.Empty, fields[4] ?? string.Empty);
                rows.Add(new RejectedRow(fields[0] ?? string.Empty, fields[1] ?? string.Empty, error.Field, error.Code, Display.Error(l, error)));
            }
        }

        return rows;
    }
}
