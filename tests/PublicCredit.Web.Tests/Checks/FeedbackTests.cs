using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Checks;

/// <summary>
/// Feedback on checks and the implementation statistics (docs/api.md#checks; docs/checks.md): only the checking
/// department, only for a measure the check returned, once; each one a ledger event; the auditor's per memorandum,
/// measure and department counts.
/// </summary>
public abstract class FeedbackTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;

    private static async Task<Guid> CheckAsync(HttpClient checker, string matter = "government-procurement")
    {
        var check = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Organisation, ["matter"] = matter }, HttpStatusCode.OK, Cancel);
        return check.GetProperty("checkId").GetGuid();
    }

    private static JsonObject Feedback(string measure = "restrict-government-procurement", bool applied = true, string? note = null) => new()
    {
        ["measure"] = measure,
        ["applied"] = applied,
        ["note"] = note,
    };

    [Fact]
    public async Task The_checking_department_reports_whether_it_applied_a_returned_measure_once_as_a_ledger_event()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var checkId = await CheckAsync(checker);

        var given = await checker.PostExpectAsync($"/api/v1/checks/{checkId}/feedback", Feedback(), HttpStatusCode.Created, Cancel);
        var again = await checker.PostAsJsonAsync($"/api/v1/checks/{checkId}/feedback", Feedback(applied: false), Cancel);

        Assert.Equal((checkId, true), (given.GetProperty("checkId").GetGuid(), given.GetProperty("applied").GetBoolean()));
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "feedback-already-given");
        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.CheckFeedback.SingleAsync(Cancel);
        Assert.Equal(("mof", "restrict-government-procurement", true), (row.Department, row.Measure, row.Applied));
        var ledgerEvent = await db.LedgerEvents.SingleAsync(e => e.Type == "check-feedback", Cancel);
        Assert.Equal(row.LedgerPosition, ledgerEvent.Position);
    }

    [Fact]
    public async Task Feedback_on_another_departments_check_is_403_and_on_an_unknown_check_404()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var mof = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var ndrc = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Ndrc));
        var checkId = await CheckAsync(mof);

        await Problems.AssertAsync(await ndrc.PostAsJsonAsync($"/api/v1/checks/{checkId}/feedback", Feedback(), Cancel),
            HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await mof.PostAsJsonAsync($"/api/v1/checks/{Guid.NewGuid()}/feedback", Feedback(), Cancel),
            HttpStatusCode.NotFound, "check-not-found");
        await Problems.AssertAsync(await mof.PostAsJsonAsync("/api/v1/checks/not-a-check/feedback", Feedback(), Cancel),
            HttpStatusCode.NotFound, "check-not-found");
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.CheckFeedback.CountAsync(Cancel));
    }

    [Fact]
    public async Task Feedback_is_only_about_a_measure_the_check_returned_and_says_whether_it_was_applied()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var clear = await CheckAsync(checker);

        var response = await checker.PostAsJsonAsync($"/api/v1/checks/{clear}/feedback", new JsonObject { ["measure"] = "restrict-government-procurement" }, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "feedback-measure-not-returned");
        Assert.Equal(["feedback-measure-not-returned", "feedback-applied-missing"], problem.Codes());
    }

    [Fact]
    public async Task The_auditor_sees_checks_hits_applied_and_not_applied_with_reasons_per_memorandum_measure_and_department()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var first = await CheckAsync(checker);
        var second = await CheckAsync(checker);
        await CheckAsync(checker, "air-ticket");
        await checker.PostExpectAsync($"/api/v1/checks/{first}/feedback", Feedback(), HttpStatusCode.Created, Cancel);
        await checker.PostExpectAsync($"/api/v1/checks/{second}/feedback", Feedback(applied: false, note: "采购已于核查前完成。"), HttpStatusCode.Created, Cancel);
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var stats = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/implementation", Cancel);

        var row = stats.GetProperty("items").EnumerateArray().Single(r =>
            r.GetProperty("measure").GetString() == "restrict-government-procurement" && r.GetProperty("department").GetString() == "mof");
        Assert.False(string.IsNullOrEmpty(row.GetProperty("memorandum").GetString()));
        Assert.Equal((2, 2, 1, 1), (row.GetProperty("checks").GetInt32(), row.GetProperty("hits").GetInt32(),
            row.GetProperty("applied").GetInt32(), row.GetProperty("notApplied").GetInt32()));
        var reason = Assert.Single(row.GetProperty("reasons").EnumerateArray());
        Assert.Equal((second, "采购已于核查前完成。"), (reason.GetProperty("checkId").GetGuid(), reason.GetProperty("note").GetString()));
        await Problems.AssertAsync(await checker.GetAsync(new Uri("/api/v1/stats/implementation", UriKind.Relative), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
    }
}

public sealed class FeedbackTests_on_SQLite() : FeedbackTests(new SqliteTestDatabases());

public sealed class FeedbackTests_on_PostgreSQL(PostgresClusterFixture cluster) : FeedbackTests(new PostgresTestDatabases(cluster));
