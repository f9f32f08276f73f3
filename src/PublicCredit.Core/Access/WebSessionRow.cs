using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Access;

/// <summary>
/// A browser session of the console or /me (ADR 0030): the cookie holds only a random session secret, this row its
/// hash and the credential the session was opened with. Signing out or revoking the credential ends the row, so a
/// copied cookie stops working at once, on every node (each page request reads the row).
/// </summary>
public sealed class WebSessionRow
{
    public Guid Id { get; set; }

    public required string SecretHash { get; set; }

    /// <summary><c>console</c> or <c>me</c>.</summary>
    public required string Area { get; set; }

    /// <summary><c>api-key</c> or <c>subject-token</c>.</summary>
    public required string CredentialKind { get; set; }

    /// <summary>The lookup part of the key or token the session was opened with (never the key itself).</summary>
    public required string CredentialLookup { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary><c>signed-out</c> or <c>credential-revoked</c>.</summary>
    public string? EndReason { get; set; }
}

internal sealed class WebSessionRowConfiguration : IEntityTypeConfiguration<WebSessionRow>
{
    public void Configure(EntityTypeBuilder<WebSessionRow> builder)
    {
        builder.ToTable("WebSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SecretHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(s => s.SecretHash).IsUnique();
        builder.Property(s => s.Area).HasMaxLength(8);
        builder.Property(s => s.CredentialKind).HasMaxLength(16);
        builder.Property(s => s.CredentialLookup).HasMaxLength(16);
        builder.HasIndex(s => s.CredentialLookup);
        builder.Property(s => s.EndReason).HasMaxLength(32);
    }
}
