using System.CommandLine;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Ledger;

namespace PublicCredit.Cli.Commands;

/// <summary>`pcredit keys create --role --dept [--name] [--db]` — prints the new key once, as the last line.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role")
        {
            Description = $"One of: {string.Join(", ", Roles.All.Select(r => r.ToCode()))}",
            Required = true,
        };
        var department = new Option<string>("--dept") { Description = "Catalog department code", Required = true };
        var name = new Option<string?>("--name") { Description = "A name for the key's holder (default role@dept)" };
        var db = CommonOptions.Db();
        var catalog = CommonOptions.Catalog();
        var create = new Command("create", "Create an API key (only its hash is stored)") { role, department, name, db, catalog };
        create.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var loaded = CatalogLoader.Load(CommonOptions.ResolveCatalog(parse.GetValue(catalog))).GetCatalogOrThrow();
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var context = StorageServices.CreateContext(target);
            var clock = TimeProvider.System;
            var created = await new CreateApiKey(context, new AppendToLedger(context, clock), loaded, clock)
                .RunAsync(Caller.Operator, new CreateApiKeyRequest(parse.GetValue(role), parse.GetValue(department), parse.GetValue(name)), cancel);
            await output.WriteLineAsync($"created key {created.Id} role={created.Role} department={created.Department} name={created.Name}");
            await output.WriteLineAsync("store it now: only its hash is kept, it cannot be shown again");
            await output.WriteLineAsync(created.Key);
            return 0;
        }));
        return new Command("keys", "API keys for department systems") { create };
    }
}
