using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Deadlines;
using PublicCredit.Designations;
using PublicCredit.Removals;
using PublicCredit.Restorations;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using static PublicCredit.Web.Tests.Restorations.RestorationScenario;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>
/// Automatic removal (docs/api.md#restorations-and-removal; docs/domain.md#lists; catalog <c>automaticRemoval</c>): a judgment defaulter who has performed
/// the obligation is removed within 3 working days — here at once when performance is recorded, or by the deadline
/// monitor once an objection under review is resolved, listed as overdue if that takes longer than the deadline.
/// </summary>
public abstract class AutomaticRemovalTests(ITestDatabases databases) : ServerTests(databases)
{
    private RestorationScenario Scenario => new(Server, Cancel);

    private static JsonObject Performance(string document = "（2026）闽01执123号之一") =>
        new() { ["performanceDocument"] = document, ["evidence"] = "申请执行人出具的履行完毕证明。" };

    /// <summary>spc lists the organisation as a judgment defaulter, effective now (Mon 2026-11-23 09:00 China time).</summary>
    /// <summary>What the objections capability does through the one transition runner (docs/design.md#4-an-objection-suspends-at-once).</summary>
    private async Task ObjectionAsync(Guid designation, bool? resolveUpheld)
    {
        using var scope = Server.Services.CreateScope();
        var transitions = scope.ServiceProvider.GetRequiredService<DesignationTransitions>();
        await transitions.RunAsync(Caller.Operator, designation, (row, _) => resolveUpheld is { } upheld
            ? new DesignationChange(DesignationLifecycle.ResolveObjection(row.State, upheld), "designation-objection-resolved", null, "复核")
            : new DesignationChange(DesignationLifecycle.FileObjection(row.State), "designation-objection-filed", null, "异议"), Cancel);
    }

    [Fact]
    public async Task Recording_performance_removes_a_defaulter_at_once_with_its_deadline_stated()
    {
        var designation = (await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList)).Id;
        Assert.Equal("measures", (await Scenario.CheckAsync()).GetProperty("outcome").GetString());
        Scenario.MoveTo(new DateTimeOffset(2026, 11, 27, 15, 0, 0, China)); // Fri
        using var recorder = await Scenario.StaffAsync(Role.Recorder, Departments.Spc);

        var recorded = await recorder.PostExpectAsync($"/api/v1/designations/{designation}/performance", Performance(), HttpStatusCode.Created, Cancel);

