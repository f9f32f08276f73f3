using System.CommandLine;
using System.Globalization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Text;

namespace PublicCredit.Cli.Commands;

/// <summary>
/// `pcredit keys create --role --dept [--name] [--expires] [--db]` prints the new key once, as the last line;
/// `pcredit keys revoke &lt;key or key id&gt;` ends a key at once; `pcredit keys list` shows every key (never a key
/// itself). The operator on the server may issue any key, platform-admin keys included (ADR 0031).
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        return new Command("keys", "API keys for department systems") { CreateKey(), RevokeKey(), ListKeys() };
    }

    private static Command CreateKey()
    {
        var role = new Option<string>("--role")
        {
            Description = $"One of: {string.Join(", ", Roles.All.Select(r => r.Code()))}",
            Required = true,
        };
        var department = new Option<string>("--dept") { Description = "Catalog department code", Required = true };
        var name = new Option<string?>("--name") { Description = "A name for the key's holder (default role@dept)" };
        var expires = new Option<string?>("--expires")
        {
            Description = $"The last day the key works, YYYY-MM-DD (China time; default a year from now, at most {CreateApiKey.MaxValidityYears} years)",
        };
        var db = CommonOptions.Db();
        var catalog = CommonOptions.Catalog();
        var create = new Command("create", "Create an API key (only its hash is stored)") { role, department, name, expires, db, catalog };
        create.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var loaded = CatalogLoader.Load(CommonOptions.ResolveCatalog(parse.GetValue(catalog))).GetCatalogOrThrow();
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var context = StorageServices.CreateContext(target);
            var clock = TimeProvider.System;
            var created = await new CreateApiKey(context, new AppendToLedger(context, clock), loaded, clock)
                .RunAsync(Caller.Operator,
                    new CreateApiKeyRequest(parse.GetValue(role), parse.GetValue(department), parse.GetValue(name), parse.GetValue(expires)), cancel);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"created key {created.Id} role={created.Role} department={created.Department} name={created.Name} expires={created.ExpiresAt:yyyy-MM-dd'T'HH:mm}Z"));
            await output.WriteLineAsync("store it now: only its hash is kept, it cannot be shown again");
            await output.WriteLineAsync(created.Key);
            return 0;
        }));
        return create;
    }

    private static Command RevokeKey()
    {
        var key = new Argument<string>("key") { Description = "The key's id (from `keys list`) or the key itself" };
        var db = CommonOptions.Db();
        var revoke = new Command("revoke", "Revoke an API key at once (ledgered; its console sessions end too)") { key, db };
        revoke.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var context = StorageServices.CreateContext(target);
            var clock = TimeProvider.System;
            // Running servers forget the key when their ledger follower reads the event (ADR 0030).
            var revoked = await new RevokeApiKey(context, new AppendToLedger(context, clock), clock, [])
                .RunAsync(Caller.Operator, parse.GetValue(key), cancel);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"revoked key {revoked.Id} role={revoked.Role} department={revoked.Department} name={revoked.Name} at {revoked.RevokedAt:yyyy-MM-dd'T'HH:mm:ss}Z"));
            return 0;
        }));
        return revoke;
    }

    private static Command ListKeys()
    {
        var db = CommonOptions.Db();
        var list = new Command("list", "List every API key: id, status, role, department, name, expiry (never the key)") { db };
        list.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var context = StorageServices.CreateContext(target);
            var keys = await new ListApiKeys(context, TimeProvider.System).RunAsync(Caller.Operator, cancel);
            foreach (var k in keys)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{k.Id}\t{k.Status}\t{k.Role}\t{k.Department}\tpck_{k.Lookup}_…\t{k.Name}\texpires {k.ExpiresAt:yyyy-MM-dd}"));
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{keys.Count} keys"));
            return 0;
        }));
        return list;
    }
}
