using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicCredit.Data;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Cli.Commands;

/// <summary>`pcredit serve [--db] [--urls] [--catalog] [--demo]` — runs the web host until Ctrl+C.</summary>
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
            Description = "Folder of the cookie key ring and the report signing key, shared by every node (default: keys/ beside the SQLite file, or ./data/keys)",
        };
        var command = new Command("serve", "Run the web host (API, public portal, staff console)") { db, urls, catalog, demo, jsonLogs, keys };
        command.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var settings = new HostSettings
            {
                Database = DatabaseTarget.Parse(parse.GetValue(db)),
                CatalogDirectory = CommonOptions.ResolveCatalog(parse.GetValue(catalog)),
                Urls = parse.GetValue(urls) is { Length: > 0 } given
                    ? given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : ["http://127.0.0.1:5080"],
                Demo = parse.GetValue(demo),
                JsonLogs = parse.GetValue(jsonLogs),
                KeysDirectory = parse.GetValue(keys),
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
}
