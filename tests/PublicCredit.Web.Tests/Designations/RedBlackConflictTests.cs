using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// A red entry never stands beside a black one (docs/designations.md#red-and-black, ADR 0042): when a black entry takes
/// effect, the subject's red entries are set aside as <c>suspended-by-conflict</c>, announced on the changes feed and
/// queued for their department to revoke or confirm within the red list's working days; a confirmation needs the
/// subject eligible again, and nothing brings the red entry back by itself. The check gives no incentive beside an
/// effective black entry.
/// </summary>
public abstract class RedBlackConflictTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static JsonObject Reasons(string text = "重大税收违法失信主体信息已撤出，重新确认A级。") => new() { ["reasons"] = text };

    private static async Task<string?> StatusAsync(HttpClient client, GivenDesignation designation) =>
        (await client.GetJsonAsync(designation.Path, Cancel)).GetProperty("status").GetString();

    private static Task<JsonElement> MarketAccessAsync(HttpClient checker, string subject = DesignationBodies.Organisation) =>
        checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = subject, ["matter"] = "market-access" }, HttpStatusCode.OK, Cancel);

    private static IReadOnlyList<string> Kinds(JsonElement check) =>
        [.. check.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("kind").GetString()!).Distinct()];

    [Fact]
    public async Task An_a_grade_taxpayer_designated_a_serious_tax_violator_has_its_red_entry_suspended_by_conflict_and_no_incentive_at_the_check()
    {
        var red = await Given.EffectiveDesignationAsync(DesignationBodies.RedList);
        using var checker = await Given.StaffAsync(Role.Checker, Departments.Ndrc);
        Assert.Contains("incentive", Kinds(await MarketAccessAsync(checker)));

        var black = await Given.EffectiveDesignationAsync(DesignationBodies.TaxList);

        // Read by the tax department that keeps both lists (a read outside its sharing scope would be 404, ADR 0045).
        using var sta = await Given.StaffAsync(Role.Reviewer, Departments.Sta);
        Assert.Equal("suspended-by-conflict", await StatusAsync(sta, red));
        Assert.Equal("effective", await StatusAsync(sta, black));
        var check = await MarketAccessAsync(checker);
        Assert.DoesNotContain("incentive", Kinds(check));
        Assert.Contains("disciplinary", Kinds(check));

        // The department's queue: revoke or confirm within the red list's 10 working days (Mon 2026-11-23 → Mon 2026-12-07).
        using var reviewer = await Given.StaffAsync(Role.Reviewer, Departments.Sta);
        var queue = await reviewer.GetJsonAsync("/api/v1/designations?status=suspended-by-conflict", Cancel);
        var item = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal((red.Id, "suspended-by-conflict"), (item.GetProperty("id").GetGuid(), item.GetProperty("status").GetString()));
        Assert.Contains(item.GetProperty("deadlines").EnumerateArray(),
            d => d.GetProperty("kind").GetString() == "conflict-review" && d.GetProperty("date").GetString() == "2026-12-07" && !d.GetProperty("overdue").GetBoolean());

        // The feed tells downstream systems the red entry is set aside, with its list and term.
        var feed = await checker.GetJsonAsync("/api/v1/changes?after=0&limit=1000", Cancel);
        var announced = Assert.Single(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == "designation-suspended-by-conflict");
        Assert.Equal((red.Id, DesignationBodies.RedList, "suspended-by-conflict"),
            (announced.GetProperty("designationId").GetGuid(), announced.GetProperty("listType").GetString(), announced.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.String, announced.GetProperty("expiresAt").ValueKind);

        // The public profile shows the black entry only.
        using var anonymous = Server.Client();
        var profile = await anonymous.GetJsonAsync($"/api/v1/public/subjects/{DesignationBodies.Organisation}", Cancel);
        Assert.Equal([DesignationBodies.TaxList], profile.GetProperty("designations").EnumerateArray().Select(d => d.GetProperty("listType").GetString()));
    }

    [Fact]
    public async Task A_red_entry_suspended_by_conflict_is_confirmed_only_once_the_subject_is_eligible_again_and_never_comes_back_by_itself()
    {
        var red = await Given.EffectiveDesignationAsync(DesignationBodies.RedList);
        var black = await Given.EffectiveDesignationAsync(DesignationBodies.TaxList);
        using var reviewer = await Given.StaffAsync(Role.Reviewer, Departments.Sta);

        var refused = await reviewer.PostJsonAsync($"{red.Path}/confirm", Reasons(), Cancel);
        var problem = await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "designation-red-ineligible");
        var reason = Assert.Single(problem.GetProperty("reasons").EnumerateArray());
        Assert.Equal(("noEffectiveBlack", black.Id), (reason.GetProperty("rule").GetString(), reason.GetProperty("designationId").GetGuid()));

        await reviewer.PostExpectAsync($"{black.Path}/revoke", Reasons("复核后撤销"), HttpStatusCode.OK, Cancel);
        Assert.Equal("suspended-by-conflict", await StatusAsync(reviewer, red));
        using var checker = await Given.StaffAsync(Role.Checker, Departments.Ndrc);
        Assert.DoesNotContain("incentive", Kinds(await MarketAccessAsync(checker)));

        var confirmed = await reviewer.PostExpectAsync($"{red.Path}/confirm", Reasons(), HttpStatusCode.OK, Cancel);
        Assert.Equal("effective", confirmed.GetProperty("status").GetString());
        Assert.Contains("incentive", Kinds(await MarketAccessAsync(checker)));
        await Problems.AssertAsync(await reviewer.PostJsonAsync($"{red.Path}/confirm", Reasons(), Cancel),
            HttpStatusCode.Conflict, "designation-not-suspended-by-conflict");
        var feed = await checker.GetJsonAsync("/api/v1/changes?after=0&limit=1000", Cancel);
        Assert.Equal("designation-reinstated", feed.GetProperty("items").EnumerateArray().Last(i => i.GetProperty("designationId").GetGuid() == red.Id).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_black_entry_back_in_force_after_a_rejected_objection_sets_aside_a_red_entry_decided_meanwhile()
    {
        var objection = await Given.ObjectedDesignationAsync(DesignationBodies.TaxList);
        var red = await Given.EffectiveDesignationAsync(DesignationBodies.RedList);
        using var sta = await Given.StaffAsync(Role.Reviewer, Departments.Sta);
        Assert.Equal("effective", await StatusAsync(sta, red));

        await Given.ResolvedAsync(objection, upheld: false);

        Assert.Equal("suspended-by-conflict", await StatusAsync(sta, red));
        using var checker = await Given.StaffAsync(Role.Checker, Departments.Ndrc);
        Assert.DoesNotContain("incentive", Kinds(await MarketAccessAsync(checker)));
    }

    [Fact]
    public async Task A_conflict_review_not_done_by_its_deadline_is_counted_overdue_until_the_department_revokes_the_red_entry()
    {
        var red = await Given.EffectiveDesignationAsync(DesignationBodies.RedList);
        await Given.EffectiveDesignationAsync(DesignationBodies.TaxList);
        using var auditor = await Given.StaffAsync(Role.Auditor, Departments.Ndrc);

        Given.MoveTo(new DateTimeOffset(2026, 12, 7, 23, 59, 0, China));
        Assert.DoesNotContain((await auditor.GetJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("source").GetString() == "conflict-reviews");
        Given.MoveTo(new DateTimeOffset(2026, 12, 8, 9, 0, 0, China));
        var item = Assert.Single((await auditor.GetJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("source").GetString() == "conflict-reviews");
        Assert.Equal(("conflict-review", Departments.Sta, "2026-12-07", 1, red.Id), (item.GetProperty("kind").GetString(), item.GetProperty("department").GetString(),
            item.GetProperty("dueBy").GetString(), item.GetProperty("daysOverdue").GetInt32(), item.GetProperty("designationId").GetGuid()));

        using var reviewer = await Given.StaffAsync(Role.Reviewer, Departments.Sta);
        await reviewer.PostExpectAsync($"{red.Path}/revoke", Reasons("存在重大税收违法失信行为，撤销A级认定。"), HttpStatusCode.OK, Cancel);
        Assert.DoesNotContain((await auditor.GetJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("source").GetString() == "conflict-reviews");
    }
}

public sealed class RedBlackConflictTests_on_SQLite() : RedBlackConflictTests(new SqliteTestDatabases());

public sealed class RedBlackConflictTests_on_PostgreSQL(PostgresClusterFixture cluster) : RedBlackConflictTests(new PostgresTestDatabases(cluster));
