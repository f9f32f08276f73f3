using PublicCredit.Ledger;

namespace PublicCredit.Inquiries;

/// <summary>One batch of the inquiry log as a seal names it: its id, how many inquiries it holds and their digest.</summary>
public sealed record SealedBatch(Guid Id, int Count, string Digest);

/// <summary>The inquiry log's batches written since the last seal (ADR 0032 §4).</summary>
public sealed record InquiriesSealed(IReadOnlyList<SealedBatch> Batches) : ILedgerEvent
{
    public const string EventType = "inquiries-sealed";
}
