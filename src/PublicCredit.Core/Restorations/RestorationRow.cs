using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicCredit.Restorations;

/// <summary>Where an application stands (docs/domain.md#objections-and-restoration): submitted → accepted → granted, or refused at either step.</summary>
public enum RestorationStatus
{
    Submitted,
    Accepted,
    Granted,
    Refused,
}

/// <summary>
/// One credit restoration application (docs/domain.md#objections-and-restoration; NDRC Order No. 36; 国办发〔2025〕22号; ADR 0014): the subject's signed
/// commitment and evidence against one designation or one record, the deadlines computed when it was submitted
/// (accept within 3, decide within 10 working days of the catalog calendar), and each step's outcome and reasons.
/// There is deliberately no fee, price or payment column: restoration is free (a test asserts it).
/// </summary>
public sealed class RestorationRow
{
    public Guid Id { get; set; }

    /// <summary>The applicant: the designated subject or the record's subject (normalised identifier).</summary>
    public required string SubjectId { get; set; }

    /// <summary>The designation to remove from its list, or null when the target is a record.</summary>
    public Guid? DesignationId { get; set; }

    /// <summary>The record whose publication is to stop, or null when the target is a designation.</summary>
    public Guid? RecordId { get; set; }

    /// <summary>The department that designated or recorded, which decides (docs/domain.md#objections-and-restoration).</summary>
    public required string Department { get; set; }

    public RestorationStatus Status { get; set; }

    /// <summary>The signed credit commitment (信用承诺), a condition of restoration; always true once stored.</summary>
    public bool Commitment { get; set; }

    public string? Evidence { get; set; }

    /// <summary>The first day restoration was possible: the minimum publicity for the severity had passed (docs/domain.md#publicity-periods).</summary>
    public DateOnly EarliestRestoration { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public required string SubmittedBy { get; set; }

    /// <summary>Last day (inclusive, China date) to accept or refuse: 3 working days after submission.</summary>
    public DateOnly AcceptBy { get; set; }

    /// <summary>Last day (inclusive, China date) to decide: 10 working days after submission.</summary>
    public DateOnly DecideBy { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedBy { get; set; }

    public string? AcceptanceReasons { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecisionReasons { get; set; }

    /// <summary><c>accept</c> or <c>decide</c>: the step at which the application was refused; null otherwise.</summary>
    public string? RefusedAtStep { get; set; }

    /// <summary>The ledger event of the last step.</summary>
    public long LedgerPosition { get; set; }

    /// <summary>The next deadline of an open application (accept, then decide); the decide deadline once closed.</summary>
    public DateOnly DueBy => Status == RestorationStatus.Submitted ? AcceptBy : DecideBy;

    public static string Code(RestorationStatus status) => status.ToString().ToLowerInvariant();
}

internal sealed class RestorationRowConfiguration : IEntityTypeConfiguration<RestorationRow>
{
    public void Configure(EntityTypeBuilder<RestorationRow> builder)
    {
        builder.ToTable("Restorations");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.DueBy);
        builder.Property(r => r.SubjectId).HasMaxLength(18);
        builder.Property(r => r.Department).HasMaxLength(64);
        builder.Property(r => r.Status).HasMaxLength(16).HasConversion(new ValueConverter<RestorationStatus, string>(
            v => RestorationRow.Code(v), v => Enum.Parse<RestorationStatus>(v, true)));
        builder.Property(r => r.SubmittedBy).HasMaxLength(128);
        builder.Property(r => r.AcceptedBy).HasMaxLength(128);
        builder.Property(r => r.DecidedBy).HasMaxLength(128);
        builder.Property(r => r.RefusedAtStep).HasMaxLength(16);
        builder.Property(r => r.LedgerPosition).IsConcurrencyToken();
        builder.HasIndex(r => r.SubjectId);
        builder.HasIndex(r => new { r.Department, r.Status });
        builder.HasIndex(r => r.DesignationId);
        builder.HasIndex(r => r.RecordId);
    }
}

/// <summary>The stable kebab-case codes of restoration and removal problems (docs/restorations.md).</summary>
public static class RestorationProblemCodes
{
    public const string NotFound = "restoration-not-found";
    public const string BodyNotAnObject = "restoration-body-not-an-object";
    public const string FieldUnknown = "restoration-field-unknown";
    public const string FieldTypeInvalid = "restoration-field-type-invalid";
    public const string TargetInvalid = "restoration-target-invalid";
    public const string TargetNotFound = "restoration-target-not-found";
    public const string TargetNotInForce = "restoration-target-not-in-force";
    public const string NotOffered = "restoration-not-offered";
    public const string TooEarly = "restoration-too-early";
    public const string CommitmentRequired = "restoration-commitment-required";
    public const string AlreadyOpen = "restoration-already-open";
    public const string NotSubmitted = "restoration-not-submitted";
    public const string NotAccepted = "restoration-not-accepted";
    public const string OutcomeMissing = "restoration-outcome-missing";
    public const string ReasonsMissing = "restoration-reasons-missing";
    public const string StatusInvalid = "restoration-status-invalid";
    public const string SubjectTokenRequired = "subject-token-required";
    public const string RemovalNotAutomatic = "removal-not-automatic";
    public const string PerformanceAlreadyRecorded = "performance-already-recorded";
    public const string PerformanceDocumentMissing = "performance-document-missing";
    public const string PerformedOnInvalid = "performance-date-invalid";
}

/// <summary>The ledger event names of restorations (ADR 0014); a grant is <c>designation-restored</c> or <c>record-restored</c>.</summary>
public static class RestorationEvents
{
    public const string Submitted = RestorationSubmitted.EventType;
    public const string Accepted = "restoration-accepted";
    public const string Refused = "restoration-refused";
    public const string RecordRestored = "record-restored";
}

/// <summary>A restoration was applied for (ADR 0014): the target, the commitment, the evidence's hash and the deadlines.</summary>
public sealed record RestorationSubmitted(
    Guid RestorationId, Guid? DesignationId, Guid? RecordId, bool Commitment, string? EvidenceSha256, DateOnly EarliestRestoration,
    DateOnly AcceptBy, DateOnly DecideBy) : PublicCredit.Ledger.ILedgerEvent
{
    public const string EventType = "restoration-submitted";
}

/// <summary>
/// A step of a restoration application (ADR 0014): accepted or refused for decision, refused, or a record restored
/// (which names the record's <see cref="Version"/>). A grant that ends a designation is a designation transition.
/// </summary>
public sealed record RestorationStepTaken(
    Guid RestorationId, Guid? DesignationId, Guid? RecordId, string Step, bool Outcome, string? ReasonsSha256, bool Late,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    int? Version = null) : PublicCredit.Ledger.ILedgerEvent;
