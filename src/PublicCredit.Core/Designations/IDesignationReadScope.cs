using PublicCredit.Access;

namespace PublicCredit.Designations;

/// <summary>
/// Whether a staff caller sees a designation read by its id (ADR 0045): the same sharing rule as a profile read.
/// Answered by the read models (<c>Profiles</c>), which use designations; designations may not use them back
/// (docs/architecture.md).
/// </summary>
public interface IDesignationReadScope
{
    bool Sees(Caller caller, string purpose, DesignationRow row, DateTimeOffset now);
}
