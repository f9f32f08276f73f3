using System.CommandLine;
using PublicCredit.Cli.Commands;

namespace PublicCredit.Cli;

/// <summary>The `pcredit` command tree (docs/api.md#command-line); tests invoke it in-process with captured output.</summary>
public static class CommandLine
{
    public static RootCommand Create() => new("pcredit — PublicCredit, the public credit information platform")
    {
        ServeCommand.Create(),
        DbCommand.Create(),
        KeysCommand.Create(),
        LedgerCommand.Create(),
        ReportsCommand.Create(),
        SubjectsCommand.Create(),
        IdCheckCommand.Create(TimeProvider.System),
        CatalogCommand.Create(),
        ImportCommand.Create(TimeProvider.System),
        DemoCommand.Create(TimeProvider.System),
    };

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return Create().Parse(args).InvokeAsync(configuration);
    }
}
