using Microsoft.Extensions.Logging;
using PublicCredit.Changes;
using PublicCredit.Errors;
using PublicCredit.Data;
using PublicCredit.Records;

using PublicCredit.Ledger;

namespace PublicCredit.Web.Hosting;

/// <summary>What `pcredit serve` was asked to run (docs/api.md). Validated before anything starts.</summary>
public sealed record HostSettings
{
    public required DatabaseTarget Database { get; init; }

    /// <summary>Folder of the catalog YAML files.</summary>
    public required string CatalogDirectory { get; init; }

    /// <summary>Kestrel addresses, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>
    /// The address the public reaches this site at, e.g. <c>https://credit.example.gov.cn/</c> (ADR 0038): printed as
    /// the verification address of every signed report and used for any absolute URL the server writes, never the
    /// request's <c>Host</c>. Requests naming another host are refused (400 <c>host-not-allowed</c>). Without it the
    /// first listening address is printed and only loopback names and the listening hosts are answered.
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>
    /// Who runs the site and how to reach them, shown in every page's footer and on the privacy notice
    /// (docs/web.md#operator-contact). Null: the footer says to contact the operator without naming it.
    /// </summary>
    public OperatorContact? Operator { get; init; }

    /// <summary>
    /// The server sits behind a TLS-terminating reverse proxy (ADR 0038): <c>X-Forwarded-For</c>/<c>-Proto</c> are
    /// read from <see cref="KnownProxies"/> only (loopback when none is given), HSTS is sent and every cookie is
    /// <c>Secure</c>. Without it forwarded headers are ignored.
    /// </summary>
    public bool BehindProxy { get; init; }

    /// <summary>Addresses of the reverse proxies whose forwarded headers are believed; empty = loopback only.</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>
    /// Public searches (API and the search page together) one client address may make per minute; 0 = no limit (for
    /// benchmarks). Beyond it: 429 <c>search-rate-limited</c> with <c>Retry-After</c> (docs/design.md#edges-public-limits-and-audit-reads; ADR 0038).
    /// </summary>
    public int PublicSearchPerMinutePerAddress { get; init; } = 120;

    /// <summary>
    /// PDF uploads to <c>/verify/{code}</c> one client address may make per minute (each is read whole and hashed);
    /// 0 = no limit. Beyond it: 429 <c>verify-rate-limited</c> with <c>Retry-After</c>.
    /// </summary>
    public int VerifyUploadsPerMinutePerAddress { get; init; } = 10;

    /// <summary>
    /// Run once the database is migrated and the index loaded, before the server listens: `serve --demo` loads the
    /// demo data set here (the CLI's, so the web host does not reference the generator).
    /// </summary>
    public Func<IServiceProvider, StartupReport, CancellationToken, Task>? Seed { get; init; }

    /// <summary>
    /// Where webhook deliveries may go (ADR 0052 §3): https to public addresses unless these allow plain http to
    /// loopback (<c>--webhooks-allow-loopback</c>) or private addresses (<c>--webhooks-allow-private</c>).
    /// </summary>
    public PublicCredit.Subscriptions.WebhookTargets Webhooks { get; init; } = new();

    /// <summary>"now" for every rule; tests pass a fake clock (docs/design.md#9-time-is-an-input).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Bench only (docs/performance.md#http-check): when set, <c>POST /api/v1/checks/pipeline-probe</c> answers this
    /// many bytes of constant JSON through the check's whole pipeline — authentication, the checker role, the body
    /// read — without the check itself, so the bench separates the pipeline's cost from the check's. Set from the
    /// environment variable <see cref="PipelineProbeVariable"/>, never by a command-line option; left out of the
    /// OpenAPI document.
    /// </summary>
    public int? PipelineProbeBytes { get; init; }

    public const string PipelineProbeVariable = "PCREDIT_BENCH_PIPELINE_PROBE_BYTES";

