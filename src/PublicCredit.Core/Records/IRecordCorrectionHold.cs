namespace PublicCredit.Records;

/// <summary>
/// What keeps a record from being corrected, answered by the capability above records that can hold one: objections
/// (docs/design.md#4-an-objection-suspends-at-once, ADR 0013 §3). The interface is here and the answer there, registered
/// by the host, so records do not depend on objections (docs/architecture.md#where-is-x).
/// </summary>
public interface IRecordCorrectionHold
{
    /// <summary>Throws a conflict when the record may not be corrected now. Called inside the correction's transaction,
    /// under the ledger writers' lock, before the correction is validated.</summary>
    Task RefuseCorrectionAsync(Guid recordId, CancellationToken cancellationToken);
}
