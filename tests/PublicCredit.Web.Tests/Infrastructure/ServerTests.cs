namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Base of HTTP tests: one real server over a fresh database of the given provider per test.</summary>
public abstract class ServerTests(ITestDatabases databases) : IAsyncLifetime
{
    protected RunningServer Server { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Server = await RunningServer.StartAsync(databases, Cancel);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
