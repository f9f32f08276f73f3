using System.Net;
using System.Text;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Robustness;

/// <summary>
/// Found by the fuzz run (<see cref="Fuzz.FuzzTests"/>): JSON text that is valid JSON but not text — the noncharacters
/// U+FFFF and U+FFFE, which .NET's Unicode normalisation throws on, and a lone surrogate escape such as <c>\ud800</c>,
/// which <c>JsonElement.GetString</c> throws on — was answered 500 by records, designations, objections, checks and
/// check feedback. Each is now a 422 naming the field. The bodies are written by hand: a serializer never produces them.
/// </summary>
public abstract class NotTextTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_record_whose_facts_hold_a_noncharacter_is_refused_on_facts()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var body = RecordBodies.Penalty().With("facts", "FACTS").ToJsonString().Replace("FACTS", "超范围\\uffff\\ufffe", StringComparison.Ordinal);

        var response = await PostRawAsync(recorder, "/api/v1/records", body);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-field-character-invalid");
        Assert.Contains(("facts", "record-field-character-invalid"), problem.FieldCodes());
    }

    [Fact]
    public async Task An_objection_whose_evidence_holds_a_noncharacter_is_refused_on_evidence()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var body = $$"""{"target":{"designationId":"{{Guid.NewGuid()}}"},"grounds":"决定所依据的事实有误。","evidence":"\uffff\ufffe"}""";

        var response = await PostRawAsync(recorder, "/api/v1/objections", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(("evidence", "objection-field-character-invalid"), (await response.JsonAsync(Cancel)).FieldCodes());
    }

    [Fact]
    public async Task A_designation_whose_notice_document_holds_a_noncharacter_is_refused_on_it()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var body = Designations.DesignationBodies.MarketDesignation(noticeDocument: "NOTICE").ToJsonString().Replace("NOTICE", "\\uffff", StringComparison.Ordinal);

        var response = await PostRawAsync(recorder, "/api/v1/designations", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(("noticeDocument", "designation-field-character-invalid"), (await response.JsonAsync(Cancel)).FieldCodes());
    }

    [Fact]
    public async Task A_check_whose_subject_is_a_lone_surrogate_is_refused_on_subject()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Ndrc));

        var response = await PostRawAsync(checker, "/api/v1/checks", """{"subject":"\ud800","matter":"government-procurement"}""");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "check-field-not-text");
        Assert.Contains(("subject", "check-field-not-text"), problem.FieldCodes());
    }

    [Fact]
    public async Task Feedback_whose_note_is_a_lone_surrogate_is_refused_on_note()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Ndrc));
        var check = await checker.PostExpectAsync("/api/v1/checks",
            new System.Text.Json.Nodes.JsonObject { ["subject"] = RecordBodies.OrganisationId, ["matter"] = "government-procurement" }, HttpStatusCode.OK, Cancel);

        var response = await PostRawAsync(checker, $"/api/v1/checks/{check.GetProperty("checkId").GetString()}/feedback",
            """{"measure":"restrict-government-procurement","applied":true,"note":"\ud800"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(("note", "check-field-not-text"), (await response.JsonAsync(Cancel)).FieldCodes());
    }

    [Fact]
    public async Task A_public_search_for_noncharacters_is_answered_not_thrown_on()
    {
        using var anonymous = Server.Client();

        var (status, body) = await anonymous.GetTextAsync("/api/v1/public/subjects?q=%EF%BF%BF%EF%BF%BE%E7%A6%8F", Cancel);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{(int)status}: {body}");
    }

    [Fact]
    public async Task An_activation_code_that_is_a_lone_surrogate_is_an_unknown_code()
    {
        using var anonymous = Server.Client();

        var response = await PostRawAsync(anonymous, "/api/v1/subject-sessions/activate", """{"code":"\ud800"}""");

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Cancel);
    }
}

public sealed class NotTextTests_on_SQLite() : NotTextTests(new SqliteTestDatabases());

public sealed class NotTextTests_on_PostgreSQL(PostgresClusterFixture cluster) : NotTextTests(new PostgresTestDatabases(cluster));
