using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Enforcement;
using PublicCredit.Changes;
using PublicCredit.Checks;
using PublicCredit.Inquiries;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Profiles;
using PublicCredit.Web.Api;
using PublicCredit.Web.Errors;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The composition root of the web host: one place that wires storage, the catalog, security, errors and the
/// endpoints. `pcredit serve` and the HTTP tests both build the application here, so tests run the real thing.
/// </summary>
public static class PublicCreditApp
{
    public static WebApplication Build(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PublicCreditApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            RequestEdges.RaiseKestrelLimits(k);
        });
        ConfigureLogging(builder.Logging, settings);

        // The catalog is validated before anything else starts: a server never runs on rules that do not load.
        var catalog = CatalogLoader.Load(settings.CatalogDirectory).GetCatalogOrThrow();

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<PublicHosts>();
        services.AddSingleton<PublicRateLimits>();
        services.AddSingleton(catalog);
        services.AddSingleton(CatalogOverview.From(catalog));
        var startupReport = new StartupReport();
        services.AddSingleton(startupReport);
        services.AddScoped<RecordCatalogVersion>();
        services.AddSingleton(settings.Clock);
        services.AddPublicCreditStorage(settings.Database);
        services.AddSingleton<AuthenticateBearer>();
        services.AddSingleton<ICredentialRevoked>(sp => sp.GetRequiredService<AuthenticateBearer>());
        services.AddSingleton<CredentialSessions>();
        services.AddScoped<RevokeApiKey>();
        services.AddScoped<RotateApiKey>();
        services.AddScoped<ListApiKeys>();
        services.AddScoped<RevokeSubjectToken>();
        services.AddScoped<ListSubjectTokens>();
        services.AddScoped<AppendToLedger>();
        // Signed checkpoints of the chain with a key kept in the keys folder, outside the database (ADR 0033).
        services.AddSingleton(new LedgerCheckpoints(settings.ResolveKeysDirectory()));
        services.AddSingleton(settings.Checkpoints);
        services.AddSingleton<CheckpointSigner>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckpointSigner>());
        services.AddScoped<VerifyLedger>();
        services.AddScoped<CreateApiKey>();
        services.AddScoped<IssueSubjectToken>();
        services.AddScoped<SubjectActivation>();
        services.AddSingleton<PublicCredit.Web.Security.ActivationThrottle>();
        services.AddSingleton<InquiryLog>();
        services.AddHostedService(sp => sp.GetRequiredService<InquiryLog>());
        services.AddScoped<SealInquiryBatches>();
        services.AddSingleton(sp => new InquirySealer(sp.GetRequiredService<IServiceScopeFactory>(), settings.Clock,
            settings.InquirySealInterval ?? Timeout.InfiniteTimeSpan, sp.GetRequiredService<ILogger<InquirySealer>>()));
        if (settings.InquirySealInterval is not null)
        {
            services.AddHostedService(sp => sp.GetRequiredService<InquirySealer>());
        }
        services.AddSingleton<RecordValidator>();
        services.AddScoped<SubmitRecords>();
        services.AddScoped<CorrectRecord>();
        services.AddScoped<IRecordCorrectionHold, ObjectionsHoldCorrections>();
        services.AddScoped<ReadRecord>();
        services.AddSingleton<PublicCredit.Profiles.SharingScope>();
        services.AddSingleton<IRecordReadScope>(sp => sp.GetRequiredService<PublicCredit.Profiles.SharingScope>());
        services.AddSingleton<IDesignationReadScope>(sp => sp.GetRequiredService<PublicCredit.Profiles.SharingScope>());
        services.AddScoped<PublicityStats>();
        services.AddSingleton(sp => new MeasureRules(sp.GetRequiredService<CreditCatalog>()));
        services.AddSingleton<EnforcementIndex>();
        services.AddSingleton<EnforcementIndexUpdates>();
        services.AddSingleton<IDesignationCommitted>(sp => sp.GetRequiredService<EnforcementIndexUpdates>());
        services.AddSingleton<CleanRecord>();
        services.AddSingleton<IDesignationCommitted>(sp => sp.GetRequiredService<CleanRecord>());
        services.AddSingleton<IRecordsCommitted>(sp => sp.GetRequiredService<CleanRecord>());
        services.AddSingleton<FollowerHealth>();
        services.AddSingleton<FollowLedger>();
        if (settings.Database.Provider == DatabaseProvider.Postgres)
        {
            // Other nodes on the same database (ADR 0012); started after the index is loaded, as hosted services start
            // with the host, after StartAsync below has loaded it.
            services.AddHostedService<PostgresLedgerFollower>();
        }
        else
        {
            // Other processes on the same file, e.g. `pcredit import` beside a running server (ADR 0012 §4).
            services.AddHostedService<SqliteLedgerFollower>();
        }

        services.AddSingleton<RunCheck>();
        services.AddScoped<SubmitFeedback>();
        services.AddSubscriptions(settings);
        services.AddScoped<ImplementationStats>();
        services.AddScoped<DesignationTransitions>();
        services.AddScoped<ProposeDesignation>();
        services.AddScoped<RedListEligibility>();
        services.AddScoped<FileStatement>();
        services.AddScoped<DecideDesignation>();
        services.AddScoped<RevokeDesignation>();
        services.AddScoped<ConfirmDesignation>();
        services.AddScoped<ReadDesignation>();
        services.AddScoped<ListDesignations>();
        services.AddScoped<SuggestEscalations>();
        // The deadlines objections and restorations hold on designations, in the order the list shows a day's deadlines.
        services.AddScoped<IDesignationDeadlines, DesignationObjectionDeadlines>();
        services.AddScoped<IWithdrawnRecords, UpheldRecordObjections>();
        services.AddScoped<IDesignationDeadlines, PublicCredit.Restorations.DesignationRestorationDeadlines>();
        services.AddScoped<FileObjection>();
        services.AddScoped<ResolveObjection>();
        services.AddScoped<SuspendObjection>();
        services.AddSingleton(new ObjectionLimits(settings.ObjectionsPerDepartmentPerHour));
        services.AddScoped<ReadObjection>();
        services.AddScoped<ListObjections>();
        services.AddScoped<ReadSubjectProfile>();
        services.AddScoped<ReadPublicProfile>();
        services.AddScoped<ReadPublicList>();
        services.AddScoped<ReadPortalSummary>();
        services.AddSingleton<PortalSummaryCache>();
        services.AddScoped<SearchPublicSubjects>();
        services.AddScoped<SearchPublicRecords>();
        services.AddScoped<ListSubjectInquiries>();
        services.AddScoped<ReadLedger>();
        services.AddScoped<ReadChanges>();
        services.AddScoped<AnnounceWithdrawals>();
        services.AddSingleton(sp => new WithdrawalAnnouncer(
            sp.GetRequiredService<IServiceScopeFactory>(), settings.Clock, settings.WithdrawalInterval,
            sp.GetRequiredService<ILogger<WithdrawalAnnouncer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<WithdrawalAnnouncer>());
        services.AddScoped<AnnounceExpiries>();
        services.AddSingleton(sp => new ExpiryAnnouncer(
            sp.GetRequiredService<IServiceScopeFactory>(), settings.Clock, settings.WithdrawalInterval,
            sp.GetRequiredService<ILogger<ExpiryAnnouncer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryAnnouncer>());
        services.AddRestorations(settings);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = RequestEdges.AddMissingCode);
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddAuthentication(BearerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, null);
        // The OpenAPI document and its conventions (ADR 0048): security, problems, bodies, required members.
        services.AddPublicCreditOpenApi();
        // HEAD on the API answers as GET would, without a body (docs/api.md#conventions).
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, HeadRequests>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<FollowerHealthCheck>("ledger-follower");
        services.AddWebPortal(settings, startupReport);
        services.AddBehindProxy(settings);

        settings.ConfigureServices?.Invoke(services);
        var app = builder.Build();
        app.UseForwardedClient(settings);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // A Host this server does not answer for is refused before anything reads it (ADR 0038).
        app.UsePublicHostFilter();
        app.UseRequestEdges();
        app.UseProxyTransportSecurity(settings);
        app.UseStatusCodePages();
        // Language is the web pages' concern (docs/api.md#web-pages); the JSON API answers {zh, en} names whatever the
        // caller's language, so its requests (thousands of checks a second) skip the cookie and Accept-Language parsing.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), pages => pages.UseRequestLocalization());
        app.UseAuthentication();
        app.UseEndpointRoles();
        app.UseWebPortal();
        app.MapOpenApi("/openapi/{documentName}.json").AllowPublic();
        app.MapApiReference();
        // ADR 0028: /healthz everything (degraded with quarantined ledger positions), /live the process, /ready the
        // database and a follower that is not stuck.
        app.MapHealthChecks("/healthz", FollowerHealthCheck.Options(null)).AllowPublic();
        app.MapHealthChecks("/healthz/live", FollowerHealthCheck.Options(_ => false)).AllowPublic();
        app.MapHealthChecks("/healthz/ready", FollowerHealthCheck.Options(_ => true)).AllowPublic();
        app.MapPublicCreditApi(settings.PipelineProbeBytes);
        return app;
    }

    /// <summary>Validates, migrates the database, records the catalog version, then starts listening. Returns once the server accepts requests.</summary>
    public static async Task<WebApplication> StartAsync(HostSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Settings are checked before the database is touched; then the node's one pool is bounded below what the
        // server admits (ADR 0039 §2), and every context, the inquiry writer and the follower share it.
        settings.Validate();
        var pool = await DatabasePool.BoundAsync(settings.Database, settings.DatabasePoolSize, cancellationToken);
        if (pool is not null)
        {
            settings = settings with { Database = pool.Target };
        }

        var app = Build(settings);
        await StorageServices.MigrateAsync(settings.Database, cancellationToken);
        WebPortal.SecureKeyRing(app.Services, settings);
        var report = app.Services.GetRequiredService<StartupReport>();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecordCatalogVersion>().RunAsync(Caller.Operator, cancellationToken);
        }

        // The index is whole before the first check can arrive (ADR 0010 §1): loaded before listening.
        var rebuild = System.Diagnostics.Stopwatch.StartNew();
        int loaded;
        await using (var db = StorageServices.CreateContext(settings.Database))
        {
            loaded = await app.Services.GetRequiredService<EnforcementIndexUpdates>().LoadAsync(db, cancellationToken);
            await app.Services.GetRequiredService<CleanRecord>().LoadAsync(db, cancellationToken);
        }

        var rebuilt = rebuild.Elapsed;
        if (settings.Seed is { } seed)
        {
            await seed(app.Services, report, cancellationToken);
        }

        // Reported after the demo is seeded: its decisions reach the index on commit, so the line says what checks see.
        var index = app.Services.GetRequiredService<EnforcementIndex>();
        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"enforcement index: rebuilt from {loaded} designations in {rebuilt.TotalMilliseconds:F0} ms; now {index.Entries} entries for {index.Subjects} subjects at ledger position {index.Position}"));

        await app.StartAsync(cancellationToken);
        var catalog = app.Services.GetRequiredService<CreditCatalog>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        if (pool is not null)
        {
            report.Insert(pool.Describe());
        }

        report.Insert($"database: {settings.Database.Describe()}");
        report.Insert($"catalog: {catalog.Version} from {settings.CatalogDirectory}");
        report.Insert($"PublicCredit listening on {string.Join(", ", addresses)}");
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, HostSettings settings)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.MinimumLogLevel);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The key ring lives in the keys folder, readable by the server's user only (ADR 0015); no XML encryptor.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        if (settings.JsonLogs)
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
