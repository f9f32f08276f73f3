using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Subjects;
using PublicCredit.Text;

namespace PublicCredit.Records;

/// <summary>
/// One <em>version</em> of a credit record (ADR 0006). A record is identified by <see cref="Id"/> and, within its
/// source department, by its document number; every submission or correction adds a row with the next
/// <see cref="Version"/> and marks the previous one <see cref="SupersededAt"/>. The current version — the one every
/// view shows — is the row with <see cref="SupersededAt"/> null (<see cref="RecordRows.Current"/>). Content columns
/// are never updated; only <see cref="SupersededAt"/> is set, once.
/// </summary>
public sealed class RecordRow
{
    public Guid Id { get; set; }

    /// <summary>1 for the submission, +1 per correction.</summary>
    public int Version { get; set; }

    /// <summary>The source department (the recorder's), a catalog department code.</summary>
    public required string Department { get; set; }

    public required string DocumentNumber { get; set; }

    public required string Category { get; set; }

    /// <summary>Normalised USCC or resident ID (the full number: personal information for individuals; mask it in public views).</summary>
    public required string SubjectId { get; set; }

    public SubjectKind SubjectKind { get; set; }

    public required string SubjectName { get; set; }

    public DateOnly DecisionDate { get; set; }

    public NegativeGrade? Severity { get; set; }

    public required string LegalBasis { get; set; }

    public string? Facts { get; set; }

    public string? Content { get; set; }

    /// <summary>万元 (docs/domain.md#record-fields).</summary>
    public decimal? Amount { get; set; }

    public string? LegalRepresentative { get; set; }

    /// <summary>Last day of publicity, inclusive (China date); publication stops at 00:00 China time the next day. Null: no end, or never published.</summary>
    public DateOnly? PublicUntil { get; set; }

    /// <summary>Whether the record is published during its period at all (grade and subject kind, docs/domain.md#publicity-periods, docs/design.md#7-privacy-by-default).</summary>
    public bool Published { get; set; }

    /// <summary>Submitted after the 7-working-day double-publicity deadline (docs/domain.md#record-fields); null when the calendar cannot tell.</summary>
    public bool? Late { get; set; }

    /// <summary>When the record first reached the platform (version 1); kept on every version, as the late flag depends on it.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When this version was written.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The actor who wrote this version (a key's actor name).</summary>
    public required string RecordedBy { get; set; }

    /// <summary>Why this version replaced the previous one; null for version 1.</summary>
    public string? Reason { get; set; }

    /// <summary><see cref="RecordContentHash"/> of this version's content.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The ledger event that wrote this version.</summary>
    public long LedgerPosition { get; set; }

    /// <summary>When a correction replaced this version; null for the current version.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>
    /// The ledger event from which the changes feed learns that this published version's publicity is over (ADR 0008):
    /// the <c>record-withdrawn</c>/<c>records-withdrawn</c> event of the publicity-end job, or the event that wrote the
    /// version when its period had already ended then (it was never public, so there is nothing to announce). Null
    /// while publicity lasts, or for a version that is never published. Set once, like <see cref="SupersededAt"/>.
    /// </summary>
    public long? WithdrawalPosition { get; set; }

    /// <summary>
    /// When a granted restoration stopped the record's publication (docs/domain.md#objections-and-restoration: at once, everywhere; ADR 0014). Set on
    /// the current version by the decision and carried to later versions by corrections; null while it may be public.
    /// </summary>
    public DateTimeOffset? RestoredAt { get; set; }

    internal static RecordRow From(
        ValidRecord record, Guid id, int version, string department, DateTimeOffset submittedAt, DateTimeOffset now,
        string actor, bool? late, string? reason) => new()
        {
            Id = id,
            Version = version,
            Department = department,
            DocumentNumber = record.DocumentNumber,
            Category = record.Category.Code,
            SubjectId = record.Subject.Value,
            SubjectKind = record.Subject.Kind,
            SubjectName = record.SubjectName,
            DecisionDate = record.DecisionDate,
            Severity = record.Severity,
            LegalBasis = record.LegalBasis,
            Facts = record.Facts,
            Content = record.Content,
            Amount = record.Amount,
            LegalRepresentative = record.LegalRepresentative,
            PublicUntil = record.PublicUntil,
            Published = record.Published,
            Late = late,
            SubmittedAt = submittedAt,
            RecordedAt = now,
            RecordedBy = actor,
            Reason = reason,
            ContentHash = record.ContentHash,
        };
}

