using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Time;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Robustness;

/// <summary>
/// docs/design.md#one-bad-input-stops-no-node (ADR 0027): every date and instant a caller gives is checked against one range (1949-10-01 to
/// 2099-12-31, China time) before any arithmetic, so the dates at the edges of what .NET can hold are a 422 with the
/// field and a code — not a 500, and never a 500 after the change was committed.
/// </summary>
public abstract class DateRangeTests(ITestDatabases databases) : ServerTests(databases)
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1949-09-30")]
    public async Task A_record_decided_before_1949_10_01_is_refused_on_its_decision_date_and_nothing_is_stored(string decisionDate)
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(decisionDate: decisionDate), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "record-decision-date-too-early");
        Assert.Contains(("decisionDate", "record-decision-date-too-early"), problem.FieldCodes());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Records.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_record_decided_on_1949_10_01_is_the_earliest_accepted()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(decisionDate: "1949-10-01"), Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            // Its publicity period may be over or its calendar year unknown: a coded refusal about that, never the range.
            var problem = await response.JsonAsync(Cancel);
            Assert.DoesNotContain("record-decision-date-too-early", problem.Codes());
        }
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2100-01-01")]
    [InlineData("0001-01-01T00:00:00+08:00")]
    public async Task A_public_until_outside_the_range_is_refused_on_its_field(string publicUntil)
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty().With("publicUntil", publicUntil), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("publicUntil", (await response.JsonAsync(Cancel)).FieldCodes().Select(f => f.Field));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1949-09-30")]
    [InlineData("2100-01-01")]
    [InlineData("0001-01-01T00:00:00+08:00")]
    [InlineData("9999-12-31T23:59:59-08:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task A_check_as_of_a_date_outside_the_range_is_refused_on_as_of(string asOf)
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Ndrc));
        var body = new JsonObject { ["subject"] = RecordBodies.OrganisationId, ["matter"] = "air-ticket", ["asOf"] = asOf };

        var response = await checker.PostJsonAsync("/api/v1/checks", body, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, InputRange.OutOfRangeCode);
        Assert.Contains(("asOf", InputRange.OutOfRangeCode), problem.FieldCodes());
    }

    [Theory]
    [InlineData("/api/v1/stats/implementation?from=0001-01-01", "from")]
    [InlineData("/api/v1/stats/implementation?to=9999-12-31", "to")]
    [InlineData("/api/v1/stats/publicity?from=0001-01-01&to=9999-12-31", "from")]
    [InlineData("/api/v1/stats/publicity?to=9999-12-31", "to")]
    public async Task A_statistics_period_outside_the_range_is_refused_on_its_field(string path, string field)
    {
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var response = await auditor.GetAsync(path, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, InputRange.OutOfRangeCode);
        Assert.Contains((field, InputRange.OutOfRangeCode), problem.FieldCodes());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2100-01-01")]
    public async Task The_console_statistics_page_refuses_a_period_outside_the_range_under_its_field(string date)
    {
        using var console = await ConsoleSignIn.SignInAsync(Server, await Server.KeyAsync(Role.Auditor, Departments.Ndrc), Cancel);

        var (status, html) = await console.GetTextAsync($"/console/stats?from={date}&to={date}", Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("1949-10-01", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-01T00:00:00+08:00")]
    [InlineData("1900-01-01T00:00:00Z")]
    public async Task A_profile_as_of_a_moment_before_the_range_is_refused_on_as_of(string asOf)
    {
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var response = await auditor.GetAsync($"/api/v1/public/subjects/{RecordBodies.OrganisationId}?asOf={Uri.EscapeDataString(asOf)}&purpose=supervision", Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, InputRange.OutOfRangeCode);
        Assert.Contains(("asOf", InputRange.OutOfRangeCode), problem.FieldCodes());
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:59:59-08:00")]
    public async Task A_profile_as_of_a_moment_after_the_range_is_a_view_of_the_future(string asOf)
    {
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var response = await auditor.GetAsync($"/api/v1/public/subjects/{RecordBodies.OrganisationId}?asOf={Uri.EscapeDataString(asOf)}&purpose=supervision", Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "as-of-in-future");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:59:59-08:00")]
    public async Task A_decision_effective_from_outside_the_range_is_refused_before_the_term_is_added(string effectiveFrom)
    {
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Samr));
        var body = new JsonObject { ["decisionDocument"] = "闽市监信决〔2026〕1号", ["reasons"] = "理由", ["effectiveFrom"] = effectiveFrom };

        var response = await reviewer.PostJsonAsync($"/api/v1/designations/{Guid.NewGuid()}/decide", body, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, InputRange.OutOfRangeCode);
        Assert.Contains(("effectiveFrom", InputRange.OutOfRangeCode), problem.FieldCodes());
    }

    [Fact]
    public async Task A_term_that_would_end_after_2099_is_refused_on_term_and_the_designation_stays_proposed()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var proposed = await recorder.PostExpectAsync("/api/v1/designations", Designations.DesignationBodies.MarketDesignation(), HttpStatusCode.Created, Cancel);
        var id = proposed.GetProperty("id").GetString();
        // Decided in mid-2098: the list type's default term (P3Y) would end in 2101, past the last date the platform handles.
        Server.Clock.Advance(new DateTimeOffset(2098, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)) - Server.Clock.GetUtcNow());
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Samr));

        var response = await reviewer.PostJsonAsync($"/api/v1/designations/{id}/decide", Designations.DesignationBodies.Decision(), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, InputRange.DurationOutOfRangeCode);
        Assert.Contains(("term", InputRange.DurationOutOfRangeCode), problem.FieldCodes());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Null((await db.Designations.SingleAsync(Cancel)).DecidedAt);
    }
}

public sealed class DateRangeTests_on_SQLite() : DateRangeTests(new SqliteTestDatabases());

public sealed class DateRangeTests_on_PostgreSQL(PostgresClusterFixture cluster) : DateRangeTests(new PostgresTestDatabases(cluster));
