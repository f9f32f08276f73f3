if (args.Length > 0 && args[0] == "import")
{
    // pcredit runs with server GC (Web SDK, for `serve`), whose heap grows to its budgets, not to what is live; the
    // import streams a few bounded chunks, so in its own process its heap is capped to keep within the memory goal of
    // issue 5 §8 (ADR 0011). Here, not in the command: the command also runs inside other processes (tests).
    AppContext.SetData("GCHeapHardLimit", (ulong)PublicCredit.Import.ImportRecords.HeapLimitBytes);
    GC.RefreshMemoryLimit();
}

return await PublicCredit.Cli.CommandLine.RunAsync(args);
