using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Changes;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Restorations;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using static PublicCredit.Web.Tests.Restorations.RestorationScenario;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>
/// Credit restoration through the single window (docs/api.md restorations; docs/domain.md#publicity-periods, docs/domain.md#objections-and-restoration; docs/design.md#5-restoration-is-free-and-on-time): the subject
/// applies with its commitment once the minimum publicity has passed, the designating department accepts within 3
/// and decides within 10 working days, and a grant stops publication and measures at once, everywhere.
/// </summary>
public abstract class RestorationTests(ITestDatabases databases) : ServerTests(databases)
{
    private RestorationScenario Scenario => new(Server, Cancel);

    [Fact]
    public async Task A_granted_restoration_clears_the_next_check_and_the_public_profile_and_the_changes_feed_says_so()
    {
        var designation = (await Given.EffectiveDesignationAsync()).Id;
        Assert.Equal("measures", (await Scenario.CheckAsync()).GetProperty("outcome").GetString());
        // Wed 2027-11-24: the year of minimum publicity for serious information has passed (earliest 2027-11-23).
        Scenario.MoveTo(new DateTimeOffset(2027, 11, 24, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        using var anonymous = Server.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/public/subjects/{Organisation}", Cancel)).StatusCode);

        var submitted = await subject.PostExpectAsync("/api/v1/restorations", Application(designation), HttpStatusCode.Created, Cancel);
        var id = submitted.GetProperty("id").GetGuid();
        // Accept by the 3rd and decide by the 10th working day after Wed 2027-11-24 (weekends skipped).
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        Assert.Equal("2027-11-29", submitted.GetProperty("acceptBy").GetString());
        Assert.Equal("2027-12-08", submitted.GetProperty("decideBy").GetString());
        Assert.Equal("2027-11-23", submitted.GetProperty("earliestRestoration").GetString());
        Assert.Equal("measures", (await Scenario.CheckAsync()).GetProperty("outcome").GetString()); // applying changes nothing yet

        Scenario.MoveTo(new DateTimeOffset(2027, 11, 25, 10, 0, 0, China));
        var accepted = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel);
        Scenario.MoveTo(new DateTimeOffset(2027, 12, 1, 10, 0, 0, China));
        var decided = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/decide", Decide(), HttpStatusCode.OK, Cancel);

        Assert.Equal(("accepted", false), (accepted.GetProperty("status").GetString(), accepted.GetProperty("late").GetBoolean()));
        Assert.Equal(("granted", false), (decided.GetProperty("status").GetString(), decided.GetProperty("late").GetBoolean()));
        Assert.Equal("clear", (await Scenario.CheckAsync()).GetProperty("outcome").GetString());
        await Problems.AssertAsync(await anonymous.GetAsync($"/api/v1/public/subjects/{Organisation}", Cancel), HttpStatusCode.NotFound, "subject-not-found");
        var read = await subject.ReadJsonAsync($"/api/v1/designations/{designation}", Cancel);
        Assert.Equal("restored", read.GetProperty("status").GetString());
        var item = (await Scenario.ChangesAsync()).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("designation-restored", designation), (item.GetProperty("type").GetString(), item.GetProperty("designationId").GetGuid()));

        var application = await subject.ReadJsonAsync($"/api/v1/restorations/{id}", Cancel);
        Assert.Equal("granted", application.GetProperty("status").GetString());
        Assert.True(application.GetProperty("decision").GetProperty("outcome").GetBoolean());

        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Payload.Contains(id.ToString())).OrderBy(e => e.Position).ToListAsync(Cancel);
        Assert.Equal([RestorationEvents.Submitted, RestorationEvents.Accepted, DesignationEvents.Restored], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Contains(designation.ToString(), e.Payload, StringComparison.Ordinal));
        Assert.True((await new PublicCredit.Ledger.VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task Applying_before_the_minimum_publicity_period_is_422_with_the_earliest_date()
    {
        var designation = (await Given.EffectiveDesignationAsync()).Id;
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 2, 19, 23, 59, 0, China)); // the day before the record's earliest date
        using var subject = await Scenario.SubjectAsync();

        var onDesignation = await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", Application(designation), Cancel),
            HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.TooEarly);
        var onRecord = await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", Application(recordId: record), Cancel),
            HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.TooEarly);

        // Serious: one year from the decision's China date; general: three months from the decision date (docs/domain.md#publicity-periods).
        Assert.Equal("2027-11-23", onDesignation.GetProperty("earliestDate").GetString());
        Assert.Equal("2027-02-20", onRecord.GetProperty("earliestDate").GetString());
        Assert.Contains("2027-02-20", onRecord.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Scenario.MoveTo(new DateTimeOffset(2027, 2, 20, 0, 0, 0, China));
        await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1, await db.Restorations.CountAsync(Cancel));
    }

    [Theory]
    [InlineData(null, RestorationProblemCodes.CommitmentRequired)]
    [InlineData(false, RestorationProblemCodes.CommitmentRequired)]
    public async Task Applying_without_the_signed_commitment_is_422(bool? commitment, string code)
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();

        var body = Application(recordId: record, commitment: commitment is null ? null : JsonValue.Create(commitment.Value), withCommitment: commitment is not null);
        var problem = await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", body, Cancel), HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal([("commitment", code)], problem.FieldCodes());
        var typed = Application(recordId: record, commitment: "yes");
        Assert.Equal([("commitment", RestorationProblemCodes.FieldTypeInvalid)],
            (await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", typed, Cancel), HttpStatusCode.UnprocessableEntity,
                RestorationProblemCodes.FieldTypeInvalid)).FieldCodes());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Restorations.CountAsync(Cancel));
    }

    [Theory]
    [InlineData("long", RestorationProblemCodes.FieldTooLong)]
    [InlineData("nul", RestorationProblemCodes.FieldCharacterInvalid)]
    public async Task Evidence_that_is_too_long_or_not_text_is_refused_with_the_restorations_own_code(string kind, string code)
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        var body = Application(recordId: record);
        body["evidence"] = kind == "long" ? new string('证', 10_001) : "已整改\u0000";

        var problem = await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", body, Cancel), HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal([("evidence", code)], problem.FieldCodes());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Restorations.CountAsync(Cancel));
    }

    [Fact]
    public async Task Another_subjects_token_or_a_staff_key_cannot_apply()
    {
        var designation = (await Given.EffectiveDesignationAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 11, 24, 10, 0, 0, China));
        using var other = await Scenario.SubjectAsync(DesignationBodies.OtherOrganisation);
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        using var anonymous = Server.Client();

        await Problems.AssertAsync(await other.PostAsJsonAsync("/api/v1/restorations", Application(designation), Cancel), HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync("/api/v1/restorations", Application(designation), Cancel), HttpStatusCode.Forbidden, "subject-token-required");
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/v1/restorations", Application(designation), Cancel), HttpStatusCode.Unauthorized, "authentication-required");
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Restorations.CountAsync(Cancel));
    }

    [Fact]
    public async Task Another_department_can_neither_accept_nor_decide_nor_read_the_application()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        var id = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        using var otherReviewer = await Scenario.StaffAsync(Role.Reviewer, Departments.Sta);
        using var recorder = await Scenario.StaffAsync(Role.Recorder);
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);

        await Problems.AssertAsync(await otherReviewer.PostAsJsonAsync($"/api/v1/restorations/{id}/accept", Accept(), Cancel), HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await recorder.PostAsJsonAsync($"/api/v1/restorations/{id}/accept", Accept(), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await otherReviewer.GetAsync($"/api/v1/restorations/{id}", Cancel), HttpStatusCode.Forbidden, "department-scope");
        await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel);
        await Problems.AssertAsync(await otherReviewer.PostAsJsonAsync($"/api/v1/restorations/{id}/decide", Decide(), Cancel), HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"/api/v1/restorations/{id}/accept", Accept(), Cancel), HttpStatusCode.Conflict, RestorationProblemCodes.NotSubmitted);

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(RestorationStatus.Accepted, (await db.Restorations.SingleAsync(Cancel)).Status);
    }

    [Fact]
    public async Task An_unknown_target_is_404_and_a_revoked_designation_or_an_open_application_is_409()
    {
        var designation = (await Given.EffectiveDesignationAsync()).Id;
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);

        await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", Application(Guid.CreateVersion7()), Cancel), HttpStatusCode.NotFound, RestorationProblemCodes.TargetNotFound);
        await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", Application(designation, record), Cancel), HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.TargetInvalid);
        await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", new JsonObject { ["target"] = new JsonObject { ["recordId"] = "x" }, ["commitment"] = true }, Cancel),
            HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.TargetInvalid);
        using (var notJson = new StringContent("{", System.Text.Encoding.UTF8, "application/json"))
        {
            await Problems.AssertAsync(await subject.PostAsync("/api/v1/restorations", notJson, Cancel), HttpStatusCode.BadRequest, "body-invalid-json");
        }

        await reviewer.PostExpectAsync($"/api/v1/designations/{designation}/revoke", new JsonObject { ["reasons"] = "认定依据的事实已被撤销。" }, HttpStatusCode.OK, Cancel);
        await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", Application(designation), Cancel), HttpStatusCode.Conflict, RestorationProblemCodes.TargetNotInForce);

        var first = await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel);
        var again = await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/restorations", Application(recordId: record), Cancel), HttpStatusCode.Conflict, RestorationProblemCodes.AlreadyOpen);
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("restorationId").GetGuid());
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"/api/v1/restorations/{Guid.CreateVersion7()}/accept", Accept(), Cancel), HttpStatusCode.NotFound, RestorationProblemCodes.NotFound);
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync("/api/v1/restorations/not-an-id/decide", Decide(), Cancel), HttpStatusCode.NotFound, RestorationProblemCodes.NotFound);
    }

    [Fact]
    public async Task A_refusal_needs_reasons_and_the_subject_reads_them_with_its_remedies()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        var id = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();

        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"/api/v1/restorations/{id}/accept", Accept(false, null), Cancel), HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.ReasonsMissing);
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"/api/v1/restorations/{id}/accept", new JsonObject { ["reasons"] = "x" }, Cancel), HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.OutcomeMissing);
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"/api/v1/restorations/{id}/decide", Decide(), Cancel), HttpStatusCode.Conflict, RestorationProblemCodes.NotAccepted);
        await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel);
        var refused = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/decide", Decide(false, "罚款尚未缴纳，不符合修复条件。"), HttpStatusCode.OK, Cancel);

        Assert.Equal("refused", refused.GetProperty("status").GetString());
        var application = await subject.ReadJsonAsync($"/api/v1/restorations/{id}", Cancel);
        var refusal = application.GetProperty("refusal");
        Assert.Equal(("decide", "罚款尚未缴纳，不符合修复条件。"), (refusal.GetProperty("step").GetString(), refusal.GetProperty("reasons").GetString()));
        Assert.Equal(["administrative-reconsideration", "administrative-litigation"],
            refusal.GetProperty("remedies").EnumerateArray().Select(r => r.GetProperty("right").GetString()));
        using var anonymous = Server.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/public/subjects/{Organisation}", Cancel)).StatusCode); // still public
        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Payload.Contains(id.ToString())).Select(e => e.Type).ToListAsync(Cancel);
        Assert.Equal([RestorationEvents.Submitted, RestorationEvents.Accepted, RestorationEvents.Refused], events);
    }

    [Fact]
    public async Task A_granted_record_restoration_stops_publication_at_once_and_is_announced_once()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        using var anonymous = Server.Client();
        var id = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel);

        await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/decide", Decide(), HttpStatusCode.OK, Cancel);

        await Problems.AssertAsync(await anonymous.GetAsync($"/api/v1/public/subjects/{Organisation}", Cancel), HttpStatusCode.NotFound, "subject-not-found");
        var search = await anonymous.ReadJsonAsync("/api/v1/public/subjects?q=福州示例", Cancel);
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        // The past is not rewritten: as of before the grant, staff still see it was public.
        using var auditor = await Scenario.StaffAsync(Role.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/public/subjects/{Organisation}?asOf=2027-02-01&purpose=audit", Cancel)).StatusCode);
        var items = (await Scenario.ChangesAsync()).GetProperty("items").EnumerateArray().ToList();
        var restored = Assert.Single(items, i => i.GetProperty("type").GetString() == ChangeTypes.RecordRestored);
        Assert.Equal(record, restored.GetProperty("recordId").GetGuid());

        // When the period would have ended, nothing is announced again.
        Scenario.MoveTo(new DateTimeOffset(2027, 11, 21, 10, 0, 0, China));
        var announcer = (WithdrawalAnnouncer)Server.Services.GetService(typeof(WithdrawalAnnouncer))!;
        Assert.Equal(0, await announcer.RunOnceAsync(Cancel));
        Assert.DoesNotContain((await Scenario.ChangesAsync()).GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == ChangeTypes.RecordWithdrawn);
    }

    [Fact]
    public async Task The_profile_lists_the_subjects_applications_newest_first_with_deadlines_and_refusal_but_not_the_evidence()
    {
        var first = (await Given.PublishedRecordAsync()).Id;
        var second = (await Given.PublishedRecordAsync("闽市监罚〔2026〕102号")).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        var refused = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: first), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        await reviewer.PostExpectAsync($"/api/v1/restorations/{refused}/accept", Accept(false, "材料不全，不予受理。"), HttpStatusCode.OK, Cancel);
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 2, 10, 0, 0, China));
        var open = await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: second), HttpStatusCode.Created, Cancel);

        var listed = (await subject.ReadJsonAsync($"/api/v1/subjects/{Organisation}", Cancel)).GetProperty("restorations").EnumerateArray().ToList();

        Assert.Equal([open.GetProperty("id").GetGuid(), refused], listed.Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(["submitted", "refused"], listed.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(second, listed[0].GetProperty("target").GetProperty("recordId").GetGuid());
        Assert.Equal((open.GetProperty("acceptBy").GetString(), open.GetProperty("decideBy").GetString()),
            (listed[0].GetProperty("acceptBy").GetString(), listed[0].GetProperty("decideBy").GetString()));
        Assert.Equal(("accept", "材料不全，不予受理。"),
            (listed[1].GetProperty("refusal").GetProperty("step").GetString(), listed[1].GetProperty("refusal").GetProperty("reasons").GetString()));
        // A profile is open to every staff role: the commitment's evidence stays behind GET /restorations/{id} (ADR 0021 §3).
        using var checker = await Scenario.StaffAsync(Role.Checker, Departments.Mof);
        var seenByStaff = (await checker.ReadJsonAsync($"/api/v1/subjects/{Organisation}?purpose=public-procurement", Cancel)).GetProperty("restorations");
        Assert.Equal(2, seenByStaff.GetArrayLength());
        Assert.DoesNotContain(listed.Concat(seenByStaff.EnumerateArray()), r => r.TryGetProperty("evidence", out _) || r.TryGetProperty("commitment", out _));
    }

    [Fact]
    public async Task The_departments_queue_lists_open_applications_soonest_deadline_first()
    {
        var first = (await Given.PublishedRecordAsync("闽市监罚〔2026〕101号")).Id;
        var second = (await Given.PublishedRecordAsync("闽市监罚〔2026〕102号")).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        var a = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: first), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 3, 10, 0, 0, China));
        var b = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: second), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        using var otherReviewer = await Scenario.StaffAsync(Role.Reviewer, Departments.Sta);
        await reviewer.PostExpectAsync($"/api/v1/restorations/{a}/accept", Accept(), HttpStatusCode.OK, Cancel);

        var queue = (await reviewer.ReadJsonAsync("/api/v1/restorations", Cancel)).GetProperty("items").EnumerateArray().ToList();

        // b must be accepted by Mon 2027-03-08, a decided by Mon 2027-03-15: b is due first.
        Assert.Equal([b, a], queue.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(["submitted", "accepted"], queue.Select(i => i.GetProperty("status").GetString()));
        Assert.Empty((await otherReviewer.ReadJsonAsync("/api/v1/restorations", Cancel)).GetProperty("items").EnumerateArray());
        Assert.Single((await reviewer.ReadJsonAsync("/api/v1/restorations?status=accepted", Cancel)).GetProperty("items").EnumerateArray());
        await Problems.AssertAsync(await reviewer.GetAsync("/api/v1/restorations?status=paid", Cancel), HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.StatusInvalid);
        // The reviewer's reads are inquiries the subject sees: department, role and purpose.
        var inquiries = await subject.ReadJsonAsync($"/api/v1/subjects/{Organisation}/inquiries", Cancel);
        Assert.Contains(inquiries.EnumerateArray(), i => i.GetProperty("department").GetString() == "samr"
            && i.GetProperty("role").GetString() == "reviewer" && i.GetProperty("purpose").GetString() == ReadRestoration.Purpose);
    }
}

public sealed class RestorationTests_on_SQLite() : RestorationTests(new SqliteTestDatabases());

public sealed class RestorationTests_on_PostgreSQL(PostgresClusterFixture cluster) : RestorationTests(new PostgresTestDatabases(cluster));
