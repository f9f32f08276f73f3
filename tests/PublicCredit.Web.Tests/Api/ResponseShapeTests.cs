using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// The answers of <c>/api/v1</c> that are assembled in the endpoint (docs/api.md): their members by name and in order,
/// with what is null left out (the serializer skips nulls). The named response records keep the shape clients have.
/// </summary>
public abstract class ResponseShapeTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static string[] Names(JsonElement answer) => [.. answer.EnumerateObject().Select(p => p.Name)];

    private async Task<HttpClient> StaffAsync(Role role, string department) => Server.Client(await Server.KeyAsync(role, department));

    [Fact]
    public async Task Designation_activation_check_and_ledger_answers_keep_their_members_in_order()
    {
        using var recorder = await StaffAsync(Role.Recorder, Departments.Spc);
        using var reviewer = await StaffAsync(Role.Reviewer, Departments.Spc);
        var proposed = await recorder.PostExpectAsync("/api/v1/designations",
            DesignationBodies.DefaulterDesignation(subject: Organisation, name: "福州示例食品有限公司"), HttpStatusCode.Created, Cancel);
        var id = proposed.GetProperty("id").GetGuid();
        using var anonymous = Server.Client();
        using var activation = await anonymous.PostAsJsonAsync("/api/v1/subject-sessions/activate",
            new JsonObject { ["code"] = proposed.GetProperty("activationCode").GetString() }, Cancel);
        Assert.Equal(HttpStatusCode.Created, activation.StatusCode);
        var activated = JsonDocument.Parse(await activation.Content.ReadAsStringAsync(Cancel)).RootElement;
        using var subject = Server.Client(activated.GetProperty("token").GetString());
        var me = await subject.GetJsonAsync("/api/v1/me", Cancel);
        var statement = await subject.PostExpectAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
        var decided = await reviewer.PostExpectAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(document: "（2026）闽01执决123号"), HttpStatusCode.OK, Cancel);
        using var checker = await StaffAsync(Role.Checker, Departments.Mof);
        var check = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Organisation, ["matter"] = "government-procurement" }, HttpStatusCode.OK, Cancel);
        var feedback = await checker.PostExpectAsync($"/api/v1/checks/{check.GetProperty("checkId").GetGuid()}/feedback",
            new JsonObject { ["measure"] = "restrict-government-procurement", ["applied"] = true }, HttpStatusCode.Created, Cancel);
        var performance = await recorder.PostExpectAsync($"/api/v1/designations/{id}/performance",
            new JsonObject { ["performanceDocument"] = "（2026）闽01执123号之一", ["evidence"] = "申请执行人出具的履行完毕证明。" }, HttpStatusCode.Created, Cancel);
        var noticed = await recorder.PostExpectAsync("/api/v1/designations",
            DesignationBodies.DefaulterDesignation(subject: DesignationBodies.OtherOrganisation, name: "北京示例科技有限公司", noticeDocument: "（2026）闽01执告124号"),
            HttpStatusCode.Created, Cancel);
        var revoked = await reviewer.PostExpectAsync($"/api/v1/designations/{noticed.GetProperty("id").GetGuid()}/revoke",
            new JsonObject { ["reasons"] = "复核后撤销" }, HttpStatusCode.OK, Cancel);
        using var auditor = await StaffAsync(Role.Auditor, Departments.Ndrc);
        var allTime = await auditor.GetJsonAsync("/api/v1/stats/implementation", Cancel);
        var fromNovember = await auditor.GetJsonAsync("/api/v1/stats/implementation?from=2026-11-01", Cancel);
        var verification = await auditor.GetJsonAsync("/api/v1/ledger/verification", Cancel);

        Assert.Equal(["id", "status", "objectionDeadline", "notice", "activationCode", "activationCodeExpiresAt"], Names(proposed));
        Assert.Equal(["token", "tokenExpiresAt", "subject", "origin"], Names(activated));
        Assert.Equal(["id", "kind"], Names(activated.GetProperty("subject")));
        Assert.Equal(["subjectId", "kind"], Names(me));
        Assert.Equal(["id", "designationId", "status", "statementFiled", "filedAt"], Names(statement));
        Assert.Equal(["id", "status", "decisionDocument", "effectiveFrom", "expiresAt", "term", "decision"], Names(decided));
        Assert.Equal(["checkId", "outcome", "measures", "dataVersion"], Names(check));
        Assert.Equal(["id", "checkId", "measure", "applied"], Names(feedback));
        Assert.Equal(["id", "designationId", "status", "performedOn", "recordedAt", "removalDueBy", "removedAt"], Names(performance));
        Assert.Equal(["id", "status", "revokedAt"], Names(revoked));
        Assert.Equal(["items"], Names(allTime));
        Assert.Equal(["items", "from"], Names(fromNovember));
        Assert.Equal(["ok", "events", "lastCheckpoint"], Names(verification));
        Assert.Equal(["position", "hash", "keyId", "signedAt"], Names(verification.GetProperty("lastCheckpoint")));
    }

    [Fact]
    public async Task Record_and_objection_answers_keep_their_members_in_order_and_leave_out_what_is_null()
    {
        using var recorder = await StaffAsync(Role.Recorder, Departments.Samr);
        var created = await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(), HttpStatusCode.Created, Cancel);
        var unchanged = await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(), HttpStatusCode.OK, Cancel);
        var batch = await recorder.PostExpectAsync("/api/v1/records/batch",
            new JsonArray(RecordBodies.Penalty("闽市监罚〔2026〕102号"), RecordBodies.Penalty("闽市监罚〔2026〕103号").With("severity", "unknown")),
            HttpStatusCode.OK, Cancel);
        var recordId = created.GetProperty("id").GetGuid();
        var corrected = await recorder.PostExpectAsync($"/api/v1/records/{recordId}/corrections",
            RecordBodies.Penalty().With("facts", "生产经营超范围使用食品添加剂的食品（更正）").With("reason", "事实表述更正"), HttpStatusCode.OK, Cancel);
        using var subject = Server.Client(await Server.SubjectTokenAsync(Organisation));
        var bySubject = await subject.PostExpectAsync("/api/v1/objections", Objection(recordId), HttpStatusCode.Created, Cancel);
        using var otherRecorder = await StaffAsync(Role.Recorder, Departments.Ndrc);
        var byOtherDepartment = await otherRecorder.PostExpectAsync("/api/v1/objections",
            Objection(batch[0].GetProperty("id").GetGuid()), HttpStatusCode.Created, Cancel);
        using var reviewer = await StaffAsync(Role.Reviewer, Departments.Samr);
        var suspension = await reviewer.PostExpectAsync($"/api/v1/objections/{byOtherDepartment.GetProperty("id").GetGuid()}/suspend",
            new JsonObject { ["reasons"] = "核对中，先行暂停" }, HttpStatusCode.OK, Cancel);
        var resolved = await reviewer.PostExpectAsync($"/api/v1/objections/{bySubject.GetProperty("id").GetGuid()}/resolve",
            new JsonObject { ["outcome"] = "rejected", ["reasons"] = "经复核，异议理由不成立，维持原决定。" }, HttpStatusCode.OK, Cancel);

        Assert.Equal(["id", "status"], Names(created));
        Assert.Equal(["id", "status"], Names(unchanged));
        Assert.Equal(["index", "id", "status"], Names(batch[0]));
        Assert.Equal(["index", "status", "errors"], Names(batch[1]));
        Assert.Equal(["id", "version", "status"], Names(corrected));
        Assert.Equal(["id", "status", "reviewDeadline", "filedAt", "suspended", "suspendedAt", "target"], Names(bySubject));
        Assert.Equal(["recordId"], Names(bySubject.GetProperty("target")));
        Assert.Equal(["id", "status", "reviewDeadline", "filedAt", "suspended", "target"], Names(byOtherDepartment));
        Assert.Equal(["id", "status", "reviewDeadline", "filedAt", "suspended", "suspendedAt", "target"], Names(suspension));
        Assert.Equal(["id", "status", "resolvedAt", "target"], Names(resolved));
    }

    [Fact]
    public async Task Restoration_answers_keep_their_members_in_order()
    {
        using var recorder = await StaffAsync(Role.Recorder, Departments.Samr);
        var record = (await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        Server.Clock.Advance(new DateTimeOffset(2027, 2, 22, 10, 0, 0, China) - Server.Clock.GetUtcNow());
        using var subject = Server.Client(await Server.SubjectTokenAsync(Organisation));
        var submitted = await subject.PostExpectAsync("/api/v1/restorations", new JsonObject
        {
            ["target"] = new JsonObject { ["recordId"] = record.ToString() },
            ["evidence"] = "已履行行政处罚决定并完成整改，附整改报告。",
            ["commitment"] = true,
        }, HttpStatusCode.Created, Cancel);
        var id = submitted.GetProperty("id").GetGuid();
        using var reviewer = await StaffAsync(Role.Reviewer, Departments.Samr);
        var accepted = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept",
            new JsonObject { ["accepted"] = true, ["reasons"] = "材料齐全，予以受理。" }, HttpStatusCode.OK, Cancel);
        var queue = await reviewer.GetJsonAsync("/api/v1/restorations", Cancel);
        var granted = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/decide",
            new JsonObject { ["granted"] = true, ["reasons"] = "已履行义务、完成整改并作出信用承诺，准予修复。" }, HttpStatusCode.OK, Cancel);

        Assert.Equal(["id", "status", "acceptBy", "decideBy", "earliestRestoration", "department"], Names(submitted));
        Assert.Equal(["id", "status", "at", "late"], Names(accepted));
        Assert.Equal(["items"], Names(queue));
        Assert.Equal(["id", "status", "at", "late"], Names(granted));
    }

    private static JsonObject Objection(Guid recordId) => new()
    {
        ["target"] = new JsonObject { ["recordId"] = recordId.ToString() },
        ["grounds"] = "决定所依据的事实有误：涉案款项已于2026年10月全部履行。",
    };
}

public sealed class ResponseShapeTests_on_SQLite() : ResponseShapeTests(new SqliteTestDatabases());

public sealed class ResponseShapeTests_on_PostgreSQL(PostgresClusterFixture cluster) : ResponseShapeTests(new PostgresTestDatabases(cluster));