public static class RecordRows
{
    /// <summary>The current version of each record (what every view shows).</summary>
    public static IQueryable<RecordRow> Current(this IQueryable<RecordRow> rows) => rows.Where(r => r.SupersededAt == null);

    /// <summary>The subjects that <paramref name="written"/> name, for <see cref="SubjectRegister"/>: each with the
    /// name and instant of its version.</summary>
    internal static IReadOnlyList<SubjectRegister.Noted> NotedSubjects(IReadOnlyList<RecordRow> written) =>
        [.. written.Select(r => new SubjectRegister.Noted(r.SubjectId, r.SubjectKind, r.SubjectName, r.RecordedAt))];

    /// <summary>
    /// Marks versions written at <paramref name="now"/> whose publicity period had already ended then (a historic
    /// record imported late): they were never public, so the publicity-end job must not announce a withdrawal.
    /// </summary>
    internal static void MarkEndedBeforeWritten(IEnumerable<RecordRow> written, long ledgerPosition, DateOnly today)
    {
        foreach (var row in written)
        {
            if (row.HasEndedBefore(today))
            {
                row.WithdrawalPosition = ledgerPosition;
            }
        }
    }
}

internal sealed class RecordRowConfiguration : IEntityTypeConfiguration<RecordRow>
{
    public void Configure(EntityTypeBuilder<RecordRow> builder)
    {
        builder.ToTable("Records");
        builder.HasKey(r => new { r.Id, r.Version });
        builder.Property(r => r.Department).HasMaxLength(64);
        builder.Property(r => r.DocumentNumber).HasMaxLength(RecordFields.MaxLength(RecordFields.DocumentNumber));
        builder.Property(r => r.Category).HasMaxLength(RecordFields.MaxLength(RecordFields.Category));
        builder.Property(r => r.SubjectId).HasMaxLength(18);
        builder.Property(r => r.SubjectKind).HasMaxLength(16).HasConversion(new ValueConverter<SubjectKind, string>(
            v => v.Code(), v => ParseKind(v)));
        builder.Property(r => r.SubjectName).HasMaxLength(RecordFields.MaxLength(RecordFields.SubjectName));
        builder.Property(r => r.Severity).HasMaxLength(16).HasConversion(new ValueConverter<NegativeGrade, string>(
            v => v.Code(), v => ParseGrade(v)));
        builder.Property(r => r.LegalRepresentative).HasMaxLength(RecordFields.MaxLength(RecordFields.LegalRepresentative));
        builder.Property(r => r.Amount).HasPrecision(18, 6);
        builder.Property(r => r.RecordedBy).HasMaxLength(128);
        builder.Property(r => r.ContentHash).HasMaxLength(64).IsFixedLength();

        // (department, document number) identifies a record (docs/api.md#records): at most one current version per pair.
        // The filter is plain SQL that reads the same on SQLite and PostgreSQL (snake_case names, ADR 0001).
        builder.HasIndex(r => new { r.Department, r.DocumentNumber })
            .IsUnique()
            .HasFilter("superseded_at IS NULL")
            .HasDatabaseName("ix_records_current_document");
        builder.HasIndex(r => r.SubjectId);

        // The double-publicity lookup by decision document number alone, whatever the department (ADR 0046 §6):
        // current versions only, as the public sees no other.
        builder.HasIndex(r => r.DocumentNumber)
            .HasFilter("superseded_at IS NULL")
            .HasDatabaseName("ix_records_document_number");

        // The publicity-end job's work list (ADR 0008): current published versions with an end not yet announced.
        // Small whatever the size of the table, as announced and unpublished versions are outside the filter.
        builder.HasIndex(r => r.PublicUntil)
            .HasFilter("superseded_at IS NULL AND withdrawal_position IS NULL AND published AND public_until IS NOT NULL")
            .HasDatabaseName("ix_records_publicity_end_pending");
    }

    private static SubjectKind ParseKind(string text) =>
        EnumCodes.TryParse<SubjectKind>(text, out var kind, ignoreCase: true) ? kind : throw new InvalidOperationException($"Stored subject kind '{text}' is unknown.");

    private static NegativeGrade ParseGrade(string text) =>
        RecordCodes.TryParseGrade(text, out var grade) ? grade : throw new InvalidOperationException($"Stored severity '{text}' is unknown.");
}
