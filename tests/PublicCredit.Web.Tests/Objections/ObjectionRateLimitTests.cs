using System.Net;
using PublicCredit.Access;
using PublicCredit.Objections;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Objections;

/// <summary>
/// Per-department rate limit on objections (docs/design.md#scope-no-department-acts-for-another; ADR 0034): a department's recorders flooding objections get
/// 429 <c>objection-rate-limited</c> with <c>Retry-After</c> once the hourly allowance is used, counted in the
/// database; another department and the subject are not affected; an hour later the department may file again.
/// </summary>
public abstract class ObjectionRateLimitTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_department_filing_more_objections_than_its_hourly_allowance_is_refused_with_429_and_retry_after()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { ObjectionsPerDepartmentPerHour = 2 }, Cancel);
        var steps = new ObjectionSteps(server, Cancel);
        var given = new Given(server, Cancel);
        var records = new List<Guid>();
        for (var n = 1; n <= 4; n++)
        {
            records.Add((await given.PublishedRecordAsync($"闽市监罚〔2026〕9{n}号")).Id);
        }

        using var mof = await steps.ClientAsync(Role.Recorder, Departments.Mof);
        using var ndrc = await steps.ClientAsync(Role.Recorder, Departments.Ndrc);
        await mof.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(records[0], record: true), HttpStatusCode.Created, Cancel);
        await mof.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(records[1], record: true), HttpStatusCode.Created, Cancel);
        server.Clock.Advance(TimeSpan.FromMinutes(10));

        using var refused = await ObjectionSteps.PostAsync(mof, "/api/v1/objections", ObjectionSteps.Objection(records[2], record: true), Cancel);

        await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, ObjectionProblemCodes.RateLimited);
        Assert.Equal(TimeSpan.FromMinutes(50), refused.Headers.RetryAfter?.Delta);
        // Another department, and the subject itself, are not limited by mof's allowance.
        await ndrc.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(records[2], record: true), HttpStatusCode.Created, Cancel);
        using var subject = server.Client(await server.SubjectTokenAsync(ObjectionSteps.Organisation));
        await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(records[3], record: true), HttpStatusCode.Created, Cancel);

        server.Clock.Advance(TimeSpan.FromMinutes(51));
        await mof.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(records[2], record: true, grounds: "一小时后"), HttpStatusCode.Created, Cancel);
    }
}

public sealed class ObjectionRateLimitTests_on_SQLite() : ObjectionRateLimitTests(new SqliteTestDatabases());

public sealed class ObjectionRateLimitTests_on_PostgreSQL(PostgresClusterFixture cluster) : ObjectionRateLimitTests(new PostgresTestDatabases(cluster));
