using PublicCredit.Access;

namespace PublicCredit.Records;

/// <summary>
/// Whether a caller sees a record read by its id (ADR 0045): the same sharing rule as a profile read. Answered by the
/// read models (<c>Profiles</c>), which use records; records may not use them back (docs/architecture.md).
/// </summary>
public interface IRecordReadScope
{
    bool Sees(Caller caller, string purpose, RecordRow current, DateTimeOffset now);
}
