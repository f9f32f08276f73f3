using System.Globalization;

namespace PublicCredit.Bench.CheckBench;

internal static class BenchOutput
{
    public const double Megabyte = 1024 * 1024;

    public static void Say(string line) => Console.Out.WriteLine(line);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
