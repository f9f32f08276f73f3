using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Removals;

/// <summary>
/// The designating department's record that the obligation was performed (or the cause corrected), which removes the
/// designation where the catalog has <c>automaticRemoval</c> (docs/domain.md#lists: judgment defaulters are deleted within 3
/// working days; ADR 0014 §5). One per designation. <see cref="RemovalDueBy"/> is fixed when performance is recorded;
/// <see cref="RemovedAt"/> is set by the transition that removed the designation — at once, or by the deadline
/// monitor once an objection under review is resolved.
/// </summary>
public sealed class PerformanceRow
{
    public Guid Id { get; set; }

    public Guid DesignationId { get; set; }

    public required string Department { get; set; }

    public required string SubjectId { get; set; }

    /// <summary>The document that establishes performance (e.g. the court's 结案 or 履行完毕 ruling number).</summary>
    public required string PerformanceDocument { get; set; }

    /// <summary>The China date the obligation was performed, as the department states it.</summary>
    public DateOnly PerformedOn { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    /// <summary>The catalog's <c>withinWorkingDays</c>-th working day after the day performance was recorded (inclusive).</summary>
    public DateOnly RemovalDueBy { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The event that recorded the performance (and, when it removed at once, the removal).</summary>
    public long LedgerPosition { get; set; }
}

internal sealed class PerformanceRowConfiguration : IEntityTypeConfiguration<PerformanceRow>
{
    public void Configure(EntityTypeBuilder<PerformanceRow> builder)
    {
        builder.ToTable("Performances");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Department).HasMaxLength(64);
        builder.Property(p => p.SubjectId).HasMaxLength(18);
        builder.Property(p => p.PerformanceDocument).HasMaxLength(100);
        builder.Property(p => p.RecordedBy).HasMaxLength(128);
        // One performance per designation: a retry answers 409 instead of recording twice.
        builder.HasIndex(p => p.DesignationId).IsUnique();
        builder.HasIndex(p => p.RemovalDueBy).HasFilter("removed_at IS NULL");
    }
}
