namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Base of HTTP tests: one real server over a fresh database of the given provider per test.</summary>
public abstract class ServerTests(ITestDatabases databases) : IAsyncLifetime
{
    protected RunningServer Server { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The test data builders, bound to this test's server (docs/architecture.md#setting-up-a-state).</summary>
    protected Given Given => new(Server, Cancel);

    public async ValueTask InitializeAsync() => Server = await RunningServer.StartAsync(databases, Cancel);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
