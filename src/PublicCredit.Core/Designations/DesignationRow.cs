using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Designations;

/// <summary>
/// One designation of a subject on a red or black list (docs/domain.md#lists; docs/design.md#designation-life-cycle; ADR 0009).
/// What the designating department stated (facts, basis, notice document) and the notice as served are written once;
/// the life-cycle columns (<see cref="Status"/>, <see cref="StatementFiled"/>, <see cref="ObjectionOpen"/>, the
/// decision) change only through <see cref="Apply"/> with a state returned by <see cref="DesignationLifecycle"/>, one
/// ledger event per change (<see cref="DesignationTransitions"/>), and <see cref="LedgerPosition"/> names that event.
/// </summary>
public sealed class DesignationRow
{
    public Guid Id { get; set; }

    /// <summary>The catalog list type code.</summary>
    public required string ListType { get; set; }

    /// <summary>The designating department (the proposing recorder's), which owns the designation.</summary>
    public required string Department { get; set; }

    /// <summary>Normalised USCC or resident ID (the full number: personal information for individuals).</summary>
    public required string SubjectId { get; set; }

    public SubjectKind SubjectKind { get; set; }

    public required string SubjectName { get; set; }

    public required string Facts { get; set; }

    /// <summary>The legal basis as the department states it for this case (the list type's own basis is in the notice).</summary>
    public required string LegalBasis { get; set; }

    /// <summary>The number of the notice document (告知书) served before designation (docs/design.md#3-notice-before-listing).</summary>
    public required string NoticeDocument { get; set; }

    public DateTimeOffset NoticedAt { get; set; }

    public required string NoticedBy { get; set; }

    /// <summary>The list type's window when the notice was served: a later catalog change does not move a served deadline.</summary>
    public int ObjectionWindowWorkingDays { get; set; }

    /// <summary>The last day (inclusive, China date) on which the subject may still state its case before a decision.</summary>
    public DateOnly ObjectionDeadline { get; set; }

    /// <summary>The measures the notice announced (catalog measure codes applied to the list type by its memoranda).</summary>
    public List<string> Measures { get; set; } = [];

    /// <summary>The records the designation rests on (record ids, each current and about the same subject when proposed;
    /// ADR 0043). Written once, with the notice; its ids are in the <c>designation-noticed</c> event.</summary>
    public List<Guid> BasisRecordIds { get; set; } = [];

    /// <summary>The list type's entry fields as proposed (canonical JSON object, code → text, in catalog order), or null
    /// for a list that declares none (docs/catalog.md#entry-fields; ADR 0043). Its SHA-256 is in the noticed event.</summary>
    public string? EntryFieldsJson { get; set; }

    /// <summary>The notice as served (canonical JSON); its SHA-256 is in the <c>designation-noticed</c> event.</summary>
    public required string NoticeJson { get; set; }

    /// <summary>The stored state (<see cref="DesignationStatus.Expired"/> is never stored: it is derived from the time).</summary>
    public DesignationStatus Status { get; set; }

    public bool StatementFiled { get; set; }

    public bool ObjectionOpen { get; set; }

    public string? DecisionDocument { get; set; }

    public string? DecisionReasons { get; set; }

