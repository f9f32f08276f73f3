using BenchmarkDotNet.Running;

// Performance runs (README "Measured figures"). Each reports a ratio against a baseline measured in the same run.
//   dotnet run -c Release --project bench/PublicCredit.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PublicCredit.Bench.LedgerHashBenchmarks).Assembly).Run(args);