        // Due by the 3rd working day after Fri 2026-11-27: Mon 30, Tue 1, Wed 2 December.
        Assert.Equal(("removed", "2026-12-02"), (recorded.GetProperty("status").GetString(), recorded.GetProperty("removalDueBy").GetString()));
        Assert.Equal("2026-11-27", recorded.GetProperty("performedOn").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 15, 0, 0, China), recorded.GetProperty("removedAt").GetDateTimeOffset());
        Assert.Equal("clear", (await Scenario.CheckAsync()).GetProperty("outcome").GetString());
        using var subject = await Scenario.SubjectAsync();
        Assert.Equal("removed", (await subject.ReadJsonAsync($"/api/v1/designations/{designation}", Cancel)).GetProperty("status").GetString());
        var item = (await Scenario.ChangesAsync()).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("designation-removed", designation), (item.GetProperty("type").GetString(), item.GetProperty("designationId").GetGuid()));
        await using var db = StorageServices.CreateContext(Server.Database);
        var removedEvent = await db.LedgerEvents.SingleAsync(e => e.Type == DesignationEvents.Removed, Cancel);
        Assert.Contains(designation.ToString(), removedEvent.Payload, StringComparison.Ordinal);
        Assert.Contains("\"removalDueBy\":\"2026-12-02\"", removedEvent.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Performance_is_refused_for_another_department_a_list_without_automatic_removal_a_noticed_designation_or_twice()
    {
        var defaulter = (await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList)).Id;
        var market = (await Given.EffectiveDesignationAsync(subject: DesignationBodies.OtherOrganisation)).Id;
        using var spc = await Scenario.StaffAsync(Role.Recorder, Departments.Spc);
        using var samr = await Scenario.StaffAsync(Role.Recorder, Departments.Samr);
        using var spcReviewer = await Scenario.StaffAsync(Role.Reviewer, Departments.Spc);
        var noticed = (await spc.PostExpectAsync("/api/v1/designations", DesignationBodies.DefaulterDesignation(noticeDocument: "（2026）闽01执告124号"),
            HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();

        await Problems.AssertAsync(await samr.PostAsJsonAsync($"/api/v1/designations/{defaulter}/performance", Performance(), Cancel), HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await spcReviewer.PostAsJsonAsync($"/api/v1/designations/{defaulter}/performance", Performance(), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await samr.PostAsJsonAsync($"/api/v1/designations/{market}/performance", Performance(), Cancel), HttpStatusCode.Conflict, RestorationProblemCodes.RemovalNotAutomatic);
        await Problems.AssertAsync(await spc.PostAsJsonAsync($"/api/v1/designations/{noticed}/performance", Performance(), Cancel), HttpStatusCode.Conflict, "designation-not-effective");
        await Problems.AssertAsync(await spc.PostAsJsonAsync($"/api/v1/designations/{defaulter}/performance", new JsonObject(), Cancel),
            HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.PerformanceDocumentMissing);
        await Problems.AssertAsync(await spc.PostAsJsonAsync($"/api/v1/designations/{defaulter}/performance", Performance().With("performedOn", "2027-01-01"), Cancel),
            HttpStatusCode.UnprocessableEntity, RestorationProblemCodes.PerformedOnInvalid);
        await Problems.AssertAsync(await spc.PostAsJsonAsync($"/api/v1/designations/{Guid.CreateVersion7()}/performance", Performance(), Cancel),
            HttpStatusCode.NotFound, DesignationProblemCodes.NotFound);
        await spc.PostExpectAsync($"/api/v1/designations/{defaulter}/performance", Performance(), HttpStatusCode.Created, Cancel);
        await Problems.AssertAsync(await spc.PostAsJsonAsync($"/api/v1/designations/{defaulter}/performance", Performance(), Cancel), HttpStatusCode.Conflict, RestorationProblemCodes.PerformanceAlreadyRecorded);

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1, await db.Performances.CountAsync(Cancel));
    }

    [Fact]
    public async Task Under_objection_performance_waits_the_monitor_lists_it_when_late_and_removes_it_once_the_objection_is_rejected()
    {
        var designation = (await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList)).Id;
        await ObjectionAsync(designation, resolveUpheld: null);
        using var recorder = await Scenario.StaffAsync(Role.Recorder, Departments.Spc);
        using var auditor = await Scenario.StaffAsync(Role.Auditor);

        var recorded = await recorder.PostExpectAsync($"/api/v1/designations/{designation}/performance", Performance(), HttpStatusCode.Created, Cancel);
        Assert.Equal(("suspended", "2026-11-26"), (recorded.GetProperty("status").GetString(), recorded.GetProperty("removalDueBy").GetString()));
        Assert.False(recorded.TryGetProperty("removedAt", out _));
        Assert.Empty((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray());

        Scenario.MoveTo(new DateTimeOffset(2026, 11, 27, 9, 0, 0, China)); // the day after the deadline
        var late = Assert.Single((await auditor.ReadJsonAsync("/api/v1/stats/deadlines", Cancel)).GetProperty("items").EnumerateArray());
        Assert.Equal(("automatic-removals", "spc", designation), (late.GetProperty("source").GetString(), late.GetProperty("department").GetString(), late.GetProperty("designationId").GetGuid()));
        Assert.Equal(("2026-11-26", 1), (late.GetProperty("dueBy").GetString(), late.GetProperty("daysOverdue").GetInt32()));

        await ObjectionAsync(designation, resolveUpheld: false);
        // The monitor's own timer runs on the same clock and may carry out the removal before this round does;
        // what must hold is that the designation is removed exactly once, by the system, and nothing is late.
        var (_, report) = await Server.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(Cancel);

        Assert.Empty(report.Items);
        Assert.Equal("clear", (await Scenario.CheckAsync()).GetProperty("outcome").GetString());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(DesignationStatus.Removed, (await db.Designations.SingleAsync(Cancel)).Status);
        Assert.NotNull((await db.Performances.SingleAsync(Cancel)).RemovedAt);
        var removals = await db.LedgerEvents.Where(e => e.Type == DesignationEvents.Removed).Select(e => e.Actor).ToListAsync(Cancel);
        Assert.Equal([RemoveDueDesignations.Actor], removals);
        Assert.Equal(0, (await Server.Services.GetRequiredService<DeadlineMonitor>().RunOnceAsync(Cancel)).Removed);
    }
}

public sealed class AutomaticRemovalTests_on_SQLite() : AutomaticRemovalTests(new SqliteTestDatabases());

public sealed class AutomaticRemovalTests_on_PostgreSQL(PostgresClusterFixture cluster) : AutomaticRemovalTests(new PostgresTestDatabases(cluster));
