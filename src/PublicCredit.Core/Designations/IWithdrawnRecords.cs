namespace PublicCredit.Designations;

/// <summary>
/// Which of some records an upheld objection withdrew for good — asked when a proposal names the records it rests on
/// (ADR 0043). Answered by the objections capability, which uses designations; designations may not use it back
/// (docs/architecture.md), so they ask through this interface.
/// </summary>
public interface IWithdrawnRecords
{
    Task<IReadOnlyCollection<Guid>> AmongAsync(IReadOnlyCollection<Guid> recordIds, CancellationToken cancellationToken);
}
