using System.Net;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>
/// The department's restoration queue (<c>GET /api/v1/restorations?status=</c>; the console's /console/restorations
/// uses the same use case): by the deadline of each application's next step — accept-by while submitted, decide-by
/// once accepted — overdue ones marked from the clock and the catalog calendar, with the evidence the reviewer judges.
/// </summary>
public abstract class RestorationQueueTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_queue_is_sorted_by_the_next_steps_deadline_and_marks_what_is_overdue()
    {
        var first = await Given.EffectiveDesignationAsync();
        var second = await Given.EffectiveDesignationAsync(subject: DesignationBodies.OtherOrganisation, notice: "国市监信告〔2026〕8号");
        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        // Wed 2027-11-24: the first applies (accept by Mon 11-29, decide by Wed 12-08); it is accepted at once.
        Given.MoveTo(new DateTimeOffset(2027, 11, 24, 10, 0, 0, China));
        var accepted = (await Given.RestorationAsync(first, RestorationStep.Accepted)).Id;
        // Thu 2027-11-25: the second applies (accept by Tue 11-30) and waits.
        Given.MoveTo(new DateTimeOffset(2027, 11, 25, 10, 0, 0, China));
        var waiting = (await Given.RestorationAsync(second)).Id;

        Given.MoveTo(new DateTimeOffset(2027, 12, 1, 9, 0, 0, China));
        var queue = (await reviewer.ReadJsonAsync("/api/v1/restorations", Cancel)).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([waiting, accepted], queue.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(("submitted", "2027-11-30", true), (queue[0].GetProperty("status").GetString(), queue[0].GetProperty("dueBy").GetString(), queue[0].GetProperty("overdue").GetBoolean()));
        Assert.Equal(("accepted", "2027-12-08", false), (queue[1].GetProperty("status").GetString(), queue[1].GetProperty("dueBy").GetString(), queue[1].GetProperty("overdue").GetBoolean()));
        Assert.Equal("已履行行政处罚决定并完成整改，附整改报告。", queue[0].GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task An_unknown_status_filter_is_refused_with_its_code()
    {
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Samr));

        await Problems.AssertAsync(await reviewer.GetAsync("/api/v1/restorations?status=late", Cancel),
            HttpStatusCode.UnprocessableEntity, "restoration-status-invalid");
    }
}

public sealed class RestorationQueueTests_on_SQLite() : RestorationQueueTests(new SqliteTestDatabases());

public sealed class RestorationQueueTests_on_PostgreSQL(PostgresClusterFixture cluster) : RestorationQueueTests(new PostgresTestDatabases(cluster));