    public DateTimeOffset? EffectiveFrom { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>ISO-8601 duration of the term, e.g. <c>P2Y</c>.</summary>
    public string? Term { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>The decision document as issued (canonical JSON); its SHA-256 is in the <c>designation-effective</c> event.</summary>
    public string? DecisionJson { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevocationReasons { get; set; }

    public string? RevocationDocument { get; set; }

    /// <summary>
    /// The ledger position of the <c>designation-expired</c> announcement (docs/changes.md#designation-items): set once,
    /// by the expiry announcer, after <see cref="ExpiresAt"/> passed while the designation was still effective. Views
    /// never read it — they compute the end from the request time; it only keeps the feed from announcing an end twice.
    /// </summary>
    public long? ExpiryPosition { get; set; }

    /// <summary>The black designation whose taking effect set this red entry aside (<c>suspended-by-conflict</c>, ADR 0042);
    /// kept after a revocation or confirmation as the history of the conflict.</summary>
    public Guid? ConflictWith { get; set; }

    /// <summary>The last day (China date, inclusive) by which the red list's department revokes or confirms the entry a
    /// conflict set aside: <c>conflictReviewWorkingDays</c> of the red list's eligibility, counted with the catalog
    /// calendar from the day of the conflict; null when the calendar does not reach it.</summary>
    public DateOnly? ConflictReviewDue { get; set; }

    /// <summary>The ledger event of the last transition. Also the row's concurrency token: a write that did not hold
    /// the ledger lock and read a stale state fails instead of overwriting a newer transition.</summary>
    public long LedgerPosition { get; set; }

    /// <summary>The life-cycle state, as <see cref="DesignationLifecycle"/> takes it.</summary>
    public DesignationState State => new(
        Status,
        ObjectionDeadline,
        StatementFiled,
        ObjectionOpen,
        DecisionDocument is { } document && EffectiveFrom is { } from && ExpiresAt is { } until && Term is { } term
            ? new DesignationDecision(document, DecisionReasons ?? "", from, until, IsoDuration.Parse(term))
            : null);

    /// <summary>Writes back a state returned by <see cref="DesignationLifecycle"/> and the event that recorded the change.</summary>
    public void Apply(DesignationState next, long ledgerPosition)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Stored == DesignationStatus.Expired)
        {
            throw new InvalidOperationException("Expired is derived from the time, never stored.");
        }

        Status = next.Stored;
        StatementFiled = next.StatementFiled;
        ObjectionOpen = next.ObjectionOpen;
        ObjectionDeadline = next.ObjectionDeadline;
        if (next.Decision is { } decision)
        {
            DecisionDocument = decision.DocumentNumber;
            DecisionReasons = decision.Reasons;
            EffectiveFrom = decision.EffectiveFrom;
            ExpiresAt = decision.ExpiresAt;
            Term = decision.Term.ToString();
        }

        LedgerPosition = ledgerPosition;
    }
}

internal sealed class DesignationRowConfiguration : IEntityTypeConfiguration<DesignationRow>
{
    public void Configure(EntityTypeBuilder<DesignationRow> builder)
    {
        builder.ToTable("Designations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ListType).HasMaxLength(64);
        builder.Property(d => d.Department).HasMaxLength(64);
        builder.Property(d => d.SubjectId).HasMaxLength(18);
        builder.Property(d => d.SubjectKind).HasMaxLength(16).HasConversion(new ValueConverter<SubjectKind, string>(
            v => v.Code(), v => ParseKind(v)));
        builder.Property(d => d.SubjectName).HasMaxLength(DesignationFields.MaxSubjectName);
        builder.Property(d => d.NoticeDocument).HasMaxLength(DesignationFields.MaxDocumentNumber);
        builder.Property(d => d.NoticedBy).HasMaxLength(128);
        builder.Property(d => d.Status).HasMaxLength(32).HasConversion(new ValueConverter<DesignationStatus, string>(
            v => v.Code(), v => ParseStatus(v)));
        builder.Property(d => d.DecisionDocument).HasMaxLength(DesignationFields.MaxDocumentNumber);
        builder.Property(d => d.Term).HasMaxLength(32);
        builder.Property(d => d.DecidedBy).HasMaxLength(128);
        builder.Property(d => d.RevokedBy).HasMaxLength(128);
        builder.Property(d => d.RevocationDocument).HasMaxLength(DesignationFields.MaxDocumentNumber);
        builder.Property(d => d.LedgerPosition).IsConcurrencyToken();

        // One notice document of a department designates a subject once: a retried proposal is refused, not doubled.
        builder.HasIndex(d => new { d.Department, d.NoticeDocument, d.SubjectId })
            .IsUnique()
            .HasDatabaseName("ix_designations_notice");
        builder.HasIndex(d => d.SubjectId);
        builder.HasIndex(d => d.Status);
        builder.HasIndex(d => d.ExpiresAt);
    }

    private static SubjectKind ParseKind(string text) =>
        EnumCodes.TryParse<SubjectKind>(text, out var kind, ignoreCase: true) ? kind : throw new InvalidOperationException($"Stored subject kind '{text}' is unknown.");

    private static DesignationStatus ParseStatus(string text) =>
        EnumCodes.TryParse<DesignationStatus>(text, out var status, ignoreCase: true) && status != DesignationStatus.Expired
            ? status
            : throw new InvalidOperationException($"Stored designation status '{text}' is unknown.");
}
