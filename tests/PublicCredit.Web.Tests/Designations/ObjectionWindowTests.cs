using System.Net;
using System.Net.Http.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// The objection window is counted in working days of the catalog calendar (docs/domain.md#deadlines-and-working-days; docs/design.md#9-time-is-an-input), across
/// holidays and make-up working days, from a notice served the day before the National Day holiday.
/// </summary>
public abstract class ObjectionWindowTests(ITestDatabases databases) : IAsyncLifetime
{
    /// <summary>Wed 2026-09-30 09:00 China time, the last working day before the National Day holiday.</summary>
    private static readonly DateTimeOffset EveOfNationalDay = new(2026, 9, 30, 9, 0, 0, TimeSpan.FromHours(8));

    private RunningServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await RunningServer.StartAsync(databases, EveOfNationalDay, Cancel);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_window_skips_the_national_day_holiday_counts_the_make_up_saturday_and_decides_the_day_after()
    {
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        using var reviewer = server.Client(await server.KeyAsync(Role.Reviewer, Departments.Samr));

        var proposed = await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), HttpStatusCode.Created, Cancel);

        // 5 working days strictly after Wed 2026-09-30 (catalog/calendar.yaml, 国办发明电〔2025〕7号):
        //   Thu 10-01 … Wed 10-07  National Day holiday        — not counted
        //   Thu 10-08 = 1, Fri 10-09 = 2
        //   Sat 10-10              make-up working day (调休)  = 3
        //   Sun 10-11              weekend                     — not counted
        //   Mon 10-12 = 4, Tue 10-13 = 5                       → deadline Tue 2026-10-13 (inclusive)
        Assert.Equal("2026-10-13", proposed.GetProperty("objectionDeadline").GetString());
        var path = $"/api/v1/designations/{proposed.GetProperty("id").GetGuid()}";

        server.Clock.Advance(new DateTimeOffset(2026, 10, 13, 18, 0, 0, TimeSpan.FromHours(8)) - server.Clock.GetUtcNow());
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"{path}/decide", DesignationBodies.Decision(), Cancel),
            HttpStatusCode.Conflict, "designation-objection-window-open");

        server.Clock.Advance(new DateTimeOffset(2026, 10, 14, 0, 0, 0, TimeSpan.FromHours(8)) - server.Clock.GetUtcNow());
        var decided = await reviewer.PostExpectAsync($"{path}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);
        Assert.Equal("effective", decided.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_window_that_would_run_into_a_year_the_calendar_does_not_cover_is_refused_not_guessed()
    {
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        // The catalog covers 2026 and 2027: 5 working days after Fri 2027-12-31 would fall in 2028.
        server.Clock.Advance(new DateTimeOffset(2027, 12, 31, 9, 0, 0, TimeSpan.FromHours(8)) - server.Clock.GetUtcNow());

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "calendar-year-missing");
        Assert.Equal("objectionDeadline", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}

public sealed class ObjectionWindowTests_on_SQLite() : ObjectionWindowTests(new SqliteTestDatabases());

public sealed class ObjectionWindowTests_on_PostgreSQL(PostgresClusterFixture cluster) : ObjectionWindowTests(new PostgresTestDatabases(cluster));
