using System.Globalization;

namespace PublicCredit.Bench.ImportBench;

/// <summary>
/// CPU time (user + system) of processes from <c>/proc/&lt;pid&gt;/stat</c>, so the benchmark can say where the CPU
/// went and not only how long the wall clock took: on this shared 2-core machine the wall time of both sides follows
/// the load of other work, while the CPU time each side needs per row does much less (ADR 0017).
/// </summary>
internal static class CpuTime
{
    private static readonly double TicksPerSecond = 100; // USER_HZ; fixed at 100 on Linux

    /// <summary>A process's own CPU time; zero once it is gone.</summary>
    public static TimeSpan Of(int pid) => Read(pid, withReapedChildren: false);

    /// <summary>
    /// A PostgreSQL server's CPU time: the postmaster, its live processes (backends, WAL writer, checkpointer,
    /// autovacuum) and, through the postmaster's own counters, every child it has already reaped.
    /// </summary>
    public static TimeSpan OfServer(int postmaster)
    {
        var total = Read(postmaster, withReapedChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Fields(pid) is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                total += Read(pid, withReapedChildren: false);
            }
        }

        return total;
    }

    private static TimeSpan Read(int pid, bool withReapedChildren)
    {
        if (Fields(pid) is not { } f)
        {
            return TimeSpan.Zero;
        }

        // After the ")" that closes the command name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
        var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (withReapedChildren)
        {
            ticks += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
