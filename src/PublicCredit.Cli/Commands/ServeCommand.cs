using System.CommandLine;

namespace PublicCredit.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the web host");
        command.SetAction(_ => 0);
        return command;
    }
}
