using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Restorations;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using static PublicCredit.Web.Tests.Restorations.RestorationScenario;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>
/// Restoration is free (docs/domain.md#objections-and-restoration, docs/domain.md#personal-information), the subject gets a free copy of everything held about it, and the deadline
/// monitor lists applications past their working-day deadlines with the responsible department (docs/api.md#restorations-and-removal, docs/api.md#subjects-and-public-views, docs/design.md#deadline-monitor).
/// </summary>
public abstract partial class RestorationDataTests(ITestDatabases databases) : ServerTests(databases)
{
    private RestorationScenario Scenario => new(Server, Cancel);

    [GeneratedRegex("fee|charge|price|payable|payment|cost|amount|tariff", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyWords();

    private static IEnumerable<string> MemberNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => MemberNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(MemberNames),
        _ => [],
    };

    [Fact]
    public async Task No_fee_exists_in_the_restoration_model_its_columns_or_any_of_its_answers()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        var submitted = await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel);
        var id = submitted.GetProperty("id").GetGuid();
        var answers = new List<JsonElement>
        {
            submitted,
            await reviewer.ReadJsonAsync("/api/v1/restorations", Cancel),
            await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel),
            await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/decide", Decide(false, "尚未整改。"), HttpStatusCode.OK, Cancel),
            await subject.ReadJsonAsync($"/api/v1/restorations/{id}", Cancel),
            await reviewer.ReadJsonAsync($"/api/v1/restorations/{id}", Cancel),
        };

        Assert.DoesNotContain(answers.SelectMany(MemberNames), n => MoneyWords().IsMatch(n));
        var types = typeof(RestorationRow).Assembly.GetTypes()
            .Where(t => t.Namespace is "PublicCredit.Restorations" or "PublicCredit.Removals" or "PublicCredit.Deadlines");
        Assert.DoesNotContain(types.SelectMany(t => t.GetProperties().Select(p => $"{t.Name}.{p.Name}")), n => MoneyWords().IsMatch(n.Split('.')[1]));
        await using var db = StorageServices.CreateContext(Server.Database);
        var columns = new[] { typeof(RestorationRow), typeof(PublicCredit.Removals.PerformanceRow) }
            .SelectMany(t => db.Model.FindEntityType(t)!.GetProperties().Select(p => p.GetColumnName()));
        Assert.DoesNotContain(columns, c => MoneyWords().IsMatch(c));
        Assert.DoesNotContain((await db.LedgerEvents.Where(e => e.Type.StartsWith("restoration-")).Select(e => e.Payload).ToListAsync(Cancel))
            .SelectMany(p => MemberNames(JsonDocument.Parse(p).RootElement)), n => MoneyWords().IsMatch(n));
    }

    [Fact]
    public async Task The_subject_downloads_everything_held_about_it_and_who_looked_free_with_its_own_token_only()
    {
        var designation = (await Given.EffectiveDesignationAsync()).Id;
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China));
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        using (var correction = await Scenario.StaffAsync(Role.Recorder))
        {
            await correction.PostExpectAsync($"/api/v1/records/{record}/corrections",
                RecordBodies.Penalty().With("amount", 10).With("reason", "复议变更罚款数额"), HttpStatusCode.OK, Cancel);
        }

        var restoration = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        await reviewer.ReadJsonAsync($"/api/v1/subjects/{Organisation}?purpose=supervision&note=复核信用修复申请", Cancel);

        var export = await subject.ReadJsonAsync("/api/v1/me/export", Cancel);

        Assert.Equal(Organisation, export.GetProperty("subjectId").GetString());
        var exported = Assert.Single(export.GetProperty("records").EnumerateArray());
        Assert.Equal((record, 2), (exported.GetProperty("id").GetGuid(), exported.GetProperty("versions").GetArrayLength()));
        var own = Assert.Single(export.GetProperty("designations").EnumerateArray());
        Assert.Equal(designation, own.GetProperty("id").GetGuid());
        Assert.Equal("effective", own.GetProperty("status").GetString());
        Assert.True(own.GetProperty("notice").GetProperty("facts").GetString()!.Length > 0);
        Assert.Equal(restoration, Assert.Single(export.GetProperty("restorations").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Contains(export.GetProperty("inquiries").EnumerateArray(), i => i.GetProperty("department").GetString() == "samr"
            && i.GetProperty("role").GetString() == "reviewer" && i.GetProperty("purpose").GetString() == "supervision" && i.GetProperty("note").GetString() == "复核信用修复申请" && i.TryGetProperty("at", out _));
        Assert.Equal(JsonValueKind.Object, (await subject.ReadJsonAsync($"/api/v1/subjects/{Organisation.ToLowerInvariant()}/export", Cancel)).ValueKind);

        using var other = await Scenario.SubjectAsync(DesignationBodies.OtherOrganisation);
        await Problems.AssertAsync(await other.GetAsync($"/api/v1/subjects/{Organisation}/export", Cancel), HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(await reviewer.GetAsync("/api/v1/me/export", Cancel), HttpStatusCode.Forbidden, RestorationProblemCodes.SubjectTokenRequired);
        await Problems.AssertAsync(await Server.Client().GetAsync("/api/v1/me/export", Cancel), HttpStatusCode.Unauthorized, "authentication-required");
        // Each copy handed out is in the subject's inquiry log.
        var log = await subject.ReadJsonAsync($"/api/v1/subjects/{Organisation}/inquiries", Cancel);
        Assert.Equal(2, log.EnumerateArray().Count(i => i.GetProperty("endpoint").GetString() == "GET /api/v1/me/export"));

        // Its objections, with the department's answer once given, are part of the copy too.
        var objection = await subject.PostExpectAsync("/api/v1/objections", Objections.ObjectionSteps.Objection(designation), HttpStatusCode.Created, Cancel);
        var withObjection = await subject.ReadJsonAsync("/api/v1/me/export", Cancel);
        var copied = Assert.Single(withObjection.GetProperty("objections").EnumerateArray());
        Assert.Equal((objection.GetProperty("id").GetGuid(), "open", designation),
            (copied.GetProperty("id").GetGuid(), copied.GetProperty("status").GetString(), copied.GetProperty("target").GetProperty("designationId").GetGuid()));
    }

    [Fact]
    public async Task The_deadline_monitor_lists_applications_past_accept_by_and_decide_by_with_their_department()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China)); // Mon: accept by Thu 03-04, decide by Mon 03-15
        using var subject = await Scenario.SubjectAsync();
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        using var auditor = await Scenario.StaffAsync(Role.Auditor);
        var id = (await subject.PostExpectAsync("/api/v1/restorations", Application(recordId: record), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();

        Scenario.MoveTo(new DateTimeOffset(2027, 3, 4, 23, 59, 0, China));
        Assert.Empty((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray());
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 5, 9, 0, 0, China));
        var report = await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel);
        var accept = Assert.Single(report.GetProperty("items").EnumerateArray());
        Assert.Equal(("restorations", "restoration-accept", "samr"), (accept.GetProperty("source").GetString(), accept.GetProperty("kind").GetString(), accept.GetProperty("department").GetString()));
        Assert.Equal((id, record, "2027-03-04", 1), (accept.GetProperty("restorationId").GetGuid(), accept.GetProperty("recordId").GetGuid(),
            accept.GetProperty("dueBy").GetString(), accept.GetProperty("daysOverdue").GetInt32()));
        Assert.Equal(1, report.GetProperty("byDepartment").GetProperty("samr").GetInt32());
        Assert.Equal(["restorations", "automatic-removals", "publicity-end", "objections", "conflict-reviews"], report.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));

        var late = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel);
        Assert.True(late.GetProperty("late").GetBoolean());
        Assert.Empty((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray());
        Scenario.MoveTo(new DateTimeOffset(2027, 3, 16, 9, 0, 0, China));
        var decide = Assert.Single((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray());
        Assert.Equal(("restoration-decide", "2027-03-15"), (decide.GetProperty("kind").GetString(), decide.GetProperty("dueBy").GetString()));
        await Problems.AssertAsync(await reviewer.GetAsync("/api/v1/stats/deadlines", Cancel), HttpStatusCode.Forbidden, "role-forbidden");
    }
}

public sealed class RestorationDataTests_on_SQLite() : RestorationDataTests(new SqliteTestDatabases());

public sealed class RestorationDataTests_on_PostgreSQL(PostgresClusterFixture cluster) : RestorationDataTests(new PostgresTestDatabases(cluster));
