using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PublicCredit.Bench.ImportBench;

/// <summary>What one real <c>pcredit import</c> run did, as seen from outside the process.</summary>
/// <remarks><see cref="ServerCpu"/>: the database server's CPU time meanwhile (PostgreSQL), filled in by the caller.</remarks>
internal sealed record ImportResult(long Created, long Unchanged, long Rejected, TimeSpan Elapsed, long PeakRssBytes, TimeSpan Cpu, TimeSpan ServerCpu = default)
{
    public long Rows => Created + Unchanged + Rejected;
}

/// <summary>
/// Runs the real <c>pcredit import</c> as a child process (<c>dotnet pcredit.dll import …</c>), timing it from start to
/// exit and reading its peak resident set size — <c>VmHWM</c> in <c>/proc/&lt;pid&gt;/status</c>, the kernel's
/// high-water mark — every 100 ms while it runs: the mark only rises, so the last reading is the peak up to at most
/// 100 ms before exit; its CPU time is read alike (up to 100 ms of it may be missed). Its progress lines are echoed indented, so a long run shows that it is alive.
/// </summary>
internal static partial class ImportProcess
{
    public static async Task<ImportResult> RunAsync(
        string pcreditDll, string file, string department, string db, string catalog, IReadOnlyDictionary<string, string> environment, TextWriter log,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The child inherits the bench's environment; --pcredit-env adds to it for the child only, because the raw
        // load runs inside the bench process and must not change with the variant measured (ADR 0023).
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[] { pcreditDll, "import", file, "--dept", department, "--db", db, "--catalog", catalog })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        long peak = 0;
        var cpu = TimeSpan.Zero;
        try
        {
            while (!process.HasExited)
            {
                peak = Math.Max(peak, ReadHighWaterMark(process.Id));
                var used = CpuTime.Of(process.Id);
                cpu = used > cpu ? used : cpu;
                try
                {
                    await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
                }
                catch (TimeoutException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The benchmark was interrupted: its child goes with it rather than run on against a removed database.
            process.Kill(entireProcessTree: true);
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await process.WaitForExitAsync(cancellationToken);
        string[] lines;
        lock (output)
        {
            lines = [.. output];
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pcredit import exited with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }

        var summary = lines.Select(l => Summary().Match(l)).LastOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"pcredit import printed no summary:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        return new ImportResult(
            long.Parse(summary.Groups["created"].Value, CultureInfo.InvariantCulture),
            long.Parse(summary.Groups["unchanged"].Value, CultureInfo.InvariantCulture),
            long.Parse(summary.Groups["rejected"].Value, CultureInfo.InvariantCulture),
            elapsed,
            peak,
            cpu);

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
                log.WriteLine("    | " + line);
            }
        }
    }

    /// <summary><c>VmHWM</c> in bytes; 0 once the process is gone (a zombie has no memory lines).</summary>
    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    // "VmHWM:	  183452 kB"
                    var kilobytes = line.AsSpan(6).Trim().TrimEnd("kB").Trim();
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    [GeneratedRegex(@"created=(?<created>\d+) unchanged=(?<unchanged>\d+) rejected=(?<rejected>\d+)")]
    private static partial Regex Summary();
}