    /// <summary>Write logs as JSON lines (structured) instead of the human-readable console format.</summary>
    public bool JsonLogs { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>How often the publicity-end job and the expiry announcer look for ended publicity periods and designation
    /// terms to announce on the changes feed (ADR 0008, ADR 0044).</summary>
    public TimeSpan WithdrawalInterval { get; init; } = WithdrawalAnnouncer.DefaultInterval;

    /// <summary>
    /// How many credit reports one client address may download per minute. Each report is a stored digest and a
    /// ledger event (ADR 0015), so an unauthenticated loop must not be able to grow the ledger without bound (ADR 0022).
    /// </summary>
    public int ReportsPerMinutePerAddress { get; init; } = 10;

    /// <summary>
    /// Wrong, used or expired activation codes one client address may try per hour before it is refused
    /// (429 <c>activation-rate-limited</c>; ADR 0029). Successful redemptions do not count.
    /// </summary>
    public int ActivationFailuresPerHourPerAddress { get; init; } = 20;

    /// <summary>
    /// How many objections the recorders of one department may file per hour, across every node (counted in the
    /// database); 0 = no limit. Beyond it: 429 <c>objection-rate-limited</c> with <c>Retry-After</c> (docs/design.md#scope-no-department-acts-for-another;
    /// ADR 0034). The subject's own objections are never limited.
    /// </summary>
    public int ObjectionsPerDepartmentPerHour { get; init; } = PublicCredit.Objections.ObjectionLimits.DefaultPerDepartmentPerHour;

    /// <summary>
    /// Folder of the host's secrets: the data-protection key ring (session and antiforgery cookies) and the report
    /// signing keys (ADR 0015, ADR 0039 §3). Default for SQLite: <c>keys/</c> beside the database file. Required for
    /// PostgreSQL (<see cref="KeysRequiredCode"/>): every node on the database must share one folder.
    /// </summary>
    public string? KeysDirectory { get; init; }

    public const string KeysRequiredCode = SettingProblemCodes.KeysRequired;

    /// <summary>
    /// PostgreSQL: the most connections this node's one pool holds (<c>serve --db-pool-size</c>). Null: a
    /// <c>Maximum Pool Size</c> in the connection string, else a quarter of what the server admits (4–50). Must be below
    /// what the server admits (ADR 0039 §2). SQLite: unused.
    /// </summary>
    public int? DatabasePoolSize { get; init; }

    /// <summary>When the node signs ledger checkpoints with its key in the keys folder (ADR 0033).</summary>
    public CheckpointSchedule Checkpoints { get; init; } = CheckpointSchedule.Default;

    /// <summary>
    /// How often the node seals the inquiry log's new batches in the ledger (ADR 0032 §4; <c>serve
    /// --inquiry-seal-seconds</c>, 1–3600). Null: the node does not seal on a timer — only for test hosts whose frozen
    /// clock would otherwise append seal events at unpredictable moments; they seal on demand.
    /// </summary>
    public TimeSpan? InquirySealInterval { get; init; } = PublicCredit.Inquiries.InquirySealer.DefaultInterval;

    /// <summary>
    /// Folder of files uploaded on <c>/console/records/upload</c> while they are imported, and of their rejection
    /// reports (ADR 0019). Default: <c>uploads/</c> beside the SQLite file, or <c>./data/uploads</c> for PostgreSQL.
    /// </summary>
    public string? UploadsDirectory { get; init; }

    /// <summary>The largest file the console takes (ADR 0019: ~160,000 rows of ~400 bytes; larger files go through `pcredit import`).</summary>
    public long UploadLimitBytes { get; init; } = 64L << 20;

    /// <summary>Rows per committed chunk of a console upload: its progress step and how long it holds the writers' lock (ADR 0019).</summary>
    public int UploadChunkSize { get; init; } = SubmitRecords.MaxChunk;

    /// <summary>Services added after the platform's own, last (an embedding host's additions; tests add an observer that
    /// fails after commit, ADR 0027 §2).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    public string ResolveUploadsDirectory() => ResolveBesideDatabase(UploadsDirectory, "uploads");

    public string ResolveKeysDirectory() => ResolveBesideDatabase(KeysDirectory, "keys");

    private string ResolveBesideDatabase(string? configured, string name)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        if (Database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;
            if (!string.IsNullOrWhiteSpace(file) && file != ":memory:")
            {
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", name);
            }
        }

        return Path.GetFullPath(Path.Combine("data", name));
    }

    /// <summary>The address of the site as printed on reports: <see cref="PublicUrl"/> with a trailing slash.</summary>
    public Uri? PublicBase => PublicUrl is null ? null
        : new Uri(PublicUrl.GetLeftPart(UriPartial.Path).EndsWith('/') ? PublicUrl.GetLeftPart(UriPartial.Path) : PublicUrl.GetLeftPart(UriPartial.Path) + "/");

    /// <summary><c>0.0.0.0</c>, <c>[::]</c>, <c>*</c> or <c>+</c>: every interface, so any host name may reach it.</summary>
    public static bool ListensEverywhere(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        return rest.StartsWith('*') || rest.StartsWith('+') || rest.StartsWith("0.0.0.0", StringComparison.Ordinal) || rest.StartsWith("[::]", StringComparison.Ordinal);
    }

    private static void AtLeast(List<FieldError> problems, int value, int least, string field)
    {
        if (value < least)
        {
            problems.Add(new FieldError(field, SettingProblemCodes.LimitInvalid, $"{field} is at least {least}"));
        }
    }

