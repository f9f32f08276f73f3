using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Web;

/// <summary>
/// The console's record upload (docs/web.md#what-each-page-shows; ADR 0019) through the real pages over HTTP: a recorder's file is
/// imported in the background by `pcredit import`'s use case, the progress page ends with exact counts and the
/// rejection report, the same file again changes nothing, other departments cannot see the run, a wrong header and
/// an oversized file are refused on the page with their codes, and a server stopped mid-run continues at its start.
/// </summary>
public abstract partial class RecordUploadTests(ITestDatabases databases)
{
    private const string Header = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Row(string documentNumber, string subjectId = "91350100M000100Y43", string decisionDate = "2026-10-09", string category = "administrative-penalty") =>
        $"{category},{subjectId},福州某某科技有限公司,{documentNumber},{decisionDate},general,《企业信息公示暂行条例》第八条,未按规定公示年度报告,罚款,1.5,张三,";

    /// <summary>Three good rows and three bad ones (unknown category, wrong check character, future decision date).</summary>
    private static readonly string GoodAndBad = string.Join('\n',
        Header,
        Row("闽市监罚〔2026〕1号"),
        Row("闽市监罚〔2026〕2号", category: "no-such-category"),
        Row("闽市监罚〔2026〕3号"),
        Row("闽市监罚〔2026〕4号", subjectId: "91350100M000100Y44"),
        Row("闽市监罚〔2026〕5号", decisionDate: "2027-01-01"),
        Row("闽市监罚〔2026〕6号"),
        string.Empty);

