using System.Diagnostics;
using System.Text;

namespace PublicCredit.Testing;

/// <summary>
/// The pinned Node.js checkers of <c>tools/checkers</c> (html-validate, Lighthouse, Redocly CLI, Spectral), installed
/// there by scripts/test.sh (<c>npm ci</c> from the lock file). A missing checker fails the test, saying how to install
/// it; it never skips.
/// </summary>
public static class Checkers
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tools", "checkers");

    /// <summary>The path of a checker's command; missing, an exception that fails the test and names what to run.</summary>
    public static string Tool(string name)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{path} is missing: run scripts/test.sh (it runs `npm ci` in tools/checkers) or `npm ci --prefix tools/checkers` before the tests.");
    }

    /// <summary>Runs a checker in <see cref="Folder"/> to its end; returns its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Tool(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
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
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeout ?? DefaultTimeout}");
        }

        return (process.ExitCode, await output, await error);
    }
}
