using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Robustness;

/// <summary>
/// docs/design.md#one-bad-input-stops-no-node (ADR 0027 §2): code that runs after a commit never turns the committed change into an error answer.
/// A server whose after-commit observers all throw still answers a submission and a correction with their success,
/// and the change is in the database.
/// </summary>
public abstract class AfterCommitTests(ITestDatabases databases) : IAsyncLifetime
{
    private RunningServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        server = await RunningServer.StartAsync(databases, settings => settings with
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IRecordsCommitted, FailingObserver>();
                services.AddSingleton<IDesignationCommitted, FailingObserver>();
            },
        }, Cancel);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_submission_whose_after_commit_step_fails_is_answered_created_and_is_stored()
    {
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        var id = (await response.JsonAsync(Cancel)).GetProperty("id").GetGuid();
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(id, (await db.Records.SingleAsync(Cancel)).Id);
        Assert.True(FailingObserver.Failures > 0);
    }

    [Fact]
    public async Task A_correction_whose_after_commit_step_fails_is_answered_with_its_success_and_is_stored()
    {
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        var id = (await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).JsonAsync(Cancel)).GetProperty("id").GetGuid();

        var response = await recorder.PostJsonAsync($"/api/v1/records/{id}/corrections",
            RecordBodies.Penalty().With("amount", 15).With("reason", "罚款金额录入错误"), Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(15m, (await db.Records.SingleAsync(r => r.Id == id && r.SupersededAt == null, Cancel)).Amount);
    }

    /// <summary>An after-commit step that always fails.</summary>
    private sealed class FailingObserver : IRecordsCommitted, IDesignationCommitted
    {
        private static int failures;

        public static int Failures => Volatile.Read(ref failures);

        public void Committed(IReadOnlyList<RecordRow> written) => Fail();

        public void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, long position) => Fail();

        private static void Fail()
        {
            Interlocked.Increment(ref failures);
            throw new InvalidOperationException("an after-commit step failed");
        }
    }
}

public sealed class AfterCommitTests_on_SQLite() : AfterCommitTests(new SqliteTestDatabases());

public sealed class AfterCommitTests_on_PostgreSQL(PostgresClusterFixture cluster) : AfterCommitTests(new PostgresTestDatabases(cluster));
