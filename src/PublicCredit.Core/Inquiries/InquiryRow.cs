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

    public required string Endpoint { get; set; }

    /// <summary>A short account of what was returned (e.g. "profile", "check: measures=2").</summary>
    public string? Returned { get; set; }
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
        builder.Property(i => i.Endpoint).HasMaxLength(200);
        builder.Property(i => i.Returned).HasMaxLength(500);
        builder.HasIndex(i => new { i.SubjectId, i.At });
    }
}
