using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Ledger;
using PublicCredit.Reports;
using PublicCredit.Storage;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Web;

/// <summary>
/// The credit report and its verification over HTTP (docs/web.md#credit-report; ADR 0015), on each provider: the digest is stored
/// with a ledger event, /verify confirms a real code and refuses any altered one, and a report never shows more than
/// the public API.
/// </summary>
public abstract class ReportTests(ITestDatabases databases) : ServerTests(databases)
{
    private static async Task<(byte[] Pdf, string Code)> ReportAsync(HttpClient client, string subject)
    {
        var response = await client.GetAsync(new Uri($"/public/subjects/{subject}/report.pdf", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        Assert.NotNull(name);
        return (await response.Content.ReadAsByteArrayAsync(Cancel), name!.Trim('"')["credit-report-".Length..^".pdf".Length]);
    }

    [Fact]
    public async Task An_address_downloading_more_reports_than_the_minute_allows_is_refused_and_nothing_is_stored_for_the_refusals()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = Server.Client();
        var allowed = new PublicCredit.Web.Hosting.HostSettings { Database = Server.Database, CatalogDirectory = "" }.ReportsPerMinutePerAddress;
        for (var n = 0; n < allowed; n++)
        {
            await ReportAsync(anyone, RecordBodies.OrganisationId);
        }

        var refused = await anyone.GetAsync(new Uri($"/public/subjects/{RecordBodies.OrganisationId}/report.pdf", UriKind.Relative), Cancel);

        var problem = await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, "report-rate-limited");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60, problem.ToString());
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
        Assert.Equal(allowed, await db.IssuedReports.CountAsync(Cancel));
        Assert.Equal(allowed, await db.LedgerEvents.CountAsync(e => e.Type == IssueCreditReport.EventType, Cancel));
        // The public profile and verification are not limited with it.
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(new Uri($"/public/subjects/{RecordBodies.OrganisationId}", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_issued_report_is_stored_as_a_digest_with_a_ledger_event_and_its_verify_page_shows_what_it_contained()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = Server.Client();

        var (pdf, code) = await ReportAsync(anyone, RecordBodies.OrganisationId);

        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        // Only the glyphs drawn are embedded (ADR 0015 §7): the whole CJK face alone would be megabytes.
        Assert.True(pdf.Length < 1_000_000, $"the report has {pdf.Length} bytes");
        using (var scope = Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
            var row = await db.IssuedReports.SingleAsync(Cancel);
            Assert.Equal(code, ReportCodes.Display(row.Code));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), row.Sha256);
            Assert.Equal(1, row.Records);
            Assert.Equal(RunningServer.DefaultStart, row.GeneratedAt);
            var issued = await db.LedgerEvents.SingleAsync(e => e.Type == IssueCreditReport.EventType, Cancel);
            Assert.Contains(row.Sha256, issued.Payload, StringComparison.Ordinal);
            Assert.True(row.DataVersion < issued.Position); // the data the report shows was there before it was issued
            Assert.True((await scope.ServiceProvider.GetRequiredService<VerifyLedger>().RunAsync(Cancel)).Ok);
        }

        var page = WebUtility.HtmlDecode(await anyone.GetStringAsync(new Uri("/verify/" + code, UriKind.Relative), Cancel));
        Assert.Contains("报告真实", page, StringComparison.Ordinal);
        Assert.Contains("福州示例食品有限公司", page, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(pdf)), page, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 09:00:00 (UTC+8)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_still_verifies_on_another_server_over_the_same_database()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = Server.Client();
        var (_, code) = await ReportAsync(anyone, RecordBodies.OrganisationId);

        // Another node (or the same after a restart) reads the same signing key from the keys folder.
        await using var other = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var client = other.Client();
        var response = await client.GetAsync(new Uri("/verify/" + code, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("报告真实", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_with_any_one_character_changed_is_refused_as_not_issued_here()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = Server.Client();
        var (_, code) = await ReportAsync(anyone, RecordBodies.OrganisationId);
        var plain = code.Replace("-", string.Empty, StringComparison.Ordinal);

        for (var i = 0; i < plain.Length; i++)
        {
            var other = plain[i] == 'A' ? 'B' : 'A';
            var tampered = plain[..i] + other + plain[(i + 1)..];
            var response = await anyone.GetAsync(new Uri("/verify/" + tampered, UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.Contains("这不是本平台签发的核验码", body, StringComparison.Ordinal);
            Assert.DoesNotContain("报告真实", body, StringComparison.Ordinal);
        }

        // The same code in lower case and without dashes is the same code.
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(new Uri("/verify/" + plain.ToLowerInvariant(), UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_report_names_its_language_in_the_catalog_for_screen_readers_and_stays_a_well_formed_pdf()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var chinese = Server.Client();
        using var english = Server.Client();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        foreach (var (client, language) in new[] { (chinese, "zh-CN"), (english, "en") })
        {
            var (pdf, _) = await ReportAsync(client, RecordBodies.OrganisationId);

            var text = System.Text.Encoding.Latin1.GetString(pdf);
            var root = System.Text.RegularExpressions.Regex.Matches(text, @"/Root (\d+) 0 R")[^1].Groups[1].Value;
            var catalog = text[text.LastIndexOf($"\n{root} 0 obj", StringComparison.Ordinal)..];
            Assert.Contains($"/Lang ({language})", catalog[..catalog.IndexOf("endobj", StringComparison.Ordinal)], StringComparison.Ordinal);
            var (exit, output, errors) = await PopplerAsync("pdfinfo", pdf);
            Assert.True(exit == 0 && errors.Length == 0, $"pdfinfo: exit {exit}, {errors}");
            Assert.Matches(@"Pages:\s+[1-9]", output);
        }
    }

    /// <summary>Runs a poppler tool (scripts/test.sh installs poppler-utils) on the PDF: exit code, output, errors.</summary>
    private static async Task<(int Exit, string Output, string Errors)> PopplerAsync(string tool, byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), "pcredit-report-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, pdf, Cancel);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(tool, [file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
            var output = process.StandardOutput.ReadToEndAsync(Cancel);
            var errors = process.StandardError.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            return (process.ExitCode, await output, await errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_report_shows_no_more_than_the_public_api_nothing_for_a_private_individual()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        // A penalty on an individual is not published (the category keeps individuals private).
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.PenaltyOnPerson(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = Server.Client();

        var api = await anyone.GetAsync(new Uri("/api/v1/public/subjects/" + RecordBodies.PersonId, UriKind.Relative), Cancel);
        var report = await anyone.GetAsync(new Uri($"/public/subjects/{RecordBodies.PersonId}/report.pdf", UriKind.Relative), Cancel);
        var page = await anyone.GetAsync(new Uri("/public/subjects/" + RecordBodies.PersonId, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        await Problems.AssertAsync(report, HttpStatusCode.NotFound, "subject-not-found");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("李四", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var scope = Server.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>().IssuedReports.CountAsync(Cancel));
    }
}

public sealed class ReportTests_on_SQLite() : ReportTests(new SqliteTestDatabases());

public sealed class ReportTests_on_PostgreSQL(PostgresClusterFixture cluster) : ReportTests(new PostgresTestDatabases(cluster));
