using System.Diagnostics;

namespace PublicCredit.Browser.Tests.Infrastructure;

/// <summary>
/// The pinned Node.js checkers of <c>tools/checkers</c> (html-validate, Lighthouse), installed there by scripts/test.sh
/// (<c>npm ci</c> from the lock file). A missing checker fails the test, saying how to install it; it never skips.
/// </summary>
public static class Checkers
{
    public static string Folder { get; } = Path.Combine(Screenshots.FindRoot(), "tools", "checkers");

    /// <summary>The path of a checker's command, or a failed test naming what to run.</summary>
    public static string Tool(string name)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", name);
        Assert.True(File.Exists(path),
            $"{path} is missing: run scripts/test.sh (it runs `npm ci` in tools/checkers) or `npm ci --prefix tools/checkers` before the browser tests.");
        return path;
    }

    /// <summary>Runs a checker to its end and returns its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Tool(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(name + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeout ?? TimeSpan.FromMinutes(3)}");
        }

        return (process.ExitCode, await output, await error);
    }
}
