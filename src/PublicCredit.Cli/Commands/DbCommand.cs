using System.CommandLine;
using PublicCredit.Data;

namespace PublicCredit.Cli.Commands;

/// <summary>`pcredit db migrate [--db]` — applies the provider's migrations.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var migrate = new Command("migrate", "Apply database migrations") { db };
        migrate.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            var applied = await StorageServices.MigrateAsync(target, cancel);
            await output.WriteLineAsync(applied.Count == 0
                ? $"{target.Describe()}: up to date"
                : $"{target.Describe()}: applied {string.Join(", ", applied)}");
            return 0;
        }));
        return new Command("db", "Database administration") { migrate };
    }
}
