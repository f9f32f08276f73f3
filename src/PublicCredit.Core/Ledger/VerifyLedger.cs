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
/// (API.md).
/// </summary>
public sealed class VerifyLedger(PublicCreditDbContext db)
{
    public async Task<LedgerVerification> RunAsync(CancellationToken cancellationToken = default)
    {
        var head = await db.LedgerHead.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var events = db.LedgerEvents.AsNoTracking().OrderBy(e => e.Position).AsAsyncEnumerable();
        var reconcilers = StateReconcilers.Create();
        var chain = await Check(events, head, row => Observe(reconcilers, row), cancellationToken);
        if (!chain.Ok)
        {
            return chain;
        }

        foreach (var reconciler in reconcilers)
        {
            if (await reconciler.CheckAsync(db, cancellationToken) is { } mismatch)
            {
                return new LedgerVerification(false, chain.Events, null, mismatch.ToString(), mismatch);
            }
        }

        return chain;
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
