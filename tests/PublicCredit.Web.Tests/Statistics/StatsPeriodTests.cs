using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Statistics;

/// <summary>
/// <c>?from=&amp;to=</c> on <c>GET /api/v1/stats/implementation</c> and <c>/stats/publicity</c> (ADR 0020): China
/// dates, both inclusive; checks by the day they were made with the feedback on them, records by decision date; a
/// date that is not one, or a reversed period, is 422 on its field — never zeros that look like "nothing happened".
/// </summary>
public abstract class StatsPeriodTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;
    private const string Measure = "restrict-government-procurement";

    private static async Task<Guid> CheckAsync(HttpClient checker) =>
        (await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Organisation, ["matter"] = "government-procurement" }, HttpStatusCode.OK, Cancel))
            .GetProperty("checkId").GetGuid();

    private static JsonElement Row(JsonElement stats) =>
        stats.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("measure").GetString() == Measure && r.GetProperty("department").GetString() == "mof");

    private static (int Checks, int Hits, int Applied, int NotApplied) Counts(JsonElement row) =>
        (row.GetProperty("checks").GetInt32(), row.GetProperty("hits").GetInt32(), row.GetProperty("applied").GetInt32(), row.GetProperty("notApplied").GetInt32());

    [Fact]
    public async Task Implementation_counts_the_checks_made_in_the_period_with_the_feedback_on_them_whenever_it_was_given()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        // Mon 2026-11-23 (China date): two checks. Tue 24: one more, and feedback on Monday's first check.
        var monday = await CheckAsync(checker);
        await CheckAsync(checker);
        Server.Clock.Advance(TimeSpan.FromDays(1));
        var tuesday = await CheckAsync(checker);
        await checker.PostExpectAsync($"/api/v1/checks/{monday}/feedback", new JsonObject { ["measure"] = Measure, ["applied"] = true }, HttpStatusCode.Created, Cancel);
        await checker.PostExpectAsync($"/api/v1/checks/{tuesday}/feedback", new JsonObject { ["measure"] = Measure, ["applied"] = false, ["note"] = "已签约" }, HttpStatusCode.Created, Cancel);

        var mondayOnly = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/implementation?from=2026-11-23&to=2026-11-23", Cancel);
        var fromTuesday = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/implementation?from=2026-11-24", Cancel);
        var all = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/implementation", Cancel);
        var before = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/implementation?to=2026-11-22", Cancel);

        Assert.Equal((2, 2, 1, 0), Counts(Row(mondayOnly)));
        Assert.Equal(("2026-11-23", "2026-11-23"), (mondayOnly.GetProperty("from").GetString(), mondayOnly.GetProperty("to").GetString()));
        Assert.Equal((1, 1, 0, 1), Counts(Row(fromTuesday)));
        Assert.Equal(tuesday, Assert.Single(Row(fromTuesday).GetProperty("reasons").EnumerateArray()).GetProperty("checkId").GetGuid());
        Assert.Equal((3, 3, 1, 1), Counts(Row(all)));
        Assert.False(all.TryGetProperty("from", out _));
        Assert.Equal(0, before.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Publicity_counts_the_records_decided_in_the_period_and_says_which_period_it_is()
    {
        using var samr = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        // Submitted Mon 2026-11-23: decided Fri 20 Nov is on time; decided 1 Sep is long past 7 working days.
        await samr.PostExpectAsync("/api/v1/records", RecordBodies.Penalty("闽市监罚〔2026〕11号", "2026-11-20"), HttpStatusCode.Created, Cancel);
        await samr.PostExpectAsync("/api/v1/records", RecordBodies.Penalty("闽市监罚〔2026〕12号", "2026-09-01"), HttpStatusCode.Created, Cancel);

        var november = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/publicity?from=2026-11-01&to=2026-11-30", Cancel);
        var upToSeptember = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/publicity?to=2026-09-30", Cancel);
        var lastDayIncluded = await HttpJson.GetJsonAsync(auditor, "/api/v1/stats/publicity?from=2026-11-20&to=2026-11-20", Cancel);

        Assert.Equal((1, 1, 0), (november.GetProperty("submitted").GetInt32(), november.GetProperty("onTime").GetInt32(), november.GetProperty("late").GetInt32()));
        Assert.Equal(("2026-11-01", "2026-11-30"), (november.GetProperty("from").GetString(), november.GetProperty("to").GetString()));
        Assert.Equal((1, 0, 1), (upToSeptember.GetProperty("submitted").GetInt32(), upToSeptember.GetProperty("onTime").GetInt32(), upToSeptember.GetProperty("late").GetInt32()));
        Assert.False(upToSeptember.TryGetProperty("from", out _));
        Assert.Equal(1, lastDayIncluded.GetProperty("submitted").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/stats/publicity?from=2026-13-01", "from", "period-date-invalid")]
    [InlineData("/api/v1/stats/publicity?to=yesterday", "to", "period-date-invalid")]
    [InlineData("/api/v1/stats/implementation?from=2026-11-30&to=2026-11-01", "to", "period-reversed")]
    [InlineData("/api/v1/stats/implementation?from=2026-11-1", "from", "period-date-invalid")]
    public async Task A_period_that_is_not_one_is_refused_on_its_field(string path, string field, string code)
    {
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var problem = await Problems.AssertAsync(await auditor.GetAsync(path, Cancel), HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal([(field, code)], problem.FieldCodes());
    }

    [Fact]
    public async Task Another_role_is_refused_before_its_period_is_read()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        await Problems.AssertAsync(await checker.GetAsync("/api/v1/stats/implementation?from=nonsense", Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await checker.GetAsync("/api/v1/stats/publicity?from=2026-11-01", Cancel), HttpStatusCode.Forbidden, "role-forbidden");
    }
}

public sealed class StatsPeriodTests_on_SQLite() : StatsPeriodTests(new SqliteTestDatabases());

public sealed class StatsPeriodTests_on_PostgreSQL(PostgresClusterFixture cluster) : StatsPeriodTests(new PostgresTestDatabases(cluster));
