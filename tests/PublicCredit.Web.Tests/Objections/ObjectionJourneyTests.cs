using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Objections;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Objections;

/// <summary>
/// Objections as a subject and the departments live them (docs/api.md <c>/objections</c>; docs/design.md#4-an-objection-suspends-at-once; docs/domain.md#objections-and-restoration;
/// ADR 0013): filing suspends at once — the very next check and the very next public read no longer show the target —
/// and the owning department's resolution either puts it back in force or ends it for good; every step is a ledger
/// event and a changes-feed item.
/// </summary>
public abstract class ObjectionJourneyTests(ITestDatabases databases) : ServerTests(databases)
{
    private ObjectionSteps Steps => new(Server, Cancel);

    [Fact]
    public async Task An_objection_suspends_the_designation_in_the_same_request_and_a_rejection_puts_it_back_in_force()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        var licence = (await Given.PublishedRecordAsync()).Id; // keeps the public profile there while the designation is hidden
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        using var subject = Server.Client(designation.Token);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        using var anyone = Server.Client();
        var publicPath = $"/api/v1/public/subjects/{ObjectionSteps.Organisation}";
        Assert.Equal("measures", (await Steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Single((await Steps.GetOkAsync(anyone, publicPath)).GetProperty("designations").EnumerateArray());

        var filed = await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel);

        var objectionId = filed.GetProperty("id").GetGuid();
        Assert.Equal("open", filed.GetProperty("status").GetString());
        // Mon 2026-11-23 + 10 working days (catalog objections.reviewWorkingDays) = Mon 2026-12-07.
        Assert.Equal("2026-12-07", filed.GetProperty("reviewDeadline").GetString());
        var clear = await Steps.CheckAsync(checker);
        Assert.Equal("clear", clear.GetProperty("outcome").GetString());
        Assert.Empty(clear.GetProperty("measures").EnumerateArray());
        Assert.Empty((await Steps.GetOkAsync(anyone, publicPath)).GetProperty("designations").EnumerateArray());
        var suspended = await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation.Id}");
        Assert.Equal(("suspended", true), (suspended.GetProperty("status").GetString(), suspended.GetProperty("objectionOpen").GetBoolean()));
        var staffProfile = await Steps.GetOkAsync(reviewer, $"/api/v1/subjects/{ObjectionSteps.Organisation}?purpose=supervision");
        var shown = Assert.Single(staffProfile.GetProperty("objections").EnumerateArray());
        Assert.Equal((objectionId, "open"), (shown.GetProperty("id").GetGuid(), shown.GetProperty("status").GetString()));
        Assert.Equal("suspended", staffProfile.GetProperty("designations")[0].GetProperty("status").GetString());
        Assert.Empty(staffProfile.GetProperty("measures").EnumerateArray());

        Server.Clock.Advance(TimeSpan.FromDays(2));
        var resolved = await reviewer.PostExpectAsync($"/api/v1/objections/{objectionId}/resolve",
            ObjectionSteps.Resolution("rejected", "经复核，款项未履行，异议不成立。"), HttpStatusCode.OK, Cancel);

