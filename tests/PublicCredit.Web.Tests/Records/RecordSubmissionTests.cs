using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Records;

/// <summary>
/// POST /api/v1/records (docs/api.md#records): departments submit legally effective records; the same record again changes
/// nothing; different content under the same document number is a conflict pointing at corrections; bad input is
/// refused field by field and nothing is stored.
/// </summary>
public abstract class RecordSubmissionTests(ITestDatabases databases) : IAsyncLifetime
{
    private RunningServer server = null!;
    private HttpClient recorder = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await RunningServer.StartAsync(databases, Cancel);
        recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
    }

    public async ValueTask DisposeAsync()
    {
        recorder.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_recorder_submits_a_record_and_gets_201_with_its_id_and_location()
    {
        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync(Cancel);
        Assert.Equal("created", body.GetProperty("status").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/records/{id}", response.Headers.Location?.OriginalString);

        await using var db = StorageServices.CreateContext(server.Database);
        var row = await db.Records.SingleAsync(Cancel);
        Assert.Equal((id, 1, Departments.Samr), (row.Id, row.Version, row.Department));
        Assert.Equal(("闽市监罚〔2026〕101号", RecordBodies.OrganisationId, SubjectKind.Organisation), (row.DocumentNumber, row.SubjectId, row.SubjectKind));
        Assert.Equal(NegativeGrade.General, row.Severity);
        Assert.Equal(12.5m, row.Amount);
        // General penalty, decided 2026-11-20: public one year, last day 2027-11-19; submitted on the next working day.
        Assert.Equal(new DateOnly(2027, 11, 19), row.PublicUntil);
        Assert.True(row.Published);
        Assert.False(row.Late);
        Assert.Null(row.SupersededAt);
        Assert.Equal(server.Clock.GetUtcNow(), row.SubmittedAt);
    }

    [Fact]
    public async Task The_owner_reads_its_record_with_computed_publicity_and_history()
    {
        var created = await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).JsonAsync(Cancel);

        var read = await recorder.GetAsync(new Uri($"/api/v1/records/{created.GetProperty("id").GetGuid()}?purpose=supervision", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var record = await read.JsonAsync(Cancel);
        var current = record.GetProperty("current");
        Assert.Equal("2027-11-19", current.GetProperty("publicUntil").GetString());
        Assert.Equal("general", current.GetProperty("severity").GetString());
        Assert.Equal("organisation", current.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal(12.5m, current.GetProperty("amount").GetDecimal());
        Assert.Equal(1, record.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Creating_a_record_is_one_ledger_event_without_personal_data_beyond_the_subject_column()
    {
        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.PenaltyOnPerson(), Cancel);
        var id = (await response.JsonAsync(Cancel)).GetProperty("id").GetGuid();

        await using var db = StorageServices.CreateContext(server.Database);
        var created = await db.LedgerEvents.SingleAsync(e => e.Type == SubmitRecords.CreatedEvent, Cancel);
        Assert.Equal((Departments.Samr, RecordBodies.PersonId), (created.Department, created.Subject));
        var payload = JsonDocument.Parse(created.Payload).RootElement;
        Assert.Equal(id, payload.GetProperty("id").GetGuid());
        Assert.Equal("闽市监罚〔2026〕201号", payload.GetProperty("documentNumber").GetString());
        Assert.False(payload.GetProperty("published").GetBoolean());
        Assert.False(payload.GetProperty("late").GetBoolean());
        var row = await db.Records.SingleAsync(Cancel);
        Assert.Equal(row.ContentHash, payload.GetProperty("contentHash").GetString());
        Assert.Equal(created.Position, row.LedgerPosition);
        Assert.DoesNotContain("李四", created.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordBodies.PersonId, created.Payload, StringComparison.Ordinal);
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task An_individuals_penalty_is_stored_but_not_published()
    {
        await recorder.PostJsonAsync("/api/v1/records", RecordBodies.PenaltyOnPerson(), Cancel);

        await using var db = StorageServices.CreateContext(server.Database);
        var row = await db.Records.SingleAsync(Cancel);
        Assert.Equal(SubjectKind.Individual, row.SubjectKind);
        Assert.False(row.Published);
    }

    [Fact]
    public async Task A_minor_penalty_is_stored_unpublished_without_a_publicity_period()
    {
        await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With("severity", "minor"), Cancel);

        await using var db = StorageServices.CreateContext(server.Database);
        var row = await db.Records.SingleAsync(Cancel);
        Assert.False(row.Published);
        Assert.Null(row.PublicUntil);
    }

    [Fact]
    public async Task Submitting_the_same_record_again_answers_unchanged_with_the_same_id_and_writes_nothing()
    {
        var first = await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).JsonAsync(Cancel);
        var eventsBefore = await LedgerCountAsync();

        var again = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.JsonAsync(Cancel);
        Assert.Equal("unchanged", body.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("id").GetGuid(), body.GetProperty("id").GetGuid());
        Assert.Equal(eventsBefore, await LedgerCountAsync());
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(1, await db.Records.CountAsync(Cancel));
    }

    [Fact]
    public async Task The_same_record_written_differently_is_still_unchanged()
    {
        await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);
        var variant = RecordBodies.Penalty()
            .With("subject", new JsonObject { ["id"] = " ９１３５０１００m０００１００y４３ ", ["name"] = " 福州示例食品有限公司 " })
            .With("severity", "GENERAL")
            .With("amount", "12.500")
            .With("publicUntil", "2027-11-19");

        var again = await recorder.PostJsonAsync("/api/v1/records", variant, Cancel);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", (await again.JsonAsync(Cancel)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Different_content_under_the_same_document_number_is_a_conflict_that_points_at_corrections()
    {
        var first = await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).JsonAsync(Cancel);
        var id = first.GetProperty("id").GetGuid();
        var eventsBefore = await LedgerCountAsync();

        var changed = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With("amount", 20), Cancel);

        var problem = await Problems.AssertAsync(changed, HttpStatusCode.Conflict, "record-conflict");
        Assert.Equal(id, problem.GetProperty("recordId").GetGuid());
        Assert.Equal($"/api/v1/records/{id}/corrections", problem.GetProperty("corrections").GetString());
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(eventsBefore, await LedgerCountAsync());
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(12.5m, (await db.Records.SingleAsync(Cancel)).Amount);
    }

    [Fact]
    public async Task The_same_document_number_in_another_department_is_another_record()
    {
        await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);
        using var taxRecorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Sta));

        var response = await taxRecorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With("amount", 99), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal([Departments.Samr, Departments.Sta], await db.Records.Select(r => r.Department).OrderBy(d => d).ToListAsync(Cancel));
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_record_create_it_once()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(1, await db.Records.CountAsync(Cancel));
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task An_invalid_record_is_refused_with_every_problem_and_nothing_is_stored()
    {
        var body = RecordBodies.Penalty()
            .With("category", "no-such-category")
            .With("subject", new JsonObject { ["id"] = "91350100M000100Y44" })
            .Without("documentNumber")
            .With("decisionDate", "2026-11-24")
            .With("amount", -5);

        var response = await recorder.PostJsonAsync("/api/v1/records", body, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-unknown-category");
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [
                ("category", "record-unknown-category"),
                ("subject.id", "subject-id-invalid"),
                ("subject.name", "subject-name-missing"),
                ("documentNumber", "record-document-number-missing"),
                ("decisionDate", "record-decision-date-in-future"),
                ("amount", "record-amount-invalid"),
            ],
            errors);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("category", "\"administrative-penalties\"", "record-unknown-category")]
    [InlineData("documentNumber", "\"  \"", "record-document-number-missing")]
    [InlineData("decisionDate", "\"2026-11-24\"", "record-decision-date-in-future")]
    [InlineData("publicUntil", "\"2027-11-20\"", "record-public-until-too-late")]
    [InlineData("publicUntil", "\"2026-12-01\"", "record-public-until-too-early")]
    [InlineData("severity", "null", "record-severity-missing")]
    [InlineData("legalBasis", "null", "record-legal-basis-missing")]
    [InlineData("amount", "\"abc\"", "record-amount-invalid")]
    [InlineData("documentNumber", "101", "record-field-type-invalid")]
    [InlineData("publicUntl", "\"2027-01-01\"", "record-field-unknown")]
    public async Task Each_bad_field_is_refused_with_its_code_and_nothing_is_stored(string field, string json, string code)
    {
        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With(field, JsonNode.Parse(json)), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, code);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_mismatched_subject_id_is_refused()
    {
        // Registration information concerns organisations only; a resident ID is refused.
        var body = RecordBodies.Penalty().With("category", "registration").Without("severity")
            .With("subject", new JsonObject { ["id"] = RecordBodies.PersonId, ["name"] = "李四" });

        var response = await recorder.PostJsonAsync("/api/v1/records", body, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "subject-kind-not-allowed");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task The_future_is_judged_by_the_date_in_china_not_the_servers_utc_date()
    {
        // 2026-11-23T17:30Z is already 24 November in China.
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.Zero));

        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(decisionDate: "2026-11-24"), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tooEarly = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty("闽市监罚〔2026〕102号", "2026-11-25"), Cancel);
        await Problems.AssertAsync(tooEarly, HttpStatusCode.UnprocessableEntity, "record-decision-date-in-future");
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_400()
    {
        using var content = new StringContent("{\"category\": \"administrative-penalty\", ", Encoding.UTF8, "application/json");

        var response = await recorder.PostAsync(new Uri("/api/v1/records", UriKind.Relative), content, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "body-invalid-json");
    }

    [Fact]
    public async Task Broken_utf8_inside_a_field_is_refused_naming_the_field_not_a_500()
    {
        var bytes = Encoding.UTF8.GetBytes(RecordBodies.Penalty().With("facts", "BROKEN").ToJsonString());
        var at = Encoding.UTF8.GetString(bytes).IndexOf("BROKEN", StringComparison.Ordinal);
        bytes[at] = 0xC3; // a lead byte followed by ASCII: not UTF-8
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await recorder.PostAsync(new Uri("/api/v1/records", UriKind.Relative), content, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-field-character-invalid");
        Assert.Equal("facts", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_field_over_its_limit_is_refused_naming_the_field()
    {
        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With("facts", new string('事', 10_001)), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-field-too-long");
        Assert.Equal("facts", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_fifty_megabyte_field_is_refused_before_it_is_read_and_nothing_is_stored()
    {
        var body = RecordBodies.Penalty().With("facts", new string('x', 50 * 1024 * 1024)).ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        // A well-behaved client asks before sending a large body; the server answers 413 without reading it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/records") { Content = content };
        request.Headers.ExpectContinue = true;

        var response = await recorder.SendAsync(request, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Only_a_recorder_may_submit()
    {
        using var checker = server.Client(await server.KeyAsync(Role.Checker, Departments.Mof));
        using var anonymous = server.Client();

        await Problems.AssertAsync(await checker.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await anonymous.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Another_department_cannot_read_a_private_record_through_the_owners_endpoint_it_is_unknown_to_it()
    {
        var created = await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.PenaltyOnPerson(), Cancel)).JsonAsync(Cancel);
        using var other = server.Client(await server.KeyAsync(Role.Recorder, Departments.Sta));

        var response = await other.GetAsync(new Uri($"/api/v1/records/{created.GetProperty("id").GetGuid()}?purpose=supervision", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "record-not-found");
        await Problems.AssertAsync(await recorder.GetAsync(new Uri($"/api/v1/records/{Guid.NewGuid()}?purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "record-not-found");
    }

    private async Task<int> LedgerCountAsync()
    {
        await using var db = StorageServices.CreateContext(server.Database);
        return await db.LedgerEvents.CountAsync(Cancel);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(0, await db.Records.CountAsync(Cancel));
        Assert.Equal(0, await db.LedgerEvents.CountAsync(e => e.Type.StartsWith("record"), Cancel));
    }
}

public sealed class RecordSubmissionTests_on_SQLite() : RecordSubmissionTests(new SqliteTestDatabases());

public sealed class RecordSubmissionTests_on_PostgreSQL(PostgresClusterFixture cluster) : RecordSubmissionTests(new PostgresTestDatabases(cluster));
