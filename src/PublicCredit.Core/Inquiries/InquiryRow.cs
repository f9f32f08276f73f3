using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Inquiries;

/// <summary>
/// One read of a subject's non-public data: who (department, role, actor), when, why (purpose) and through what
/// (endpoint), and what was returned (docs/domain.md#personal-information; docs/design.md#7-privacy-by-default). The subject may see its own inquiries.
/// </summary>
public sealed class InquiryRow
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string SubjectId { get; set; }

    public string? Department { get; set; }

    public string? Role { get; set; }

    public required string Actor { get; set; }

    public required string Purpose { get; set; }

    /// <summary>The caller's free text beside the purpose (<c>?note=</c>, one line, at most 200 characters), or null (ADR 0045).</summary>
    public string? Note { get; set; }

    public required string Endpoint { get; set; }

    /// <summary>A short account of what was returned (e.g. "profile", "check: measures=2").</summary>
    public string? Returned { get; set; }

    /// <summary>The group-commit batch that wrote it (<see cref="InquiryBatchRow"/>); null only for rows written before
    /// batches were kept, which the first seal adopts (ADR 0032 §4).</summary>
    public Guid? BatchId { get; set; }
}

/// <summary>
/// One group commit of the inquiry log: how many inquiries it wrote and their digest, written in the same transaction
/// as the inquiries; <see cref="SealedPosition"/> is the ledger event that sealed it (ADR 0032 §4).
/// </summary>
public sealed class InquiryBatchRow
{
    public Guid Id { get; set; }

    public DateTimeOffset WrittenAt { get; set; }

    public int Count { get; set; }

    /// <summary><see cref="InquiryDigest"/> of the batch's inquiries (64 hex digits).</summary>
    public required string Digest { get; set; }

    public long? SealedPosition { get; set; }
}

internal sealed class InquiryRowConfiguration : IEntityTypeConfiguration<InquiryRow>
{
    public void Configure(EntityTypeBuilder<InquiryRow> builder)
    {
        builder.ToTable("Inquiries");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.SubjectId).HasMaxLength(18);
        builder.Property(i => i.Department).HasMaxLength(64);
        builder.Property(i => i.Role).HasMaxLength(16);
        builder.Property(i => i.Actor).HasMaxLength(128);
        builder.Property(i => i.Purpose).HasMaxLength(200);
        builder.Property(i => i.Note).HasMaxLength(InquiryPurpose.NoteMaxLength);
        builder.Property(i => i.Endpoint).HasMaxLength(200);
        builder.Property(i => i.Returned).HasMaxLength(500);
        builder.HasIndex(i => new { i.SubjectId, i.At });
        builder.HasIndex(i => i.BatchId);
    }
}

internal sealed class InquiryBatchRowConfiguration : IEntityTypeConfiguration<InquiryBatchRow>
{
    public void Configure(EntityTypeBuilder<InquiryBatchRow> builder)
    {
        builder.ToTable("InquiryBatches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Digest).HasMaxLength(64);
        builder.HasIndex(b => b.SealedPosition);
    }
}
