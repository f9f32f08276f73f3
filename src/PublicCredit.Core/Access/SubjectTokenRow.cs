using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Access;

/// <summary>A subject's self-service token: only its lookup part and hash are stored, bound to one subject.</summary>
public sealed class SubjectTokenRow
{
    public Guid Id { get; set; }

    public required string Lookup { get; set; }

    public required string SecretHash { get; set; }

    /// <summary>The normalised USCC or resident ID number the token gives access to.</summary>
    public required string SubjectId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public required string IssuedBy { get; set; }

    /// <summary>
    /// How the token was obtained, a <see cref="SubjectTokenOrigin"/> code (<c>operator</c>, <c>activation</c>;
    /// <c>designation-notice</c> for tokens a department was handed before activation codes (ADR 0029), which no longer authenticate).
    /// </summary>
    public required string Origin { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Who revoked the token: the subject itself, or the operator (the actor of the <c>subject-token-revoked</c> event).</summary>
    public string? RevokedBy { get; set; }
}

internal sealed class SubjectTokenRowConfiguration : IEntityTypeConfiguration<SubjectTokenRow>
{
    public void Configure(EntityTypeBuilder<SubjectTokenRow> builder)
    {
        builder.ToTable("SubjectTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Lookup).HasMaxLength(16);
        builder.HasIndex(t => t.Lookup).IsUnique();
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsFixedLength();
        builder.Property(t => t.SubjectId).HasMaxLength(18);
        builder.HasIndex(t => t.SubjectId);
        builder.Property(t => t.IssuedBy).HasMaxLength(128);
        builder.Property(t => t.Origin).HasMaxLength(32);
        builder.Property(t => t.RevokedBy).HasMaxLength(128);
    }
}
