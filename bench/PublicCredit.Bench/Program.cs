using BenchmarkDotNet.Running;
using PublicCredit.Bench.ImportBench;

// Performance runs (README "Measured figures"). Each reports a ratio against a baseline measured in the same run.
//   dotnet run -c Release --project bench/PublicCredit.Bench -- --filter '*'                 micro-benchmarks (BenchmarkDotNet)
//   dotnet run -c Release --project bench/PublicCredit.Bench -- import --records 1000000     import vs raw load (bench/README.md)
//   dotnet run -c Release --project bench/PublicCredit.Bench -- import-phases --records 100000   where the import's time goes
if (args.Length > 0 && ImportBenchCommand.Handles(args[0]))
{
    return await ImportBenchCommand.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PublicCredit.Bench.LedgerHashBenchmarks).Assembly).Run(args);
return 0;
