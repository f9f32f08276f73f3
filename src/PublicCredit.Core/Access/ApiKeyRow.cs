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

    public DateTimeOffset? RevokedAt { get; set; }
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
    }
}
