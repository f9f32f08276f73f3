using System.Net;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Records;

/// <summary>
/// Double publicity (docs/domain.md#record-fields; docs/api.md#statistics): records reaching the platform more than 7 working days after their
/// decision are late, counted per department in GET /api/v1/stats/publicity (auditor).
/// </summary>
public abstract class PublicityStatsTests(ITestDatabases databases) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private RunningServer server = null!;
    private HttpClient samr = null!;
    private HttpClient sta = null!;
    private HttpClient auditor = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The story starts on Tue 2026-01-06 and moves forward through National Day.
        server = await RunningServer.StartAsync(databases, new DateTimeOffset(2026, 1, 6, 10, 0, 0, China), Cancel);
        samr = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        sta = server.Client(await server.KeyAsync(Role.Recorder, Departments.Sta));
        auditor = server.Client(await server.KeyAsync(Role.Auditor, Departments.Ndrc));
    }

    public async ValueTask DisposeAsync()
    {
        samr.Dispose();
        sta.Dispose();
        auditor.Dispose();
        await server.DisposeAsync();
    }

    private Given Given => new(server, Cancel);

    private void MoveTo(int month, int day) => server.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, 10, 0, 0, China));

    [Fact]
    public async Task Records_after_the_seventh_working_day_are_late_and_the_statistics_count_them_per_department()
    {
        // sta, Tue 2026-01-06: a decision of 2025-12-20 — 2025 is not in the catalog calendar and the covered days
        // (Sun 4 Jan make-up day, Mon 5 Jan) do not reach 7: unknown, not guessed.
        await Given.PublishedRecordAsync("税罚〔2025〕9号", decisionDate: "2025-12-20", department: Departments.Sta, recorder: sta);

        // samr, decision Mon 2026-09-28. Working days after it (catalog/calendar.yaml): Tue 29 Sep (1), Wed 30 Sep (2);
        // 1–7 Oct National Day holiday; Thu 8 Oct (3), Fri 9 Oct (4), Sat 10 Oct make-up day (5), Sun 11 Oct off,
        // Mon 12 Oct (6), Tue 13 Oct (7). Submitted on the 7th working day: on time; the day after: late.
        MoveTo(9, 30);
        await Given.PublishedRecordAsync("闽市监罚〔2026〕1号", decisionDate: "2026-09-28", recorder: samr);
        MoveTo(10, 13);
        await Given.PublishedRecordAsync("闽市监罚〔2026〕2号", decisionDate: "2026-09-28", recorder: samr);
        await Given.PublishedRecordAsync("闽食许〔2026〕3号", decisionDate: "2026-09-28", category: "administrative-licensing", recorder: samr);
        MoveTo(10, 14);
        await Given.PublishedRecordAsync("闽市监罚〔2026〕4号", decisionDate: "2026-09-28", recorder: samr);
        // sta, a decision of 2025-06-01 submitted in October 2026: 2026 alone holds far more than 7 working days.
        await Given.PublishedRecordAsync("税罚〔2025〕1号", decisionDate: "2025-06-01", department: Departments.Sta, recorder: sta);

        var response = await auditor.GetAsync(new Uri("/api/v1/stats/publicity", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.JsonAsync(Cancel);
        Assert.Equal(7, stats.GetProperty("deadlineWorkingDays").GetInt32());
        Assert.Equal((6, 3, 2, 1), Counts(stats));
        Assert.Equal(0.6, stats.GetProperty("onTimeRate").GetDouble());
        var departments = stats.GetProperty("departments").EnumerateArray().ToList();
        Assert.Equal(["samr", "sta"], departments.Select(d => d.GetProperty("department").GetString()));
        Assert.Equal((4, 3, 1, 0), Counts(departments[0]));
        Assert.Equal(0.75, departments[0].GetProperty("onTimeRate").GetDouble());
        var categories = departments[0].GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["administrative-licensing", "administrative-penalty"], categories.Select(c => c.GetProperty("category").GetString()));
        Assert.Equal((3, 2, 1, 0), Counts(categories[1]));
        Assert.Equal(0.6667, categories[1].GetProperty("onTimeRate").GetDouble());
        Assert.Equal((2, 0, 1, 1), Counts(departments[1]));
        Assert.Equal(0.0, departments[1].GetProperty("onTimeRate").GetDouble());
    }

    [Fact]
    public async Task A_correction_does_not_count_a_record_twice()
    {
        var created = (await Given.PublishedRecordAsync("闽市监罚〔2026〕1号", decisionDate: "2026-01-05", recorder: samr)).Created;
        var correction = RecordBodies.Penalty("闽市监罚〔2026〕1号", "2026-01-05").With("amount", 1).With("reason", "金额更正");
        var corrected = await samr.PostJsonAsync($"/api/v1/records/{created.GetProperty("id").GetGuid()}/corrections", correction, Cancel);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var stats = await (await auditor.GetAsync(new Uri("/api/v1/stats/publicity", UriKind.Relative), Cancel)).JsonAsync(Cancel);

        Assert.Equal((1, 1, 0, 0), Counts(stats));
    }

    [Fact]
    public async Task Without_records_there_is_no_rate()
    {
        var stats = await (await auditor.GetAsync(new Uri("/api/v1/stats/publicity", UriKind.Relative), Cancel)).JsonAsync(Cancel);

        Assert.Equal((0, 0, 0, 0), Counts(stats));
        Assert.False(stats.TryGetProperty("onTimeRate", out _));
        Assert.Equal(0, stats.GetProperty("departments").GetArrayLength());
    }

    [Fact]
    public async Task Only_an_auditor_reads_the_statistics()
    {
        var response = await samr.GetAsync(new Uri("/api/v1/stats/publicity", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role-forbidden");
    }

    private static (int Submitted, int OnTime, int Late, int Unknown) Counts(JsonElement e) => (
        e.GetProperty("submitted").GetInt32(), e.GetProperty("onTime").GetInt32(),
        e.GetProperty("late").GetInt32(), e.GetProperty("unknown").GetInt32());
}

public sealed class PublicityStatsTests_on_SQLite() : PublicityStatsTests(new SqliteTestDatabases());

public sealed class PublicityStatsTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicityStatsTests(new PostgresTestDatabases(cluster));
