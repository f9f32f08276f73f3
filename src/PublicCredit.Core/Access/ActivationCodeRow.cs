using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Access;

/// <summary>
/// A one-time activation code issued with a designation notice (ADR 0029): only its hash is stored; once redeemed it
/// names the token it became, and it never works again.
/// </summary>
public sealed class ActivationCodeRow
{
    public Guid Id { get; set; }

    public required string CodeHash { get; set; }

    /// <summary>The normalised USCC or resident ID number whose token the code becomes.</summary>
    public required string SubjectId { get; set; }

    /// <summary>The designation whose notice carried the code.</summary>
    public Guid? DesignationId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }

    /// <summary>The self-service token the subject received for it.</summary>
    public Guid? TokenId { get; set; }
}

internal sealed class ActivationCodeRowConfiguration : IEntityTypeConfiguration<ActivationCodeRow>
{
    public void Configure(EntityTypeBuilder<ActivationCodeRow> builder)
    {
        builder.ToTable("ActivationCodes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CodeHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(c => c.CodeHash).IsUnique();
        builder.Property(c => c.SubjectId).HasMaxLength(18);
        builder.HasIndex(c => c.SubjectId);
        builder.Property(c => c.IssuedBy).HasMaxLength(128);
    }
}
