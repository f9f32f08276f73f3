using System.Globalization;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Cli.Commands;

/// <summary>`pcredit serve [--db] [--urls] [--catalog] [--demo] [--public-url] [--behind-proxy] [limits…]` — runs the web host until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var catalog = CommonOptions.Catalog();
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default http://127.0.0.1:5080)",
        };
        var demo = new Option<bool>("--demo") { Description = "Load the demo data set if the database is empty" };
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Write structured logs as JSON lines" };
        var keys = new Option<string?>("--keys")
        {
            Description = "Folder of the cookie key ring, the report signing keys and the checkpoint key, shared by every node (default: keys/ beside the SQLite file; required with PostgreSQL)",
        };
        var poolSize = new Option<int?>("--db-pool-size")
        {
            Description = "PostgreSQL: the most connections this node holds (default: a quarter of what the server admits, 4–50; must be below it)",
        };
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = "The address the public reaches this site at (https://host[:port]/): printed on reports; other Host names are refused",
        };
        var behindProxy = new Option<bool>("--behind-proxy")
        {
            Description = "Behind a TLS reverse proxy: read X-Forwarded-For/-Proto from it, send HSTS, mark every cookie Secure",
        };
        var proxies = new Option<string?>("--proxy")
        {
            Description = "With --behind-proxy: the proxy's IP address(es), separated by ';' (default: loopback only)",
        };
        var webhooksLoopback = new Option<bool>("--webhooks-allow-loopback")
        {
            Description = "Webhook deliveries may go to loopback addresses, over plain http too (a receiver on this host; tests)",
        };
        var webhooksPrivate = new Option<bool>("--webhooks-allow-private")
        {
            Description = "Webhook deliveries may go to private and link-local addresses (a receiver inside the network)",
        };
        var operatorName = new Option<string?>("--operator-name")
        {
            Description = "Who runs this site, shown with the contact details below in every page's footer and on the privacy notice (--demo: invented values)",
        };
        var operatorAddress = new Option<string?>("--operator-address") { Description = "The operator's postal address (with --operator-name)" };
        var operatorTelephone = new Option<string?>("--operator-telephone") { Description = "The operator's telephone number (with --operator-name)" };
        var operatorEmail = new Option<string?>("--operator-email") { Description = "The operator's e-mail address (with --operator-name)" };
        var searchLimit = Limit("--public-search-per-minute", "Public searches per client address per minute (API and search page; 0 = no limit)", 120);
        var verifyLimit = Limit("--verify-uploads-per-minute", "PDF uploads to /verify per client address per minute (0 = no limit)", 10);
        var reportLimit = Limit("--reports-per-minute", "Credit reports per client address per minute", 10);
        var objectionLimit = Limit("--objections-per-department-per-hour", "Objections one department's recorders may file per hour (0 = no limit)",
            PublicCredit.Objections.ObjectionLimits.DefaultPerDepartmentPerHour);
        var activationLimit = Limit("--activation-failures-per-hour", "Wrong activation codes per client address per hour before it is refused", 20);
        var checkpointEvery = Limit("--checkpoint-every", "Sign a ledger checkpoint after this many new events", CheckpointSchedule.Default.EveryEvents);
        var checkpointAge = Limit("--checkpoint-max-age", "Sign a ledger checkpoint when the last one is this many minutes old and events followed it",
            (int)CheckpointSchedule.Default.MaxAge.TotalMinutes);
        var inquirySeal = Limit("--inquiry-seal-seconds", "Seal the inquiry log's new batches in the ledger this often (1–3600 seconds)",
            (int)PublicCredit.Inquiries.InquirySealer.DefaultInterval.TotalSeconds);
        var command = new Command("serve", "Run the web host (API, public portal, staff console)")
        {
            db, urls, catalog, demo, jsonLogs, keys, publicUrl, behindProxy, proxies,
            searchLimit, verifyLimit, reportLimit, objectionLimit, activationLimit, checkpointEvery, checkpointAge, poolSize,
            inquirySeal, operatorName, operatorAddress, operatorTelephone, operatorEmail, webhooksLoopback, webhooksPrivate,
        };
        command.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var settings = new HostSettings
            {
                Database = DatabaseTarget.Parse(parse.GetValue(db)),
                CatalogDirectory = CommonOptions.ResolveCatalog(parse.GetValue(catalog)),
                Urls = parse.GetValue(urls) is { Length: > 0 } given
                    ? given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : ["http://127.0.0.1:5080"],
                Seed = parse.GetValue(demo) ? DemoData.SeedAsync : null,
                JsonLogs = parse.GetValue(jsonLogs),
                KeysDirectory = parse.GetValue(keys),
                DatabasePoolSize = parse.GetValue(poolSize),
                PublicUrl = ParsePublicUrl(parse.GetValue(publicUrl)),
                BehindProxy = parse.GetValue(behindProxy),
                KnownProxies = parse.GetValue(proxies) is { Length: > 0 } listed
                    ? listed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [],
                PublicSearchPerMinutePerAddress = parse.GetValue(searchLimit),
                VerifyUploadsPerMinutePerAddress = parse.GetValue(verifyLimit),
                ReportsPerMinutePerAddress = parse.GetValue(reportLimit),
                ObjectionsPerDepartmentPerHour = parse.GetValue(objectionLimit),
                ActivationFailuresPerHourPerAddress = parse.GetValue(activationLimit),
                Checkpoints = CheckpointSchedule.Default with
                {
                    EveryEvents = parse.GetValue(checkpointEvery),
                    MaxAge = TimeSpan.FromMinutes(parse.GetValue(checkpointAge)),
                },
                InquirySealInterval = TimeSpan.FromSeconds(parse.GetValue(inquirySeal)),
                Webhooks = new PublicCredit.Subscriptions.WebhookTargets(parse.GetValue(webhooksLoopback), parse.GetValue(webhooksPrivate)),
                PipelineProbeBytes = int.TryParse(Environment.GetEnvironmentVariable(HostSettings.PipelineProbeVariable), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var probe) && probe is > 0 and <= 65_536 ? probe : null,
                Operator = Operator(parse.GetValue(operatorName), parse.GetValue(operatorAddress), parse.GetValue(operatorTelephone),
                    parse.GetValue(operatorEmail), parse.GetValue(demo)),
            };

            await using var app = await PublicCreditApp.StartAsync(settings, cancel);
            var started = app.Services.GetRequiredService<StartupReport>();
            foreach (var line in started.Lines)
            {
                await output.WriteLineAsync(line);
            }

            await app.WaitForShutdownAsync(cancel);
            return 0;
        }));
        return command;
    }

    private static Option<int> Limit(string name, string description, int defaultValue) => new(name)
    {
        Description = $"{description} (default {defaultValue})",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The operator as given; none given: the demo's invented one with --demo, else none (the footer's generic text).</summary>
    private static OperatorContact? Operator(string? name, string? address, string? telephone, string? email, bool demo) =>
        new[] { name, address, telephone, email }.All(string.IsNullOrWhiteSpace)
            ? (demo ? OperatorContact.Demo : null)
            : new OperatorContact(name?.Trim() ?? string.Empty, address?.Trim(), telephone?.Trim(), email?.Trim());

    private static Uri? ParsePublicUrl(string? given) =>
        string.IsNullOrWhiteSpace(given) ? null
        : Uri.TryCreate(given.Trim(), UriKind.Absolute, out var url) ? url
        : throw PublicCredit.Errors.DomainException.Invalid("publicUrl", SettingProblemCodes.PublicUrlInvalid, $"'{given}' is not an absolute http(s) address");
}
