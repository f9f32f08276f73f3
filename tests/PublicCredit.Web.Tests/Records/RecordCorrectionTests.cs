using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Records;

/// <summary>
/// POST /api/v1/records/{id}/corrections (docs/api.md#records): the owner department replaces a record's content with a
/// reason; every version stays in history; each correction is a ledger event.
/// </summary>
public abstract class RecordCorrectionTests(ITestDatabases databases) : IAsyncLifetime
{
    private RunningServer server = null!;
    private HttpClient recorder = null!;
    private Guid id;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await RunningServer.StartAsync(databases, Cancel);
        recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        var created = await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).JsonAsync(Cancel);
        id = created.GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync()
    {
        recorder.Dispose();
        await server.DisposeAsync();
    }

    private static JsonObject Corrected(string reason = "罚款金额录入错误") =>
        RecordBodies.Penalty().With("amount", 15).With("reason", reason);

    private Task<HttpResponseMessage> CorrectAsync(JsonNode body, HttpClient? client = null, Guid? target = null) =>
        (client ?? recorder).PostJsonAsync($"/api/v1/records/{target ?? id}/corrections", body, Cancel);

    [Fact]
    public async Task A_correction_makes_a_new_current_version_and_keeps_the_old_one_with_the_reason()
    {
        server.Clock.Advance(TimeSpan.FromHours(2));

        var response = await CorrectAsync(Corrected());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync(Cancel);
        Assert.Equal((id, 2, "corrected"), (body.GetProperty("id").GetGuid(), body.GetProperty("version").GetInt32(), body.GetProperty("status").GetString()));

        await using var db = StorageServices.CreateContext(server.Database);
        var versions = await db.Records.Where(r => r.Id == id).OrderBy(r => r.Version).ToListAsync(Cancel);
        Assert.Equal([12.5m, 15m], versions.Select(v => v.Amount!.Value));
        Assert.Equal(server.Clock.GetUtcNow(), versions[0].SupersededAt);
        Assert.Null(versions[1].SupersededAt);
        Assert.Equal((null, "罚款金额录入错误"), (versions[0].Reason, versions[1].Reason));
        Assert.Equal(versions[0].SubmittedAt, versions[1].SubmittedAt);
        Assert.Equal(versions[1], await db.Records.Current().SingleAsync(Cancel));

        var read = await (await recorder.GetAsync(new Uri($"/api/v1/records/{id}?purpose=supervision", UriKind.Relative), Cancel)).JsonAsync(Cancel);
        Assert.Equal(2, read.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal(["罚款金额录入错误"], read.GetProperty("versions").EnumerateArray()
            .Select(v => v.TryGetProperty("reason", out var r) ? r.GetString() : null).OfType<string>());
    }

    [Fact]
    public async Task A_correction_is_a_ledger_event_with_both_versions_and_the_reason()
    {
        await CorrectAsync(Corrected());

        await using var db = StorageServices.CreateContext(server.Database);
        var corrected = await db.LedgerEvents.SingleAsync(e => e.Type == CorrectRecord.EventType, Cancel);
        Assert.Equal((Departments.Samr, RecordBodies.OrganisationId), (corrected.Department, corrected.Subject));
        var payload = JsonDocument.Parse(corrected.Payload).RootElement;
        Assert.Equal((1, 2), (payload.GetProperty("fromVersion").GetInt32(), payload.GetProperty("toVersion").GetInt32()));
        Assert.Equal("罚款金额录入错误", payload.GetProperty("reason").GetString());
        var versions = await db.Records.OrderBy(r => r.Version).ToListAsync(Cancel);
        Assert.Equal(versions[0].ContentHash, payload.GetProperty("previousContentHash").GetString());
        Assert.Equal(versions[1].ContentHash, payload.GetProperty("record").GetProperty("contentHash").GetString());
        Assert.Equal(corrected.Position, versions[1].LedgerPosition);
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task After_a_correction_the_corrected_content_is_unchanged_and_the_old_content_conflicts()
    {
        await CorrectAsync(Corrected());

        var corrected = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With("amount", 15), Cancel);
        var original = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        await Problems.AssertAsync(original, HttpStatusCode.Conflict, "record-conflict");
    }

    [Fact]
    public async Task Sending_the_same_correction_twice_makes_one_version()
    {
        await CorrectAsync(Corrected());

        var again = await CorrectAsync(Corrected("重复提交"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.JsonAsync(Cancel);
        Assert.Equal(("unchanged", 2), (body.GetProperty("status").GetString(), body.GetProperty("version").GetInt32()));
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(2, await db.Records.CountAsync(Cancel));
        Assert.Equal(1, await db.LedgerEvents.CountAsync(e => e.Type == CorrectRecord.EventType, Cancel));
    }

    [Fact]
    public async Task Another_departments_recorder_cannot_correct_the_record()
    {
        using var other = server.Client(await server.KeyAsync(Role.Recorder, Departments.Sta));

        var response = await CorrectAsync(Corrected(), other);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "department-scope");
        await AssertUncorrectedAsync();
    }

    [Fact]
    public async Task A_reviewer_of_the_owner_department_cannot_correct_either()
    {
        using var reviewer = server.Client(await server.KeyAsync(Role.Reviewer, Departments.Samr));

        await Problems.AssertAsync(await CorrectAsync(Corrected(), reviewer), HttpStatusCode.Forbidden, "role-forbidden");
    }

    [Theory]
    [InlineData("7b0c7f0e-9a55-4f6e-9d6c-000000000000")]
    [InlineData("not-a-record-id")]
    public async Task Correcting_an_unknown_record_answers_404(string target)
    {
        var response = await recorder.PostJsonAsync($"/api/v1/records/{target}/corrections", Corrected(), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "record-not-found");
    }

    [Fact]
    public async Task A_correction_without_a_reason_is_refused_together_with_its_other_problems()
    {
        var response = await CorrectAsync(Corrected().Without("reason").With("publicUntil", "2030-01-01"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-public-until-too-late");
        Assert.Equal(["record-public-until-too-late", "correction-reason-missing"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        await AssertUncorrectedAsync();
    }

    [Fact]
    public async Task A_correction_is_validated_like_a_submission()
    {
        var response = await CorrectAsync(Corrected().With("decisionDate", "2026-12-01"));

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-decision-date-in-future");
        await AssertUncorrectedAsync();
    }

    [Fact]
    public async Task A_correction_is_a_whole_record_so_leaving_a_required_field_out_is_refused()
    {
        var response = await CorrectAsync(new JsonObject { ["amount"] = 15, ["reason"] = "只改金额" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-unknown-category");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "record-legal-basis-missing");
        await AssertUncorrectedAsync();
    }

    [Fact]
    public async Task A_late_correction_does_not_make_a_timely_record_late()
    {
        // Decision Fri 2026-11-20, submitted Mon 2026-11-23: on time. The 7th working day is Tue 2026-12-01;
        // a correction on Thu 2026-12-03 is judged by when the record first reached the platform.
        server.Clock.Advance(TimeSpan.FromDays(10));

        await CorrectAsync(Corrected());

        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal([false, false], await db.Records.OrderBy(r => r.Version).Select(r => r.Late!.Value).ToListAsync(Cancel));
    }

    [Fact]
    public async Task Correcting_the_decision_date_re_judges_the_deadline_against_the_first_submission()
    {
        // Corrected to Tue 2026-10-20: the 7th working day after it is Thu 2026-10-29, so the record, submitted
        // on 2026-11-23, reached the platform late.
        await CorrectAsync(Corrected().With("decisionDate", "2026-10-20").With("publicUntil", null));

        await using var db = StorageServices.CreateContext(server.Database);
        var versions = await db.Records.OrderBy(r => r.Version).ToListAsync(Cancel);
        Assert.Equal([false, true], versions.Select(v => v.Late!.Value));
        Assert.Equal(new DateOnly(2027, 10, 19), versions[1].PublicUntil);
    }

    [Fact]
    public async Task A_document_number_may_be_corrected_unless_another_record_has_it()
    {
        await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty("闽市监罚〔2026〕102号"), Cancel);

        var taken = await CorrectAsync(Corrected().With("documentNumber", "闽市监罚〔2026〕102号"));
        await Problems.AssertAsync(taken, HttpStatusCode.Conflict, "record-document-number-taken");

        var free = await CorrectAsync(Corrected().With("documentNumber", "闽市监罚〔2026〕110号"));
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        // The old number is free again: submitting it creates another record.
        var reused = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    private async Task AssertUncorrectedAsync()
    {
        await using var db = StorageServices.CreateContext(server.Database);
        var row = await db.Records.SingleAsync(Cancel);
        Assert.Equal((1, 12.5m), (row.Version, row.Amount));
        Assert.Equal(0, await db.LedgerEvents.CountAsync(e => e.Type == CorrectRecord.EventType, Cancel));
    }
}

public sealed class RecordCorrectionTests_on_SQLite() : RecordCorrectionTests(new SqliteTestDatabases());

public sealed class RecordCorrectionTests_on_PostgreSQL(PostgresClusterFixture cluster) : RecordCorrectionTests(new PostgresTestDatabases(cluster));
