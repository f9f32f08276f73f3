using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Checks;

/// <summary>
/// Whether the department that made a check applied one measure it returned (docs/api.md feedback; docs/api.md#checks). One per
/// check and measure. The note (why not applied) may hold personal data: the ledger event keeps only its SHA-256.
/// </summary>
public sealed class CheckFeedbackRow
{
    public Guid Id { get; set; }

    /// <summary>The check's id, which is the id of the inquiry it was recorded as.</summary>
    public Guid CheckId { get; set; }

    public required string Department { get; set; }

    public required string Actor { get; set; }

    public required string Measure { get; set; }

    /// <summary>The memorandum through which the check returned the measure; null for the green channel.</summary>
    public string? Memorandum { get; set; }

    public bool Applied { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }

    public long LedgerPosition { get; set; }
}

internal sealed class CheckFeedbackRowConfiguration : IEntityTypeConfiguration<CheckFeedbackRow>
{
    public void Configure(EntityTypeBuilder<CheckFeedbackRow> builder)
    {
        builder.ToTable("CheckFeedback");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Department).HasMaxLength(64);
        builder.Property(f => f.Actor).HasMaxLength(128);
        builder.Property(f => f.Measure).HasMaxLength(64);
        builder.Property(f => f.Memorandum).HasMaxLength(64);
        builder.Property(f => f.Note).HasMaxLength(SubmitFeedback.MaxNote);
        // Feedback is given once per measure of a check: a retry is refused, not counted twice in the statistics.
        builder.HasIndex(f => new { f.CheckId, f.Measure }).IsUnique().HasDatabaseName("ix_check_feedback_check_measure");
    }
}
