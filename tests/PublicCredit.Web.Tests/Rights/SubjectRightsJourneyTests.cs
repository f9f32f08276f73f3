using System.Net;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;
using PublicCredit.Web.Tests.Restorations;

namespace PublicCredit.Web.Tests.Rights;

/// <summary>
/// docs/design.md#life-cycles "Done means", as one story a subject lives through (docs/design.md#4-an-objection-suspends-at-once, docs/design.md#5-restoration-is-free-and-on-time, docs/design.md#7-privacy-by-default, docs/design.md#8-everything-is-evidence): designated → objects →
/// the next check and the public profile drop it → the objection is rejected → in force again → restores its credit
/// after the minimum period, accepted and decided within the computed working days → clear everywhere; the changes
/// feed tells every step, the subject sees who checked it and why, and the ledger verifies.
/// </summary>
public abstract class SubjectRightsJourneyTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly TimeSpan China = RestorationScenario.China;
    private const string Organisation = RestorationScenario.Organisation;

    [Fact]
    public async Task A_subject_objects_is_reinstated_restores_its_credit_and_sees_every_step_and_who_looked()
    {
        var scenario = new RestorationScenario(Server, Cancel);
        var steps = new ObjectionSteps(Server, Cancel);
        using var checker = await scenario.StaffAsync(Role.Checker, Departments.Mof);
        using var reviewer = await scenario.StaffAsync(Role.Reviewer);
        using var subject = await scenario.SubjectAsync();
        using var anonymous = Server.Client();

        var designation = (await Given.EffectiveDesignationAsync()).Id;
        Assert.Equal("measures", (await steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Equal(1, await PublicDesignationsAsync(anonymous));

        // The subject objects: suspended in the same request — the very next check and public read no longer show it.
        var objection = await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation), HttpStatusCode.Created, Cancel);
        Assert.Equal("open", objection.GetProperty("status").GetString());
        Assert.Equal("clear", (await steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Equal(0, await PublicDesignationsAsync(anonymous));

        // The designating department rejects it with reasons: in force again.
        var objectionId = objection.GetProperty("id").GetGuid();
        await reviewer.PostExpectAsync($"/api/v1/objections/{objectionId}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        Assert.Equal("measures", (await steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Equal(1, await PublicDesignationsAsync(anonymous));

        // A year on (serious: earliest restoration P1Y) the subject applies; accepted and decided inside the working days.
        scenario.MoveTo(new DateTimeOffset(2027, 11, 24, 10, 0, 0, China));
        using var renewed = await scenario.SubjectAsync(); // self-service tokens expire; the subject asks for a new one
        var applied = await renewed.PostExpectAsync("/api/v1/restorations", RestorationScenario.Application(designation), HttpStatusCode.Created, Cancel);
        var restorationId = applied.GetProperty("id").GetGuid();
        var acceptBy = DateOnly.Parse(applied.GetProperty("acceptBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var decideBy = DateOnly.Parse(applied.GetProperty("decideBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        scenario.MoveTo(new DateTimeOffset(acceptBy.ToDateTime(new TimeOnly(16, 0)), China));
        var accepted = await reviewer.PostExpectAsync($"/api/v1/restorations/{restorationId}/accept", RestorationScenario.Accept(), HttpStatusCode.OK, Cancel);
        scenario.MoveTo(new DateTimeOffset(decideBy.ToDateTime(new TimeOnly(16, 0)), China));
        var decided = await reviewer.PostExpectAsync($"/api/v1/restorations/{restorationId}/decide", RestorationScenario.Decide(), HttpStatusCode.OK, Cancel);
        Assert.False(accepted.GetProperty("late").GetBoolean());
        Assert.False(decided.GetProperty("late").GetBoolean());

        Assert.Equal("clear", (await steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Equal(0, await PublicDesignationsAsync(anonymous));

        var feed = (await steps.FeedAsync()).Where(i => i.TryGetProperty("designationId", out var d) && d.GetGuid() == designation)
            .Select(i => i.GetProperty("type").GetString()).ToList();
        Assert.Equal(["designation-effective", "designation-suspended", "designation-reinstated", "designation-restored"], feed);

        var looked = await steps.GetOkAsync(renewed, $"/api/v1/subjects/{Organisation}/inquiries");
        Assert.Contains(looked.EnumerateArray(), i => i.GetProperty("department").GetString() == Departments.Mof
            && i.GetProperty("role").GetString() == "checker" && i.GetProperty("purpose").GetString()!.Contains("government-procurement", StringComparison.Ordinal));
        await steps.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task An_objection_left_open_past_its_review_deadline_is_listed_for_the_department_that_owns_it()
    {
        var scenario = new RestorationScenario(Server, Cancel);
        var designation = (await Given.EffectiveDesignationAsync()).Id;
        using var subject = await scenario.SubjectAsync();
        using var auditor = await scenario.StaffAsync(Role.Auditor);
        var filed = await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation), HttpStatusCode.Created, Cancel);
        var due = filed.GetProperty("reviewDeadline").GetString()!;
        var dueDay = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);

        scenario.MoveTo(new DateTimeOffset(dueDay.ToDateTime(new TimeOnly(23, 59)), China));
        Assert.DoesNotContain((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("source").GetString() == "objections");
        scenario.MoveTo(new DateTimeOffset(dueDay.AddDays(1).ToDateTime(new TimeOnly(9, 0)), China));
        var item = Assert.Single((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("source").GetString() == "objections");
        Assert.Equal(("objection-review", "samr", due, 1), (item.GetProperty("kind").GetString(), item.GetProperty("department").GetString(),
            item.GetProperty("dueBy").GetString(), item.GetProperty("daysOverdue").GetInt32()));
        Assert.Equal((filed.GetProperty("id").GetGuid(), designation), (item.GetProperty("objectionId").GetGuid(), item.GetProperty("designationId").GetGuid()));
    }

    /// <summary>How many list entries the public profile shows; a subject with nothing public is not found at all.</summary>
    private static async Task<int> PublicDesignationsAsync(HttpClient anonymous)
    {
        using var response = await anonymous.GetAsync(new Uri($"/api/v1/public/subjects/{Organisation}", UriKind.Relative), Cancel);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return body.RootElement.GetProperty("designations").GetArrayLength();
    }
}

public sealed class SubjectRightsJourneyTests_on_SQLite() : SubjectRightsJourneyTests(new SqliteTestDatabases());

public sealed class SubjectRightsJourneyTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubjectRightsJourneyTests(new PostgresTestDatabases(cluster));
