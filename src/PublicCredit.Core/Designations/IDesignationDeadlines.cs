namespace PublicCredit.Designations;

/// <summary>
/// The deadlines that capabilities above designations hold on them — an objection under review, a restoration
/// application — for the department's list (<see cref="ListDesignations"/>). Each capability answers for its own and
/// the host registers them (objections first, then restorations: the order a day's deadlines are listed in), so
/// designations do not read those capabilities' tables (docs/architecture.md#where-is-x).
/// </summary>
public interface IDesignationDeadlines
{
    /// <summary>The open deadlines on <paramref name="designationIds"/>, each overdue when <paramref name="today"/> (a
    /// China date) is after it.</summary>
    Task<IReadOnlyList<HeldDeadline>> OpenAsync(IReadOnlyList<Guid> designationIds, DateOnly today, CancellationToken cancellationToken);
}

/// <summary>A deadline that <see cref="IDesignationDeadlines"/> holds on one designation.</summary>
public sealed record HeldDeadline(Guid DesignationId, DesignationDeadline Deadline);
