namespace PublicCredit.Records;

/// <summary>
/// Told of the record versions a submission or correction wrote, after its transaction committed (ADR 0010 §3): how
/// in-process state derived from records (the green channel's clean-record map) follows them. Must not throw and must
/// not touch the database.
/// </summary>
public interface IRecordsCommitted
{
    void Committed(IReadOnlyList<RecordRow> written);
}