    /// <summary>Refuses settings that cannot work, naming each setting (options are validated before start).</summary>
    public void Validate()
    {
        var problems = new List<FieldError>();
        if (!Directory.Exists(CatalogDirectory))
        {
            problems.Add(new FieldError("catalog", SettingProblemCodes.CatalogMissing, $"the catalog folder '{CatalogDirectory}' does not exist"));
        }

        if (Urls.Count == 0)
        {
            problems.Add(new FieldError("urls", SettingProblemCodes.UrlsMissing, "at least one address to listen on is needed"));
        }

        foreach (var url in Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add(new FieldError("urls", SettingProblemCodes.UrlInvalid, $"'{url}' is not an http(s) address"));
            }
        }

        if (WithdrawalInterval <= TimeSpan.Zero || WithdrawalInterval > TimeSpan.FromMinutes(1))
        {
            // A withdrawal must reach the changes feed within a minute of the end (docs/domain.md#publicity-periods).
            problems.Add(new FieldError("withdrawalInterval", SettingProblemCodes.IntervalInvalid, "the publicity-end interval is more than 0 and at most 1 minute"));
        }

        if (PublicUrl is { } publicUrl
            && (!publicUrl.IsAbsoluteUri || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(publicUrl.Query) || !string.IsNullOrEmpty(publicUrl.Fragment) || !string.IsNullOrEmpty(publicUrl.UserInfo)))
        {
            problems.Add(new FieldError("publicUrl", SettingProblemCodes.PublicUrlInvalid, $"'{publicUrl}' is not an http(s) address without query, fragment or user"));
        }

        if (PublicUrl is null && Urls.Any(ListensEverywhere))
        {
            // Any name reaches such a server: the address printed on reports and the hosts answered must be stated.
            problems.Add(new FieldError("publicUrl", SettingProblemCodes.PublicUrlMissing, "a server listening on every interface needs --public-url (the address the public reaches it at)"));
        }

        if (Operator is { } contact)
        {
            problems.AddRange(contact.Problems());
        }

        foreach (var proxy in KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                problems.Add(new FieldError("knownProxies", SettingProblemCodes.ProxyInvalid, $"'{proxy}' is not an IP address"));
            }
        }

        if (KnownProxies.Count > 0 && !BehindProxy)
        {
            problems.Add(new FieldError("knownProxies", SettingProblemCodes.ProxyWithoutBehindProxy, "--proxy is only read with --behind-proxy"));
        }

        AtLeast(problems, PublicSearchPerMinutePerAddress, 0, "publicSearchPerMinute");
        AtLeast(problems, VerifyUploadsPerMinutePerAddress, 0, "verifyUploadsPerMinute");
        AtLeast(problems, ReportsPerMinutePerAddress, 1, "reportsPerMinute");
        AtLeast(problems, ActivationFailuresPerHourPerAddress, 1, "activationFailuresPerHour");
        AtLeast(problems, ObjectionsPerDepartmentPerHour, 0, "objectionsPerDepartmentPerHour");
        AtLeast(problems, Checkpoints.EveryEvents, 1, "checkpointEvery");
        if (InquirySealInterval is { } seal && (seal < TimeSpan.FromSeconds(1) || seal > TimeSpan.FromHours(1)))
        {
            problems.Add(new FieldError("inquirySealSeconds", SettingProblemCodes.InquirySealInvalid, "inquiry batches are sealed every 1 to 3600 seconds"));
        }
        if (Checkpoints.MaxAge <= TimeSpan.Zero || Checkpoints.Poll <= TimeSpan.Zero)
        {
            problems.Add(new FieldError("checkpointMaxAge", SettingProblemCodes.CheckpointAgeInvalid, "a checkpoint's age and the poll interval are more than 0"));
        }

        if (Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(KeysDirectory))
        {
            // Nodes on one PostgreSQL database must share their secrets: with a folder each, one node's reports and
            // cookies do not verify on another, silently (docs/design.md#edges-public-limits-and-audit-reads; ADR 0039 §3).
            problems.Add(new FieldError("keys", KeysRequiredCode,
                "a PostgreSQL node needs --keys <folder>: the folder of the cookie key ring, the report signing keys and the " +
                "checkpoint key, shared by every node on the database (and backed up with it)"));
        }

        if (DatabasePoolSize is < 1)
        {
            problems.Add(new FieldError("dbPoolSize", SettingProblemCodes.DbPoolSizeInvalid, "the database pool holds at least 1 connection"));
        }

        if (UploadLimitBytes <= 0)
        {
            problems.Add(new FieldError("uploadLimit", SettingProblemCodes.UploadLimitInvalid, "the upload limit is more than 0 bytes"));
        }

        if (UploadChunkSize is < 1 or > SubmitRecords.MaxChunk)
        {
            problems.Add(new FieldError("uploadChunkSize", SettingProblemCodes.UploadChunkInvalid, "an upload's chunk holds 1 to 1000 rows"));
        }

        if (problems.Count > 0)
        {
            throw DomainException.Invalid(problems);
        }
    }
}