        Assert.Equal("rejected", resolved.GetProperty("status").GetString());
        Assert.Equal("measures", (await Steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Single((await Steps.GetOkAsync(anyone, publicPath)).GetProperty("designations").EnumerateArray());
        Assert.Equal("effective", (await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation.Id}")).GetProperty("status").GetString());
        // The subject reads the answer with its reasons (docs/domain.md#objections-and-restoration).
        var answer = await Steps.GetOkAsync(subject, $"/api/v1/objections/{objectionId}");
        Assert.Equal("rejected", answer.GetProperty("status").GetString());
        Assert.Equal("经复核，款项未履行，异议不成立。", answer.GetProperty("resolution").GetProperty("reasons").GetString());
        Assert.Equal(designation.Id, answer.GetProperty("target").GetProperty("designationId").GetGuid());

        var feed = (await Steps.FeedAsync()).Where(i => i.TryGetProperty("designationId", out _)).ToList();
        Assert.Equal(["designation-effective", "designation-suspended", "designation-reinstated"], feed.Select(i => i.GetProperty("type").GetString()));
        Assert.All(feed.Skip(1), i => Assert.Equal(objectionId, i.GetProperty("objectionId").GetGuid()));
        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            var events = await db.LedgerEvents.Where(e => e.Type.StartsWith("objection-")).OrderBy(e => e.Position).ToListAsync(Cancel);
            Assert.Equal([ObjectionEvents.Filed, ObjectionEvents.Rejected], events.Select(e => e.Type));
            Assert.All(events, e =>
            {
                using var payload = JsonDocument.Parse(e.Payload);
                Assert.Equal(objectionId, payload.RootElement.GetProperty("objectionId").GetGuid());
                Assert.Equal(designation.Id, payload.RootElement.GetProperty("designationId").GetGuid());
                Assert.DoesNotContain("款项", e.Payload, StringComparison.Ordinal); // free text is hashed, never copied
            });
        }

        Assert.NotEqual(Guid.Empty, licence);
        await Steps.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task An_upheld_objection_revokes_the_designation_for_good()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var subject = Server.Client(designation.Token);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        var id = (await Given.ObjectionAsync(designation)).Id;

        await reviewer.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("upheld", "经复核，义务已履行，撤销列入。"), HttpStatusCode.OK, Cancel);

        var read = await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation.Id}");
        Assert.Equal("revoked", read.GetProperty("status").GetString());
        Assert.Equal("经复核，义务已履行，撤销列入。", read.GetProperty("revocation").GetProperty("reasons").GetString());
        Assert.Equal("clear", (await Steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        var again = await ObjectionSteps.PostAsync(subject, "/api/v1/objections", ObjectionSteps.Objection(designation.Id, grounds: "再次异议"), Cancel);
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "designation-closed");
        var types = (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()).ToList();
        Assert.Equal(["designation-effective", "designation-suspended", "designation-revoked"], types);
        await Steps.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task An_objection_against_a_record_drops_it_from_every_public_view_at_once_and_upheld_withdraws_it_for_good()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        using var anyone = Server.Client();
        using var subject = Server.Client(await Server.SubjectTokenAsync(ObjectionSteps.Organisation));
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Samr);
        using var recorder = await Steps.ClientAsync(Role.Recorder, Departments.Samr);
        var publicPath = $"/api/v1/public/subjects/{ObjectionSteps.Organisation}";
        const string searchPath = "/api/v1/public/subjects?q=福州示例";
        Assert.Single((await Steps.GetOkAsync(anyone, publicPath)).GetProperty("records").EnumerateArray());
        Assert.Equal(1, (await Steps.GetOkAsync(anyone, searchPath)).GetProperty("total").GetInt32());

