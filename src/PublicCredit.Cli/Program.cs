return await PublicCredit.Cli.CommandLine.RunAsync(args);
