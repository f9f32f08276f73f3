using System.CommandLine;
using PublicCredit.Cli.Commands;

// Composition root of the `pcredit` command line (API.md "Command line").
var root = new RootCommand("PublicCredit — public credit information platform")
{
    ServeCommand.Create(),
    CatalogCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