        var filed = await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(record, record: true), HttpStatusCode.Created, Cancel);

        var id = filed.GetProperty("id").GetGuid();
        Assert.Equal(record, filed.GetProperty("target").GetProperty("recordId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await Steps.GetAsync(anyone, publicPath)).Status);
        Assert.Equal(0, (await Steps.GetOkAsync(anyone, searchPath)).GetProperty("total").GetInt32());
        var staff = await Steps.GetOkAsync(reviewer, $"/api/v1/subjects/{ObjectionSteps.Organisation}?purpose=supervision");
        Assert.Single(staff.GetProperty("records").EnumerateArray()); // staff still see the record, and the objection on it
        Assert.Equal(record, staff.GetProperty("objections")[0].GetProperty("target").GetProperty("recordId").GetGuid());
        // Under review the department answers the objection before it corrects.
        var correction = RecordBodies.Penalty().With("reason", "更正罚款金额");
        correction["amount"] = 10m;
        await Problems.AssertAsync(await recorder.PostJsonAsync($"/api/v1/records/{record}/corrections", correction, Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.RecordObjectionOpen);

        await reviewer.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("upheld", "经复核，处罚决定已被撤销。"), HttpStatusCode.OK, Cancel);

        Server.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.NotFound, (await Steps.GetAsync(anyone, publicPath)).Status);
        Assert.Equal(0, (await Steps.GetOkAsync(anyone, searchPath)).GetProperty("total").GetInt32());
        await Problems.AssertAsync(await recorder.PostJsonAsync($"/api/v1/records/{record}/corrections", correction, Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.RecordWithdrawn);
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(subject, "/api/v1/objections", ObjectionSteps.Objection(record, record: true, grounds: "再次"), Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.RecordWithdrawn);
        var answer = await Steps.GetOkAsync(subject, $"/api/v1/objections/{id}");
        Assert.Equal(("upheld", "经复核，处罚决定已被撤销。"), (answer.GetProperty("status").GetString(), answer.GetProperty("resolution").GetProperty("reasons").GetString()));

        var feed = await Steps.FeedAsync();
        Assert.Equal(["record-published", "record-suspended", "record-withdrawn"], feed.Select(i => i.GetProperty("type").GetString()));
        Assert.All(feed, i => Assert.Equal(record, i.GetProperty("recordId").GetGuid()));
        Assert.Equal(id, feed[2].GetProperty("objectionId").GetGuid());
        await Steps.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task A_rejected_objection_makes_the_record_public_again()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        using var anyone = Server.Client();
        // The owning department's own objection suspends at once (another department's only opens a review: ObjectionScopeTests).
        using var recorder = await Steps.ClientAsync(Role.Recorder, Departments.Samr);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Samr);
        var publicPath = $"/api/v1/public/subjects/{ObjectionSteps.Organisation}";
        Server.Clock.Advance(TimeSpan.FromHours(1)); // filed at 10:00
        var id = (await recorder.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(record, record: true), HttpStatusCode.Created, Cancel))
            .GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await Steps.GetAsync(anyone, publicPath)).Status);
        Server.Clock.Advance(TimeSpan.FromHours(1)); // rejected at 11:00

        await reviewer.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);

        Assert.Single((await Steps.GetOkAsync(anyone, publicPath)).GetProperty("records").EnumerateArray());
        // Past moments are answered as they were (staff, with a purpose): public before the filing, not during the review.
        Assert.Equal(HttpStatusCode.OK, (await Steps.GetAsync(reviewer, $"{publicPath}?asOf=2026-11-23T09:30:00%2B08:00&purpose=supervision")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Steps.GetAsync(reviewer, $"{publicPath}?asOf=2026-11-23T10:30:00%2B08:00&purpose=supervision")).Status);
        Assert.Equal(["record-published", "record-suspended", "record-reinstated"],
            (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task While_an_objection_against_a_noticed_designation_is_open_it_cannot_be_decided()
    {
        var designation = await Given.ProposedDesignationAsync(DesignationBodies.DefaultersList, statement: true);
        using var subject = Server.Client(designation.Token);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        var id = (await Given.ObjectionAsync(designation)).Id;

        var decide = await ObjectionSteps.PostAsync(reviewer, $"/api/v1/designations/{designation.Id}/decide", DesignationBodies.Decision(), Cancel);

        await Problems.AssertAsync(decide, HttpStatusCode.Conflict, "designation-objection-open");
        Assert.Equal("noticed", (await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation.Id}")).GetProperty("status").GetString());
        await reviewer.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        var decided = await reviewer.PostExpectAsync($"/api/v1/designations/{designation.Id}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);
        Assert.Equal("effective", decided.GetProperty("status").GetString());
        // A noticed designation was never enforced: its objection tells downstream systems nothing.
        Assert.Equal(["designation-effective"], (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()));
    }
}

public sealed class ObjectionJourneyTests_on_SQLite() : ObjectionJourneyTests(new SqliteTestDatabases());

public sealed class ObjectionJourneyTests_on_PostgreSQL(PostgresClusterFixture cluster) : ObjectionJourneyTests(new PostgresTestDatabases(cluster));
