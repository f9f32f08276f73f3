using PublicCredit.Ledger;
using PublicCredit.Text;

namespace PublicCredit.Records;

/// <summary>
/// One record written (ADR 0006): the version's id, facts that decide its publicity, and its content hash. The
/// import and the API write it through <see cref="SubmitRecords.EventPayload"/>; a test holds that to this type.
/// </summary>
public sealed record RecordCreated(
    Guid Id, int Version, string DocumentNumber, string Category, string? Severity, DateOnly DecisionDate, DateOnly? PublicUntil,
    bool Published, bool? Late, string ContentHash) : ILedgerEvent
{
    public const string EventType = "record-created";

    public static RecordCreated Of(RecordRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RecordCreated(row.Id, row.Version, row.DocumentNumber, row.Category, row.Severity is { } s ? s.Code() : null,
            row.DecisionDate, row.PublicUntil, row.Published, row.Late, row.ContentHash);
    }
}

/// <summary>One record of a chunk event: id and content hash (the version is 1).</summary>
public sealed record ChunkRecord(Guid Id, string ContentHash);

/// <summary>
/// A chunk of records written in one event (ADR 0011, ADR 0017). Its maker writes the canonical text directly
/// (<see cref="CanonicalText"/>); a test holds that text to this type's.
/// </summary>
public sealed record RecordsCreated(int Count, IReadOnlyList<ChunkRecord> Records) : ILedgerEvent
{
    public const string EventType = "records-created";
}

/// <summary>A record was corrected into a new version (ADR 0006): the versions, the reason and the new version's facts.</summary>
public sealed record RecordCorrected(Guid Id, int FromVersion, int ToVersion, string Reason, string PreviousContentHash, RecordCreated Record) : ILedgerEvent
{
    public const string EventType = "record-corrected";
}

/// <summary>A published record's publicity period ended (ADR 0008).</summary>
public sealed record RecordWithdrawn(Guid Id, int Version, DateOnly? PublicUntil) : ILedgerEvent
{
    public const string EventType = "record-withdrawn";
}

/// <summary>Several published records' publicity periods ended at once (ADR 0008).</summary>
public sealed record RecordsWithdrawn(int Count, IReadOnlyList<RecordWithdrawn> Records) : ILedgerEvent
{
    public const string EventType = "records-withdrawn";
}
