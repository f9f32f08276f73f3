using BenchmarkDotNet.Running;
using PublicCredit.Bench;
using PublicCredit.Bench.CheckBench;
using PublicCredit.Bench.ImportBench;
using PublicCredit.Bench.SearchBench;

// Performance runs (README "Measured figures"). Each reports a ratio against a baseline measured in the same run.
//   dotnet run -c Release --project bench/PublicCredit.Bench -- --filter '*'                 micro-benchmarks (BenchmarkDotNet)
//   dotnet run -c Release --project bench/PublicCredit.Bench -- import --records 1000000     import vs raw load (bench/README.md)
//     [--pcredit-env NAME=VALUE]   (import and check-http) a variable for the measured pcredit child only, ADR 0023
//   dotnet run -c Release --project bench/PublicCredit.Bench -- import-phases --records 100000   where the import's time goes
//   dotnet run -c Release --project bench/PublicCredit.Bench -- index-memory [--subjects N] [--designations N]   index vs plain Dictionary
//   dotnet run -c Release --project bench/PublicCredit.Bench -- search --subjects 1000000 --records 5000000 [--provider sqlite|postgres|both] [--repeats N] [--connections C] [--seconds S] [--explain]
//   dotnet run -c Release --project bench/PublicCredit.Bench -- check-http [--subjects N] [--designations N] [--seconds S] [--connections C] [--not-durable] [--batch N]
if (args.Length > 0 && ImportBenchCommand.Handles(args[0]))
{
    return await ImportBenchCommand.RunAsync(args);
}

if (args.Length > 0 && SearchBenchCommand.Handles(args[0]))
{
    return await SearchBenchCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] is "index-memory" or "check-http" or "bare-server")
{
    string Option(string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at > 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return args[0] switch
    {
        "index-memory" => IndexMemoryBench.Run(Number("--subjects", 1_000_000), Number("--designations", 2_000_000)),
        "bare-server" => await BareServer.RunAsync(Option("--urls", "http://127.0.0.1:5090"), Number("--body-bytes", 400)),
        _ => await CheckHttpBench.RunAsync(
            Number("--subjects", 1_000_000), Number("--designations", 2_000_000), Number("--seconds", 20), Number("--connections", 64),
            Option("--work", Path.Combine(Path.GetTempPath(), "pcredit-bench")), !args.Contains("--not-durable"),
            ChildEnvironment.Parse(args.Where((_, i) => i > 0 && args[i - 1] == "--pcredit-env")), cancel.Token, Number("--batch", 0)),
    };
}

BenchmarkSwitcher.FromAssembly(typeof(PublicCredit.Bench.LedgerHashBenchmarks).Assembly).Run(args);
return 0;
