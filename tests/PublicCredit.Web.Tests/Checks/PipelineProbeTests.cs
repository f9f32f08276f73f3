using System.Net;
using System.Text;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Checks;

/// <summary>
/// The bench's pipeline probe (docs/performance.md#http-check) is the check's pipeline with a constant answer: it exists
/// only when the bench turns it on, admits checkers only, and is no part of the published contract.
/// </summary>
public abstract class PipelineProbeTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StringContent Body() => new("""{"subject":"91350100M000100Y43","matter":"procurement"}""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_server_started_as_usual_has_no_pipeline_probe()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var checker = server.Client(await server.KeyAsync(Role.Checker, Departments.Mof));

        using var probe = await checker.PostAsync(new Uri("/api/v1/checks/pipeline-probe", UriKind.Relative), Body(), Cancel);
        var document = await checker.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        Assert.DoesNotContain("pipeline-probe", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_answers_a_checker_the_constant_of_the_size_asked_and_refuses_anyone_else()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PipelineProbeBytes = 400 }, Cancel);
        using var checker = server.Client(await server.KeyAsync(Role.Checker, Departments.Mof));
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        using var anonymous = server.Client();

        using var answered = await checker.PostAsync(new Uri("/api/v1/checks/pipeline-probe", UriKind.Relative), Body(), Cancel);
        using var wrongRole = await recorder.PostAsync(new Uri("/api/v1/checks/pipeline-probe", UriKind.Relative), Body(), Cancel);
        using var noKey = await anonymous.PostAsync(new Uri("/api/v1/checks/pipeline-probe", UriKind.Relative), Body(), Cancel);
        var document = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.InRange((await answered.Content.ReadAsByteArrayAsync(Cancel)).Length, 390, 410);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.DoesNotContain("pipeline-probe", document, StringComparison.Ordinal);
    }
}

public sealed class PipelineProbeTests_on_SQLite() : PipelineProbeTests(new SqliteTestDatabases());

public sealed class PipelineProbeTests_on_PostgreSQL(PostgresClusterFixture cluster) : PipelineProbeTests(new PostgresTestDatabases(cluster));