    [Fact]
    public async Task A_file_with_good_and_bad_rows_ends_with_exact_counts_and_a_rejection_report_with_the_columns_of_pcredit_import()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));

        var run = await console.UploadAsync("处罚.csv", GoodAndBad);
        var page = await console.FinishedRunAsync(run);

        Assert.Equal((6L, 3L, 0L, 3L), Counts(page));
        Assert.Contains("处罚.csv", page, StringComparison.Ordinal);
        Assert.Contains("record-unknown-category", page, StringComparison.Ordinal);
        Assert.Contains("subject-id-invalid", page, StringComparison.Ordinal);
        var report = await console.Client.GetAsync(new Uri($"/console/records/upload/{run}?handler=Rejections", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("处罚.csv.rejected.csv", report.Content.Headers.ContentDisposition?.FileNameStar);
        var lines = (await report.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ImportPipeline.RejectionHeader, lines[0]);
        Assert.StartsWith("3,闽市监罚〔2026〕2号,category,record-unknown-category,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("5,闽市监罚〔2026〕4号,subject.id,subject-id-invalid,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("6,闽市监罚〔2026〕5号,decisionDate,record-decision-date-in-future,", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(3, await db.Records.Current().CountAsync(r => r.Department == Departments.Samr, Cancel));
        // The ledger names the key that uploaded, not a file on the server.
        Assert.True(await db.LedgerEvents.AnyAsync(e => e.Actor.StartsWith("key:"), Cancel));
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task Uploading_the_same_file_again_changes_nothing_and_shows_it_unchanged()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));
        var first = await console.UploadAsync("records.csv", GoodAndBad);
        await console.FinishedRunAsync(first);
        await using var db = StorageServices.CreateContext(server.Database);
        var eventsBefore = await db.LedgerEvents.CountAsync(Cancel);

        var second = await console.UploadAsync("records.csv", GoodAndBad);
        var page = await console.FinishedRunAsync(second);

        Assert.NotEqual(first, second);
        Assert.Equal((6L, 0L, 3L, 3L), Counts(page));
        Assert.Equal(3, await db.Records.Current().CountAsync(Cancel));
        Assert.Equal(eventsBefore, await db.LedgerEvents.CountAsync(Cancel));
        // The first run's report is still its own.
        var report = await console.Client.GetStringAsync(new Uri($"/console/records/upload/{first}?handler=Rejections", UriKind.Relative), Cancel);
        Assert.Equal(4, report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_row_in_a_category_the_department_does_not_provide_is_rejected_as_its_row_and_the_rest_is_imported()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));
        var file = string.Join('\n', Header, Row("闽市监罚〔2026〕1号"), Row("（2026）闽01执9号", category: "court-enforcement"), string.Empty);

        var run = await console.UploadAsync("court.csv", file);
        var page = await console.FinishedRunAsync(run);

        Assert.Equal((2L, 1L, 0L, 1L), Counts(page));
        var report = await console.Client.GetStringAsync(new Uri($"/console/records/upload/{run}?handler=Rejections", UriKind.Relative), Cancel);
        Assert.Contains("3,（2026）闽01执9号,category,record-category-not-provided,", report, StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(["administrative-penalty"], await db.Records.Select(r => r.Category).ToListAsync(Cancel));
    }

    [Fact]
    public async Task Another_department_cannot_see_the_run_or_its_report_and_other_roles_cannot_upload()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var samr = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));
        var run = await samr.UploadAsync("samr.csv", GoodAndBad);
        await samr.FinishedRunAsync(run);
        using var other = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Sta));
        using var reviewer = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Reviewer, Departments.Samr));

        var page = await other.Client.GetAsync(new Uri($"/console/records/upload/{run}", UriKind.Relative), Cancel);
        var report = await other.Client.GetAsync(new Uri($"/console/records/upload/{run}?handler=Rejections", UriKind.Relative), Cancel);
        var list = await other.Client.GetStringAsync(new Uri("/console/records/upload", UriKind.Relative), Cancel);
        var asReviewer = await reviewer.Client.GetAsync(new Uri("/console/records/upload", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("samr.csv", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        Assert.DoesNotContain("record-unknown-category", await report.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain("samr.csv", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asReviewer.StatusCode);
        Assert.StartsWith("/console/signin", asReviewer.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_header_is_refused_on_the_page_with_its_code_and_each_column_and_nothing_is_kept()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await console.PostUploadAsync("wrong.csv", "company,licence,documentNumber\nA,B,C\n");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("import-header-invalid", html, StringComparison.Ordinal);
        Assert.Contains("company:", html, StringComparison.Ordinal);
        Assert.Contains("licence:", html, StringComparison.Ordinal);
        Assert.Contains("id=\"file-error\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=true", html, StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(0, await db.ImportRuns.CountAsync(Cancel));
        Assert.Empty(StoredFiles(server));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_on_the_page_not_by_the_web_server_and_nothing_is_kept()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { UploadLimitBytes = 64 * 1024 }, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));
        var rows = Enumerable.Range(1, 1000).Select(i => Row($"闽市监罚〔2026〕{i}号"));

        var response = await console.PostUploadAsync("big.csv", Header + "\n" + string.Join('\n', rows));
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("文件超过控制台允许的大小", html, StringComparison.Ordinal);
        Assert.Contains("不超过 0.1 MB", html, StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(0, await db.ImportRuns.CountAsync(Cancel));
        Assert.Equal(0, await db.Records.CountAsync(Cancel));
        Assert.Empty(StoredFiles(server));
    }

    [Fact]
    public async Task Dates_at_and_beyond_the_edges_in_an_uploaded_file_are_rejected_as_their_rows_and_field_and_the_rest_is_imported()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));
        var file = string.Join('\n',
            Header,
            Row("闽市监罚〔2026〕1号"),
            Row("闽市监罚〔2026〕2号", decisionDate: "0001-01-01"),
            Row("闽市监罚〔2026〕3号", decisionDate: "9999-12-31"),
            Row("闽市监罚〔2026〕4号", decisionDate: "2026-02-30"),
            Row("闽市监罚〔2026〕5号"),
            string.Empty);

        var run = await console.UploadAsync("dates.csv", file);
        var page = await console.FinishedRunAsync(run);

        Assert.Equal((5L, 2L, 0L, 3L), Counts(page));
        var report = await console.Client.GetAsync(new Uri($"/console/records/upload/{run}?handler=Rejections", UriKind.Relative), Cancel);
        var lines = (await report.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("3,闽市监罚〔2026〕2号,decisionDate,record-decision-date-too-early,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("4,闽市监罚〔2026〕3号,decisionDate,record-decision-date-in-future,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("5,闽市监罚〔2026〕4号,decisionDate,record-decision-date-invalid,", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(2, await db.Records.Current().CountAsync(r => r.Department == Departments.Samr, Cancel));
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task An_upload_cut_off_before_its_closing_boundary_is_refused_on_the_page_and_nothing_is_kept()
    {
        // Found by the fuzz run (FuzzTests): the multipart reader's "unexpected end of stream" was answered 500.
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await console.PostUploadAsync("records.csv", GoodAndBad, closed: false);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"file-error\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=true", html, StringComparison.Ordinal);
        Assert.Empty(StoredFiles(server));
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(0, await db.ImportRuns.CountAsync(Cancel));
    }

    [Fact]
    public async Task An_upload_without_its_antiforgery_token_is_refused_before_the_file_is_kept()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await console.PostUploadAsync("records.csv", GoodAndBad, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(StoredFiles(server));
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(0, await db.ImportRuns.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_server_stopped_mid_import_continues_the_upload_at_its_next_start_with_every_row_exactly_once()
    {
        // One row per chunk, so that the run is long enough to be stopped between two of its commits.
        static HostSettings Slow(HostSettings s) => s with { UploadChunkSize = 1 };
        var server = await RunningServer.StartAsync(databases, Slow, Cancel);
        const int Good = 300;
        var text = Header + "\n" + string.Join('\n', Enumerable.Range(1, Good).Select(i => Row($"闽市监罚〔2026〕{i}号")))
            + "\n" + Row("闽市监罚〔2026〕9001号", category: "no-such-category") + "\n";
        Guid run;
        bool stoppedMidWay;
        using (var console = await ConsoleSession.SignInAsync(server, await server.KeyAsync(Role.Recorder, Departments.Samr)))
        {
            run = await console.UploadAsync("long.csv", text);
            stoppedMidWay = await StopMidWayAsync(server, run);
        }

        Assert.True(stoppedMidWay, "the import finished before the server could be stopped; use a longer file");
        await using (var db = StorageServices.CreateContext(server.Database))
        {
            var stopped = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == run, Cancel);
            Assert.False(stopped.Completed);
            Assert.InRange(await db.Records.Current().CountAsync(Cancel), 1, Good - 1);
        }

        await using var restarted = await RunningServer.RestartAsync(server.Database, Slow, Cancel);
        using var again = await ConsoleSession.SignInAsync(restarted, await restarted.KeyAsync(Role.Recorder, Departments.Samr));
        var page = await again.FinishedRunAsync(run);

        var (rows, created, unchanged, rejected) = Counts(page);
        Assert.Equal(Good + 1, rows);
        // A stop between a chunk's commit and its checkpoint re-reads that row as unchanged: never twice, never lost.
        Assert.Equal(Good, created + unchanged);
        Assert.Equal(1, rejected);
        await using var after = StorageServices.CreateContext(restarted.Database);
        var numbers = await after.Records.Current().Select(r => r.DocumentNumber).ToListAsync(Cancel);
        Assert.Equal(Good, numbers.Count);
        Assert.Equal(Good, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.True((await new VerifyLedger(after).RunAsync(Cancel)).Ok);
        var report = await again.Client.GetStringAsync(new Uri($"/console/records/upload/{run}?handler=Rejections", UriKind.Relative), Cancel);
        Assert.Contains($"{Good + 2},闽市监罚〔2026〕9001号,category,record-unknown-category,", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_half_received_when_the_server_died_is_deleted_at_the_next_start()
    {
        var server = await RunningServer.StartAsync(databases, Cancel);
        var root = server.Services.GetRequiredService<PublicCredit.Web.Uploads.UploadFolder>().Root;
        await server.DisposeAsync();
        // What a kill -9 in the middle of receiving a file leaves: personal data in a temporary file nobody owns.
        var incoming = Directory.CreateDirectory(Path.Combine(root, ".incoming")).FullName;
        var left = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(left, Header + "\n" + Row("闽市监罚〔2026〕1号"), Cancel);

        await using var restarted = await RunningServer.RestartAsync(server.Database, Cancel);

        Assert.False(File.Exists(left));
        Assert.Empty(StoredFiles(restarted));
    }

    private static async Task<bool> StopMidWayAsync(RunningServer server, Guid run)
    {
        try
        {
            for (var i = 0; i < 3000; i++)
            {
                await using var db = StorageServices.CreateContext(server.Database);
                var row = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == run, Cancel);
                if (row is { Completed: false, ResumeLine: > 10 })
                {
                    return true;
                }

                if (row is { Completed: true })
                {
                    return false;
                }

                await Task.Delay(10, Cancel);
            }

            return false;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static IEnumerable<string> StoredFiles(RunningServer server)
    {
        var root = server.Services.GetRequiredService<PublicCredit.Web.Uploads.UploadFolder>().Root;
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>Rows read, created, unchanged, rejected as the progress page shows them.</summary>
    private static (long Rows, long Created, long Unchanged, long Rejected) Counts(string html)
    {
        long Count(string name) => long.Parse(CountPattern().Matches(html).Single(m => m.Groups[1].Value == name).Groups[2].Value.Replace(",", string.Empty, StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
        return (Count("rows"), Count("created"), Count("unchanged"), Count("rejected"));
    }

    [GeneratedRegex("data-count=\"([a-z]+)\">([0-9,]+)<")]
    private static partial Regex CountPattern();

    /// <summary>A browser's console session over plain HTTP: cookies, the antiforgery token of each form, no redirects followed.</summary>
    private sealed partial class ConsoleSession : IDisposable
    {
        private ConsoleSession(HttpClient client) => Client = client;

        public HttpClient Client { get; }

        public static async Task<ConsoleSession> SignInAsync(RunningServer server, string apiKey)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
            var session = new ConsoleSession(client);
            var token = await session.TokenAsync("/console/signin");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = apiKey, ["__af"] = token, ["returnUrl"] = "/console" });
            var signedIn = await client.PostAsync(new Uri("/console/signin", UriKind.Relative), form, Cancel);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            return session;
        }

        public async Task<HttpResponseMessage> PostUploadAsync(string fileName, string content, bool withToken = true, bool closed = true)
        {
            var token = await TokenAsync("/console/records/upload");
            if (!closed)
            {
                // The form as a browser sends it, but the body ends without its closing boundary.
                const string boundary = "cutoff7MA4YWxkTrZu0gW";
                var text = $"--{boundary}\r\nContent-Disposition: form-data; name=\"__af\"\r\n\r\n{token}\r\n"
                    + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\n{content}";
                using var cut = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
                cut.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
                return await Client.PostAsync(new Uri("/console/records/upload", UriKind.Relative), cut, Cancel);
            }

            using var form = new MultipartFormDataContent();
            if (withToken)
            {
                form.Add(new StringContent(token), "__af");
            }

            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", fileName);
            return await Client.PostAsync(new Uri("/console/records/upload", UriKind.Relative), form, Cancel);
        }

        /// <summary>Uploads and follows the answer to the run's progress page; returns the run id.</summary>
        public async Task<Guid> UploadAsync(string fileName, string content)
        {
            var response = await PostUploadAsync(fileName, content);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith("/console/records/upload/", location, StringComparison.Ordinal);
            return Guid.Parse(location["/console/records/upload/".Length..]);
        }

        /// <summary>The progress page once it says the run is finished (it reloads itself until then).</summary>
        public async Task<string> FinishedRunAsync(Guid run)
        {
            for (var i = 0; i < 1200; i++)
            {
                var html = await Client.GetStringAsync(new Uri($"/console/records/upload/{run}", UriKind.Relative), Cancel);
                if (html.Contains("notice-good", StringComparison.Ordinal))
                {
                    Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
                    return html;
                }

                await Task.Delay(50, Cancel);
            }

            throw new TimeoutException($"the run {run} did not finish within a minute");
        }

        private async Task<string> TokenAsync(string path)
        {
            var html = await Client.GetStringAsync(new Uri(path, UriKind.Relative), Cancel);
            return TokenPattern().Match(html).Groups[1].Value;
        }

        [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        public void Dispose() => Client.Dispose();
    }
}

public sealed class RecordUploadTests_on_SQLite() : RecordUploadTests(new SqliteTestDatabases());

public sealed class RecordUploadTests_on_PostgreSQL(PostgresClusterFixture cluster) : RecordUploadTests(new PostgresTestDatabases(cluster));
