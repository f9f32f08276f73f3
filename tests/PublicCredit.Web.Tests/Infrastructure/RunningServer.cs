using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Text;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>
/// The real web host on Kestrel at a free loopback port, over a fresh database of one provider: tests speak HTTP to
/// it exactly as a department's system would.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningServer(WebApplication app, DatabaseTarget database, FakeTimeProvider clock)
    {
        this.app = app;
        Database = database;
        Clock = clock;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
    }

    public DatabaseTarget Database { get; }

    public FakeTimeProvider Clock { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>What `pcredit serve` would print once started.</summary>
    public IReadOnlyList<string> StartupLines => app.Services.GetRequiredService<PublicCredit.Web.Hosting.StartupReport>().Lines;

    /// <summary>The instant the server's clock starts at unless a test says otherwise: Mon 2026-11-23 09:00 China time.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static Task<RunningServer> StartAsync(ITestDatabases databases, CancellationToken cancellationToken = default) =>
        StartAsync(databases, DefaultStart, cancellationToken);

    /// <summary>Starts with the clock at <paramref name="now"/> (a fake clock moves forward only).</summary>
    public static async Task<RunningServer> StartAsync(ITestDatabases databases, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databases);
        return await RestartAsync(await databases.CreateAsync(cancellationToken), now, cancellationToken);
    }

    /// <summary>Another server process's view: a new host over an existing database.</summary>
    public static Task<RunningServer> RestartAsync(DatabaseTarget database, CancellationToken cancellationToken = default) =>
        RestartAsync(database, DefaultStart, cancellationToken);

    /// <summary>Starts with settings of the test's own (e.g. a small upload limit).</summary>
    public static async Task<RunningServer> StartAsync(ITestDatabases databases, Func<HostSettings, HostSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databases);
        return await StartAsync(await databases.CreateAsync(cancellationToken), DefaultStart, configure, cancellationToken);
    }

    public static Task<RunningServer> RestartAsync(DatabaseTarget database, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StartAsync(database, now, null, cancellationToken);

    /// <summary>A new host over an existing database with settings of the test's own.</summary>
    public static Task<RunningServer> RestartAsync(DatabaseTarget database, Func<HostSettings, HostSettings> configure, CancellationToken cancellationToken = default) =>
        StartAsync(database, DefaultStart, configure, cancellationToken);

    private static async Task<RunningServer> StartAsync(
        DatabaseTarget database, DateTimeOffset now, Func<HostSettings, HostSettings>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var clock = new FakeTimeProvider(now);
        var perDatabase = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(database.ConnectionString)))[..16];
        var settings = new HostSettings
        {
            Database = database,
            CatalogDirectory = RepositoryPaths.Catalog,
            Urls = ["http://127.0.0.1:0"],
            Clock = clock,
            MinimumLogLevel = LogLevel.Warning,
            // Tests move a frozen clock; a timer on it would seal inquiry batches at moments no test can predict, and
            // tests that count ledger events would race it. Tests seal on demand (InquirySealer.RunOnceAsync).
            InquirySealInterval = null,
            // SQLite keeps its keys beside the file; a PostgreSQL database gets a folder of its own, shared by restarts.
            KeysDirectory = database.Provider == DatabaseProvider.Sqlite ? null : Path.Combine(Path.GetTempPath(), "pcredit-keys-" + perDatabase),
            // The in-test webhook receivers listen on loopback over plain http (ADR 0052 §3).
            Webhooks = new PublicCredit.Subscriptions.WebhookTargets(AllowLoopbackHttp: true),
            UploadsDirectory = database.Provider == DatabaseProvider.Sqlite ? null : Path.Combine(Path.GetTempPath(), "pcredit-uploads-" + perDatabase),
        };
        var app = await PublicCreditApp.StartAsync(configure is null ? settings : configure(settings), cancellationToken);
        return new RunningServer(app, database, clock);
    }

    public HttpClient Client(string? bearer = null)
    {
        // A request that asks before sending a large body waits for the server's answer even on a loaded machine
        // (the default 1 s makes the client send anyway, and the server's early 413 then breaks the pipe).
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Issues a key the way an operator does on the server (`pcredit keys create`).</summary>
    public async Task<string> KeyAsync(Role role, string department)
    {
        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateApiKey>()
            .RunAsync(Caller.Operator, new CreateApiKeyRequest(role.Code(), department, null,
                // Tests move the clock a year or more ahead; their keys last as long as a key may.
                CreateApiKey.LongestExpiry(Clock)));
        return created.Key;
    }

    /// <summary>Issues a self-service token the way an operator does (`pcredit subjects token`).</summary>
    public async Task<string> SubjectTokenAsync(string subjectId, int? validDays = null)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<IssueSubjectToken>()
            .RunAsync(Caller.Operator, new IssueSubjectTokenRequest(subjectId, validDays));
        return issued.Token;
    }

    /// <summary>
    /// The subject's own token, obtained the way a subject does (ADR 0029): it redeems the activation code printed in
    /// the notice of a proposal answer at <c>POST /api/v1/subject-sessions/activate</c>, without any credential.
    /// </summary>
    public async Task<string> ActivateAsync(System.Text.Json.JsonElement proposed)
    {
        using var anonymous = Client();
        var code = proposed.GetProperty("activationCode").GetString();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/subject-sessions/activate", new { code });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
