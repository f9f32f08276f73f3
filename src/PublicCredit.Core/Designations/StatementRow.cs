using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Designations;

/// <summary>
/// The subject's statement of its case (陈述申辩) on a noticed designation, with its evidence (docs/domain.md#lists). Written once;
/// <see cref="LedgerPosition"/> is the <c>designation-statement-filed</c> event that carries its SHA-256.
/// </summary>
public sealed class StatementRow
{
    public Guid Id { get; set; }

    public Guid DesignationId { get; set; }

    public required string Statement { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    /// <summary>The actor of the subject's self-service token.</summary>
    public required string FiledBy { get; set; }

    public long LedgerPosition { get; set; }

    /// <summary>
    /// The <see cref="Access.SubjectTokenOrigin"/> code of the credential it was filed with (ADR 0029); null for statements
    /// filed before activation codes (ADR 0029), which never count toward an early decision (the department may have held that token).
    /// </summary>
    public string? CredentialOrigin { get; set; }
}

internal sealed class StatementRowConfiguration : IEntityTypeConfiguration<StatementRow>
{
    public void Configure(EntityTypeBuilder<StatementRow> builder)
    {
        builder.ToTable("DesignationStatements");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.FiledBy).HasMaxLength(128);
        builder.Property(s => s.CredentialOrigin).HasMaxLength(32);
        builder.HasOne<DesignationRow>().WithMany().HasForeignKey(s => s.DesignationId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_designation_statements_designation");
        builder.HasIndex(s => s.DesignationId);
    }
}
