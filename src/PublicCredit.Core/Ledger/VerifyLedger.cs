using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Storage;

namespace PublicCredit.Ledger;

/// <summary>
/// The outcome of re-computing the chain and reconciling the state tables with it: either all events are intact and
/// every table is what they say, or the first broken position, or the first table, row and field that disagree.
/// </summary>
public sealed record LedgerVerification(bool Ok, long Events, long? BrokenAt, string? Problem, StateMismatch? State = null)
{
    /// <summary>The newest signed checkpoint whose signature and hash matched the chain, when the keys were given (ADR 0033).</summary>
    public LedgerCheckpoint? LastCheckpoint { get; init; }

    /// <summary>Whether signed checkpoints were checked at all (verification was given the keys folder).</summary>
    public bool CheckpointsChecked { get; init; }

    public override string ToString() =>
        Ok ? $"ok {Events} events"
        : State is { } state ? $"state differs from the ledger: {state}"
        : $"broken at position {BrokenAt}: {Problem}";
}

/// <summary>
/// Re-computes the hash chain from the genesis and compares it with the stored head. Detects an edited event
/// (hash mismatch), a removed or inserted event (position gap, previous-hash mismatch), reordered events and
/// events cut off the end (head mismatch). Then reconciles every state table with the events (ADR 0032): a row edited,
/// inserted or deleted in the database without its event is named by table, row and field. `pcredit ledger verify`
/// (docs/api.md).
/// </summary>
public sealed class VerifyLedger(PublicCreditDbContext db, LedgerCheckpoints? checkpoints = null)
{
    public async Task<LedgerVerification> RunAsync(CancellationToken cancellationToken = default)
    {
        // Head, events and state tables as of one moment: writers appending meanwhile are not a break.
        await using var snapshot = await db.BeginReadSnapshotAsync(cancellationToken);
        var head = await db.LedgerHead.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var events = db.LedgerEvents.AsNoTracking().OrderBy(e => e.Position).AsAsyncEnumerable();
        var reconcilers = StateReconcilers.Create();
        var signed = checkpoints?.Journal() ?? [];
        var wanted = signed.OfType<LedgerCheckpoint>().Select(c => c.Position).ToHashSet();
        var hashes = new Dictionary<long, string> { [0] = LedgerChain.GenesisHash };
        var chain = await Check(events, head, row =>
        {
            if (wanted.Contains(row.Position))
            {
                hashes[row.Position] = row.Hash;
            }

            Observe(reconcilers, row);
        }, cancellationToken);
        if (!chain.Ok)
        {
            return chain;
        }

        if (checkpoints is not null)
        {
            chain = CheckSigned(chain, signed, hashes, checkpoints);
            if (!chain.Ok)
            {
                return chain;
            }
        }

        foreach (var reconciler in reconcilers)
        {
            if (await reconciler.CheckAsync(db, cancellationToken) is { } mismatch)
            {
                return new LedgerVerification(false, chain.Events, null, mismatch.ToString(), mismatch)
                {
                    LastCheckpoint = chain.LastCheckpoint,
                    CheckpointsChecked = chain.CheckpointsChecked,
                };
            }
        }

        return chain;
    }

    /// <summary>
    /// Each signed checkpoint must carry a valid signature of a key in the keys folder and name a hash the chain has at
    /// that position: a chain rewritten from an earlier event (hashes recomputed to the head) or cut and given a new
    /// head no longer matches what was signed (ADR 0033).
    /// </summary>
    private static LedgerVerification CheckSigned(
        LedgerVerification chain, IReadOnlyList<LedgerCheckpoint?> signed, Dictionary<long, string> hashes, LedgerCheckpoints keys)
    {
        LedgerCheckpoint? last = null;
        var problems = new List<(long Position, string Problem)>();
        for (var i = 0; i < signed.Count; i++)
        {
            if (signed[i] is not { } checkpoint)
            {
                problems.Add((0, $"line {i + 1} of the checkpoint journal is not a checkpoint"));
                continue;
            }

            if (!keys.IsValid(checkpoint))
            {
                problems.Add((checkpoint.Position,
                    $"the checkpoint at position {checkpoint.Position} does not carry a valid signature of key {checkpoint.KeyId} of the keys folder: it was forged"));
            }
            else if (checkpoint.Position > chain.Events)
            {
                problems.Add((checkpoint.Position,
                    $"event {checkpoint.Position} was signed ({checkpoint}) but the chain ends at event {chain.Events}: events were cut off the end and the head moved"));
            }
            else if (!string.Equals(hashes.GetValueOrDefault(checkpoint.Position), checkpoint.Hash, StringComparison.Ordinal))
            {
                problems.Add((checkpoint.Position,
                    $"the chain's hash at event {checkpoint.Position} is not the one signed ({checkpoint}): events up to it were rewritten"));
            }
            else if (last is null || checkpoint.Position >= last.Position)
            {
                last = checkpoint;
            }
        }

        if (problems.Count > 0)
        {
            var (position, problem) = problems.MinBy(p => p.Position);
            return new LedgerVerification(false, chain.Events, position, problem) { LastCheckpoint = last, CheckpointsChecked = true };
        }

        return chain with { LastCheckpoint = last, CheckpointsChecked = true };
    }

    private static void Observe(IReadOnlyList<IStateReconciler> reconcilers, LedgerEventRow row)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(row.Payload);
        }
        catch (JsonException)
        {
            return; // a payload that is not JSON was hashed as it is; it states nothing about any table
        }

        using (document)
        {
            foreach (var reconciler in reconcilers)
            {
                reconciler.Observe(row, document.RootElement);
            }
        }
    }

    public static async Task<LedgerVerification> Check(
        IAsyncEnumerable<LedgerEventRow> eventsInPositionOrder,
        LedgerHeadRow? head,
        Action<LedgerEventRow>? intact = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventsInPositionOrder);
        long expectedPosition = 1;
        var previousHash = LedgerChain.GenesisHash;
        long count = 0;
        await foreach (var row in eventsInPositionOrder.WithCancellation(cancellationToken))
        {
            if (row.Position != expectedPosition)
            {
                return Broken(count, expectedPosition,
                    $"expected event {expectedPosition}, found {row.Position}: an event was removed or inserted");
            }

            if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return Broken(count, row.Position,
                    "previous hash does not match the preceding event: events were removed or reordered");
            }

            var recomputed = LedgerChain.ComputeHash(previousHash, row.Content);
            if (!string.Equals(recomputed, row.Hash, StringComparison.Ordinal))
            {
                return Broken(count, row.Position, "hash does not match the event's content: the event was edited");
            }

            intact?.Invoke(row);
            previousHash = row.Hash;
            expectedPosition++;
            count++;
        }

        if (head is null)
        {
            return Broken(count, expectedPosition, "the ledger head is missing");
        }

        if (head.Position != count || !string.Equals(head.Hash, previousHash, StringComparison.Ordinal))
        {
            return Broken(count, count + 1,
                $"the recorded head is event {head.Position} but the chain ends at event {count}: events were removed from the end or the head was altered");
        }

        return new LedgerVerification(true, count, null, null);
    }

    private static LedgerVerification Broken(long intact, long position, string problem) =>
        new(false, intact, position, problem);
}
