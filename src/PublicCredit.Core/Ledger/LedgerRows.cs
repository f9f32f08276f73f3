using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Ledger;

/// <summary>One stored ledger event. Rows are only ever inserted; nothing in the code updates or deletes them.</summary>
public sealed class LedgerEventRow
{
    public long Position { get; set; }

    public required string Type { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Actor { get; set; }

    public string? Department { get; set; }

    public string? Subject { get; set; }

    public required string Payload { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public LedgerEventContent Content => new(Position, Type, OccurredAt, Actor, Department, Subject, Payload);
}

/// <summary>
/// The position and hash of the newest event, updated in the same transaction as each append. A chain alone cannot
/// show that its last events were cut off; the head can (ADR 0004).
/// </summary>
public sealed class LedgerHeadRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Position { get; set; }

    public required string Hash { get; set; }
}

internal sealed class LedgerEventRowConfiguration : IEntityTypeConfiguration<LedgerEventRow>
{
    public void Configure(EntityTypeBuilder<LedgerEventRow> builder)
    {
        builder.ToTable("LedgerEvents");
        builder.HasKey(e => e.Position);
        builder.Property(e => e.Position).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Actor).HasMaxLength(128);
        builder.Property(e => e.Department).HasMaxLength(64);
        builder.Property(e => e.Subject).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();

        // Two events can never follow the same predecessor: the database itself refuses a fork of the chain.
        builder.HasIndex(e => e.PreviousHash).IsUnique();
        builder.HasIndex(e => e.Subject);
    }
}

internal sealed class LedgerHeadRowConfiguration : IEntityTypeConfiguration<LedgerHeadRow>
{
    public void Configure(EntityTypeBuilder<LedgerHeadRow> builder)
    {
        builder.ToTable("LedgerHead");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasData(new LedgerHeadRow { Id = LedgerHeadRow.SingletonId, Position = 0, Hash = LedgerChain.GenesisHash });
    }
}
