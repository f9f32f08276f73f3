using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Text;

namespace PublicCredit.Objections;

/// <summary>Where an objection stands: open while the owning department reviews it, then upheld or rejected (docs/domain.md#objections-and-restoration).</summary>
public enum ObjectionStatus
{
    [Code("open")]
    Open,
    [Code("upheld")]
    Upheld,
    [Code("rejected")]
    Rejected,
}

/// <summary>
/// One objection against a record or a designation (docs/api.md#objections <c>POST /api/v1/objections</c>; docs/domain.md#objections-and-restoration; docs/design.md#4-an-objection-suspends-at-once;
/// ADR 0013). Exactly one of <see cref="DesignationId"/> and <see cref="RecordId"/> is set. While it is open the target
/// is suspended: a designation through its life cycle (<c>ObjectionOpen</c>), a record by this row alone — every public
/// view leaves out a record with an objection open, or upheld (<see cref="ObjectionRows.WithdrawnAt"/>). What was filed
/// is written once; only the resolution columns are set, once, by <c>ResolveObjection</c>.
/// </summary>
public sealed class ObjectionRow
{
    public Guid Id { get; set; }

    public Guid? DesignationId { get; set; }

    public Guid? RecordId { get; set; }

    /// <summary>The department that owns the target (designated it, or recorded the record): it alone resolves.</summary>
    public required string Department { get; set; }

    /// <summary>The target's subject (normalised USCC or resident ID): whose token may file and read it.</summary>
    public required string SubjectId { get; set; }

    /// <summary>
    /// For an objection a responsible person filed against an organisation's designation "for that reach" (docs/objections.md#responsible-persons):
    /// the person's normalised resident ID — whose token filed it and may read it. It suspends and decides the
    /// designation's reach to this person only, never the organisation's own entry. Null for every other objection.
    /// </summary>
    public string? ReachOf { get; set; }

    /// <summary>The objections that are <paramref name="subject"/>'s own: on its records and entries, and a responsible
    /// person's for its reach — never another person's for its reach of this subject's entry (docs/objections.md#responsible-persons).</summary>
    public static System.Linq.Expressions.Expression<Func<ObjectionRow, bool>> OwnedBy(string subject) =>
        o => o.ReachOf == subject || (o.SubjectId == subject && o.ReachOf == null);

    /// <summary>Who filed it: the subject with its own token, or a recorder of <see cref="FiledByDepartment"/>.</summary>
    public bool FiledBySubject { get; set; }

    /// <summary>The recorder's department; null when the subject filed it.</summary>
    public string? FiledByDepartment { get; set; }

    /// <summary>The key's or token's actor name.</summary>
    public required string FiledBy { get; set; }

    public required string Grounds { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    /// <summary>The last day (inclusive, China date) of the review; null only when the catalog's calendar does not reach that far.</summary>
    public DateOnly? ReviewDeadline { get; set; }

    public ObjectionStatus Status { get; set; }

    /// <summary>
    /// When this objection suspended its target: at filing for the subject's own objection (or the owning department's),
    /// or when the owning department suspended the target after reviewing a filing that opened a review without
    /// suspension — another department's objection, or the same filer's refiling after a rejection (docs/design.md#scope-no-department-acts-for-another;
    /// ADR 0034). Null while it only asks for a review. At most one suspending objection is open per target.
    /// </summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>The reasons the subject is told (docs/domain.md#objections-and-restoration: "results are notified with reasons").</summary>
    public string? ResolutionReasons { get; set; }

    /// <summary>The <c>objection-filed</c> event.</summary>
    public long FiledPosition { get; set; }

    /// <summary>The <c>objection-upheld</c> / <c>objection-rejected</c> event.</summary>
    public long? ResolvedPosition { get; set; }
}

public static class ObjectionRows
{
    /// <summary>
    /// Whether an objection keeps its record out of public views at <paramref name="instant"/>: from its suspension
    /// (at filing, or when the owning department suspended it; ADR 0034), until it is rejected, and for good once
    /// upheld (ADR 0013 §3) — an objection that only asked for a review withdraws the record from its upholding on. A query predicate, translated on both providers; it also
    /// answers for past moments, as filing and resolution instants are kept.
    /// </summary>
    public static IQueryable<ObjectionRow> WithdrawnAt(this IQueryable<ObjectionRow> objections, DateTimeOffset instant) =>
        objections.Where(o => o.RecordId != null
                              && ((o.SuspendedAt != null && o.SuspendedAt <= instant
                                   && (o.Status != ObjectionStatus.Rejected || o.ResolvedAt == null || o.ResolvedAt > instant))
                                  || (o.Status == ObjectionStatus.Upheld && o.ResolvedAt <= instant)));
}

internal sealed class ObjectionRowConfiguration : IEntityTypeConfiguration<ObjectionRow>
{
    public void Configure(EntityTypeBuilder<ObjectionRow> builder)
    {
        builder.ToTable("Objections");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Department).HasMaxLength(64);
        builder.Property(o => o.SubjectId).HasMaxLength(18);
        builder.Property(o => o.ReachOf).HasMaxLength(18);
        builder.Property(o => o.FiledByDepartment).HasMaxLength(64);
        builder.Property(o => o.FiledBy).HasMaxLength(128);
        builder.Property(o => o.ResolvedBy).HasMaxLength(128);
        builder.Property(o => o.Status).HasMaxLength(16).HasConversion(new ValueConverter<ObjectionStatus, string>(
            v => v.Code(), v => Parse(v)));

        // At most one suspending objection under review per target (docs/design.md#4-an-objection-suspends-at-once; ADR 0013 §2, ADR 0034): the
        // backstop under the ledger lock. Reviews without suspension (another department's filing) may be open beside it.
        builder.HasIndex(o => o.DesignationId)
            .IsUnique()
            .HasFilter("status = 'open' AND suspended_at IS NOT NULL AND designation_id IS NOT NULL AND reach_of IS NULL")
            .HasDatabaseName("ix_objections_suspending_designation");
        // A responsible person's objection suspends its reach, not the designation: at most one open per reach
        // (docs/objections.md#responsible-persons), beside the organisation's own.
        builder.HasIndex(o => new { o.DesignationId, o.ReachOf })
            .IsUnique()
            .HasFilter("status = 'open' AND reach_of IS NOT NULL")
            .HasDatabaseName("ix_objections_open_reach");
        builder.HasIndex(o => o.RecordId)
            .IsUnique()
            .HasFilter("status = 'open' AND suspended_at IS NOT NULL AND record_id IS NOT NULL")
            .HasDatabaseName("ix_objections_suspending_record");

        // Public views look up a record's objections; reviewers list their department's by due date.
        builder.HasIndex(o => new { o.RecordId, o.FiledAt }).HasDatabaseName("ix_objections_record");
        builder.HasIndex(o => new { o.Department, o.Status, o.ReviewDeadline }).HasDatabaseName("ix_objections_queue");
        builder.HasIndex(o => o.SubjectId);
    }

    private static ObjectionStatus Parse(string text) =>
        Enum.TryParse<ObjectionStatus>(text, ignoreCase: true, out var status)
            ? status
            : throw new InvalidOperationException($"Stored objection status '{text}' is unknown.");
}
