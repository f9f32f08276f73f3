namespace PublicCredit.Web.Tests.Cli;

/// <summary>Runs `pcredit` in-process with captured output, as an operator would type it.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PublicCredit.Cli.CommandLine.RunAsync(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
