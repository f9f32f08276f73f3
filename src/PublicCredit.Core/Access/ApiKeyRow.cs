using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Access;

/// <summary>A stored API key: never the key itself, only its lookup part and hash.</summary>
public sealed class ApiKeyRow
{
    public Guid Id { get; set; }

    public required string Lookup { get; set; }

    public required string SecretHash { get; set; }

    public required string Name { get; set; }

    public required string Role { get; set; }

    public required string Department { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>
    /// When the key stops working (ADR 0030). Null only for keys issued before keys expired; they count as expiring a
    /// year after their creation (<see cref="ExpiresAtOrDefault"/>).
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Who revoked the key (the actor of the <c>api-key-revoked</c> event).</summary>
    public string? RevokedBy { get; set; }

    public DateTimeOffset ExpiresAtOrDefault() => ExpiresAt ?? CreatedAt.AddYears(1);
}

internal sealed class ApiKeyRowConfiguration : IEntityTypeConfiguration<ApiKeyRow>
{
    public void Configure(EntityTypeBuilder<ApiKeyRow> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Lookup).HasMaxLength(16);
        builder.HasIndex(k => k.Lookup).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsFixedLength();
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Role).HasMaxLength(16);
        builder.Property(k => k.Department).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(128);
        builder.Property(k => k.RevokedBy).HasMaxLength(128);
        builder.HasIndex(k => k.Department);
    }
}
