using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Subscriptions;

/// <summary>
/// A checking department's webhook subscription (ADR 0052): where matching changes are delivered, which ones, and
/// the signing secret as the data-protection key ring sealed it (never the secret itself).
/// </summary>
public sealed class SubscriptionRow
{
    public Guid Id { get; set; }

    /// <summary>The department that owns it: only its checkers see, change or delete it.</summary>
    public required string Department { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Url { get; set; }

    /// <summary>The change kinds delivered, comma-separated, in the order given.</summary>
    public required string Events { get; set; }

    /// <summary>The list types designation changes are delivered for, comma-separated; null = every list type.</summary>
    public string? ListTypes { get; set; }

    /// <summary>The signing secret sealed by <see cref="ISubscriptionSecrets"/>.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The ledger position it was registered at: changes after it are delivered.</summary>
    public long StartsAfter { get; set; }

    /// <summary>Whether a watchlist narrows the subjects (set by the first upload; an empty one matches nothing).</summary>
    public bool HasWatchlist { get; set; }

    public int WatchlistCount { get; set; }

    /// <summary>SHA-256 of the watchlist's sorted subject ids, one per line (as its ledger event states).</summary>
    public string? WatchlistSha256 { get; set; }

    /// <summary>
    /// The dispatcher's durable position in the changes feed: every matching change up to it has its delivery written
    /// (outbox). Not ledgered: it moves with deliveries, not with decisions.
    /// </summary>
    public long Cursor { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public string? DeletedBy { get; set; }

    public IReadOnlyList<string> EventList() => Split(Events);

    public IReadOnlyList<string>? ListTypeList() => ListTypes is null ? null : Split(ListTypes);

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One subject of a subscription's watchlist (the full identifier: the department's own list).</summary>
public sealed class SubscriptionSubjectRow
{
    public Guid SubscriptionId { get; set; }

    public required string SubjectId { get; set; }
}

internal sealed class SubscriptionRowConfiguration : IEntityTypeConfiguration<SubscriptionRow>
{
    public void Configure(EntityTypeBuilder<SubscriptionRow> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Department).HasMaxLength(64);
        builder.Property(s => s.CreatedBy).HasMaxLength(128);
        builder.Property(s => s.DeletedBy).HasMaxLength(128);
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.Events).HasMaxLength(1000);
        builder.Property(s => s.ListTypes).HasMaxLength(2000);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(1000);
        builder.Property(s => s.WatchlistSha256).HasMaxLength(64);
        builder.HasIndex(s => s.Department);
    }
}

internal sealed class SubscriptionSubjectRowConfiguration : IEntityTypeConfiguration<SubscriptionSubjectRow>
{
    public void Configure(EntityTypeBuilder<SubscriptionSubjectRow> builder)
    {
        builder.ToTable("WebhookSubscriptionSubjects");
        builder.HasKey(s => new { s.SubscriptionId, s.SubjectId });
        builder.Property(s => s.SubjectId).HasMaxLength(18);
    }
}
