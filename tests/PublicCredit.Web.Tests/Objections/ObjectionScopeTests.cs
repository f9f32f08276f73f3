using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Objections;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Objections;

/// <summary>
/// Who suspends (docs/design.md#scope-no-department-acts-for-another; ADR 0034): the subject's own objection suspends at once; another department's only opens
/// a review in the owning department's queue, which the owner may suspend; a subject whose objection was rejected
/// cannot keep the entry suspended by filing again — a refiling opens a review until the cooling-off period has passed.
/// Each attack is tried over HTTP and the check, the public view or the changes feed shows that it failed.
/// </summary>
public abstract class ObjectionScopeTests(ITestDatabases databases) : ServerTests(databases)
{
    private ObjectionSteps Steps => new(Server, Cancel);

    private async Task<string?> OutcomeAsync(HttpClient checker) => (await Steps.CheckAsync(checker)).GetProperty("outcome").GetString();

    private static (Guid Id, bool Suspended) Filed(JsonElement filed) => (filed.GetProperty("id").GetGuid(), filed.GetProperty("suspended").GetBoolean());

    [Fact]
    public async Task Another_departments_objection_opens_a_review_in_the_owners_queue_and_suspends_nothing_until_the_owner_suspends()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        using var otherRecorder = await Steps.ClientAsync(Role.Recorder, Departments.Samr);
        using var otherReviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Samr);
        using var owner = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);

        var filed = await otherRecorder.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel);

        var (id, suspended) = Filed(filed);
        Assert.False(suspended);
        Assert.Equal("2026-12-07", filed.GetProperty("reviewDeadline").GetString()); // the same deadline as the subject's
        Assert.Equal("measures", await OutcomeAsync(checker));
        var queued = Assert.Single((await Steps.GetOkAsync(owner, "/api/v1/objections?status=open")).GetProperty("items").EnumerateArray());
        Assert.Equal((id, false, "samr"), (queued.GetProperty("id").GetGuid(), queued.GetProperty("suspended").GetBoolean(),
            queued.GetProperty("filedByDepartment").GetString()));

        // Only the owner suspends, with reasons, once.
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(otherReviewer, $"/api/v1/objections/{id}/suspend", new JsonObject { ["reasons"] = "证据充分" }, Cancel),
            HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(otherRecorder, $"/api/v1/objections/{id}/suspend", new JsonObject { ["reasons"] = "证据充分" }, Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(owner, $"/api/v1/objections/{id}/suspend", new JsonObject(), Cancel),
            HttpStatusCode.UnprocessableEntity, ObjectionProblemCodes.ReasonsMissing);
        Assert.Equal("measures", await OutcomeAsync(checker));

        var suspension = await owner.PostExpectAsync($"/api/v1/objections/{id}/suspend", new JsonObject { ["reasons"] = "执行款项核对中，先行暂停" }, HttpStatusCode.OK, Cancel);

        Assert.True(suspension.GetProperty("suspended").GetBoolean());
        Assert.Equal("clear", await OutcomeAsync(checker));
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(owner, $"/api/v1/objections/{id}/suspend", new JsonObject { ["reasons"] = "再次" }, Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.AlreadySuspended);
        await owner.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        Assert.Equal("measures", await OutcomeAsync(checker));
        Assert.Equal(["designation-effective", "designation-suspended", "designation-reinstated"],
            (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()));
        await Steps.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task A_recorder_of_every_other_department_objecting_at_once_switches_off_no_list_and_the_subjects_own_objection_still_suspends()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        foreach (var department in new[] { Departments.Samr, Departments.Mof, Departments.Ndrc })
        {
            using var recorder = await Steps.ClientAsync(Role.Recorder, department);
            Assert.False(Filed(await recorder.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id),
                HttpStatusCode.Created, Cancel)).Suspended);
        }

        Assert.Equal("measures", await OutcomeAsync(checker));
        using var subject = Server.Client(designation.Token);

        Assert.True(Filed(await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id, grounds: "本人异议"),
            HttpStatusCode.Created, Cancel)).Suspended);
        Assert.Equal("clear", await OutcomeAsync(checker));
        using var owner = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        Assert.Equal(4, (await Steps.GetOkAsync(owner, "/api/v1/objections?status=open")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_subject_cannot_keep_an_entry_suspended_by_refiling_after_a_rejection()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        using var subject = Server.Client(designation.Token);
        using var owner = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        var (first, suspended) = Filed(await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel));
        Assert.True(suspended);
        await owner.PostExpectAsync($"/api/v1/objections/{first}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);

        for (var n = 1; n <= 5; n++)
        {
            Server.Clock.Advance(TimeSpan.FromDays(1));
            var (again, suspends) = Filed(await subject.PostExpectAsync("/api/v1/objections",
                ObjectionSteps.Objection(designation.Id, grounds: $"第{n}次异议：理由同前。"), HttpStatusCode.Created, Cancel));
            Assert.False(suspends);
            Assert.Equal("measures", await OutcomeAsync(checker));
            await owner.PostExpectAsync($"/api/v1/objections/{again}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        }

        // New evidence the reviewer accepts: the owner suspends.
        var (withEvidence, _) = Filed(await subject.PostExpectAsync("/api/v1/objections",
            ObjectionSteps.Objection(designation.Id, grounds: "新证据：法院出具的执行完毕证明。", evidence: "（2026）闽01执恢12号结案通知书"), HttpStatusCode.Created, Cancel));
        Assert.Equal("measures", await OutcomeAsync(checker));
        await owner.PostExpectAsync($"/api/v1/objections/{withEvidence}/suspend", new JsonObject { ["reasons"] = "新证据需核实" }, HttpStatusCode.OK, Cancel);
        Assert.Equal("clear", await OutcomeAsync(checker));
        await owner.PostExpectAsync($"/api/v1/objections/{withEvidence}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        Assert.Equal("measures", await OutcomeAsync(checker));

        // After the catalog's cooling-off period (90 days) an objection suspends at once again.
        Server.Clock.Advance(TimeSpan.FromDays(91));
        using var later = Server.Client(await Server.SubjectTokenAsync(ObjectionSteps.Organisation)); // the notice's token has expired
        Assert.True(Filed(await later.PostExpectAsync("/api/v1/objections",
            ObjectionSteps.Objection(designation.Id, grounds: "三个月后再次异议"), HttpStatusCode.Created, Cancel)).Suspended);
        await Steps.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task Another_departments_objection_to_a_record_leaves_it_public_and_an_upheld_one_withdraws_it()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        using var anyone = Server.Client();
        using var mof = await Steps.ClientAsync(Role.Recorder, Departments.Mof);
        using var owner = await Steps.ClientAsync(Role.Reviewer, Departments.Samr);
        var publicPath = $"/api/v1/public/subjects/{ObjectionSteps.Organisation}";

        var (id, suspended) = Filed(await mof.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(record, record: true), HttpStatusCode.Created, Cancel));

        Assert.False(suspended);
        Assert.Single((await Steps.GetOkAsync(anyone, publicPath)).GetProperty("records").EnumerateArray());
        Assert.Equal(["record-published"], (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()));
        Server.Clock.Advance(TimeSpan.FromHours(1));
        await owner.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("upheld", "经核实，信息有误，撤下公示。"), HttpStatusCode.OK, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, (await Steps.GetAsync(anyone, publicPath)).Status);
        Assert.Equal(["record-published", "record-withdrawn"], (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()));
        await Steps.AssertLedgerVerifiesAsync();
    }
}

public sealed class ObjectionScopeTests_on_SQLite() : ObjectionScopeTests(new SqliteTestDatabases());

public sealed class ObjectionScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : ObjectionScopeTests(new PostgresTestDatabases(cluster));
