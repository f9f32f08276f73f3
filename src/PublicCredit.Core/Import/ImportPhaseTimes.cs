using System.Diagnostics;

namespace PublicCredit.Import;

/// <summary>The steps of an import whose time <see cref="ImportPhaseTimes"/> adds up.</summary>
public enum ImportPhase
{
    /// <summary>The file's SHA-256, the key a resumed run is found by.</summary>
    FileHash,

    /// <summary>Framing rows, decoding UTF-8, splitting CSV fields or parsing NDJSON (the reading side).</summary>
    Read,

    /// <summary>A row's fields to a record input (the reading side).</summary>
    Map,

    /// <summary>Validation, content hash and the row a valid item becomes (the reading side).</summary>
    Validate,

    /// <summary>Transaction, writers' lock, the bulk path's chunk set-up and the ledger head.</summary>
    Begin,

    /// <summary>The lookup of existing document numbers and the decision per item.</summary>
    Decide,

    /// <summary>The chunk's ledger event: head, canonical JSON, hash.</summary>
    Ledger,

    /// <summary>The records through the provider's bulk path.</summary>
    Insert,

    /// <summary>The subjects of the written records (ADR 0008).</summary>
    Subjects,

    /// <summary>Counting outcomes, writing and flushing the chunk's rejections, moving the checkpoint.</summary>
    Checkpoint,

    /// <summary>Saving the event and checkpoint, the commit, and what the run remembers after it.</summary>
    Commit,
}

/// <summary>
/// Where one import's time goes, phase by phase, measured inside the real pipeline when a request carries it (the
/// benchmark's <c>import-phases</c>; ADR 0041). The reading side (<see cref="ImportPhase.Read"/>,
/// <see cref="ImportPhase.Map"/>, <see cref="ImportPhase.Validate"/>) runs beside the writing side, so the phases add up
/// to more than the wall-clock time. Each phase is added to by one thread only.
/// </summary>
public sealed class ImportPhaseTimes
{
    private readonly long[] ticks = new long[Enum.GetValues<ImportPhase>().Length];

    /// <summary>The time spent in <paramref name="phase"/> so far.</summary>
    public TimeSpan this[ImportPhase phase] => Stopwatch.GetElapsedTime(0, ticks[(int)phase]);

    /// <summary>A timestamp to measure the next phase from; 0, at no cost, when nobody measures.</summary>
    internal static long Start(ImportPhaseTimes? times) => times is null ? 0 : Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="phase"/>; returns now, the next phase's start.</summary>
    internal static long Mark(ImportPhaseTimes? times, ImportPhase phase, long since)
    {
        if (times is null)
        {
            return 0;
        }

        var now = Stopwatch.GetTimestamp();
        times.ticks[(int)phase] += now - since;
        return now;
    }
}
