using Microsoft.Extensions.Logging;
using PublicCredit.Changes;
using PublicCredit.Errors;
using PublicCredit.Data;
using PublicCredit.Records;

using PublicCredit.Ledger;

namespace PublicCredit.Web.Hosting;

/// <summary>What `pcredit serve` was asked to run (API.md). Validated before anything starts.</summary>
public sealed record HostSettings
{
    public required DatabaseTarget Database { get; init; }

    /// <summary>Folder of the catalog YAML files.</summary>
    public required string CatalogDirectory { get; init; }

    /// <summary>Kestrel addresses, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>Load the demo data set if the database is empty.</summary>
    public bool Demo { get; init; }

    /// <summary>"now" for every rule; tests pass a fake clock (DESIGN principle 9).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Write logs as JSON lines (structured) instead of the human-readable console format.</summary>
    public bool JsonLogs { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>How often the publicity-end job looks for ended periods to announce on the changes feed (ADR 0008).</summary>
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
    /// database); 0 = no limit. Beyond it: 429 <c>objection-rate-limited</c> with <c>Retry-After</c> (issue 15 §4;
    /// ADR 0034). The subject's own objections are never limited.
    /// </summary>
    public int ObjectionsPerDepartmentPerHour { get; init; } = PublicCredit.Objections.ObjectionLimits.DefaultPerDepartmentPerHour;

    /// <summary>
    /// Folder of the host's secrets: the data-protection key ring (session and antiforgery cookies) and the report
    /// signing key (ADR 0015). Default: <c>keys/</c> beside the SQLite file, or <c>./data/keys</c> for PostgreSQL.
    /// </summary>
    public string? KeysDirectory { get; init; }

    /// <summary>When the node signs ledger checkpoints with its key in the keys folder (ADR 0033).</summary>
    public CheckpointSchedule Checkpoints { get; init; } = CheckpointSchedule.Default;

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

    /// <summary>Refuses settings that cannot work, naming each setting (options are validated before start).</summary>
    public void Validate()
    {
        var problems = new List<FieldError>();
        if (!Directory.Exists(CatalogDirectory))
        {
            problems.Add(new FieldError("catalog", "setting-catalog-missing", $"the catalog folder '{CatalogDirectory}' does not exist"));
        }

        if (Urls.Count == 0)
        {
            problems.Add(new FieldError("urls", "setting-urls-missing", "at least one address to listen on is needed"));
        }

        foreach (var url in Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add(new FieldError("urls", "setting-url-invalid", $"'{url}' is not an http(s) address"));
            }
        }

        if (WithdrawalInterval <= TimeSpan.Zero || WithdrawalInterval > TimeSpan.FromMinutes(1))
        {
            // A withdrawal must reach the changes feed within a minute of the end (issue 5 §4).
            problems.Add(new FieldError("withdrawalInterval", "setting-interval-invalid", "the publicity-end interval is more than 0 and at most 1 minute"));
        }

        if (UploadLimitBytes <= 0)
        {
            problems.Add(new FieldError("uploadLimit", "setting-upload-limit-invalid", "the upload limit is more than 0 bytes"));
        }

        if (UploadChunkSize is < 1 or > SubmitRecords.MaxChunk)
        {
            problems.Add(new FieldError("uploadChunkSize", "setting-upload-chunk-invalid", "an upload's chunk holds 1 to 1000 rows"));
        }

        if (problems.Count > 0)
        {
            throw DomainException.Invalid(problems);
        }
    }
}
