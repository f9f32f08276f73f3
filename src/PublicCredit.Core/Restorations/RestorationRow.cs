using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Restorations;

/// <summary>Where an application stands (docs/domain.md#objections-and-restoration): submitted → accepted → granted, or refused at either step.</summary>
public enum RestorationStatus
{
    [Code("submitted")]
    Submitted,
    [Code("accepted")]
    Accepted,
    [Code("granted")]
    Granted,
    [Code("refused")]
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

    /// <summary>
    /// For an application a responsible person made "for its reach" (docs/restorations.md#responsible-persons): the
    /// person's resident ID; granted, it ends the designation's reach to this person only, never the organisation's
    /// own entry (<see cref="SubjectId"/> stays the designated organisation). Null for every other application.
    /// </summary>
    public string? ReachOf { get; set; }

    /// <summary>The applications that are <paramref name="subject"/>'s own, on its records and entries, and a responsible person's for its reach (docs/restorations.md#responsible-persons).</summary>
    public static System.Linq.Expressions.Expression<Func<RestorationRow, bool>> OwnedBy(string subject) =>
        r => r.ReachOf == subject || (r.SubjectId == subject && r.ReachOf == null);

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
}

internal sealed class RestorationRowConfiguration : IEntityTypeConfiguration<RestorationRow>
{
    public void Configure(EntityTypeBuilder<RestorationRow> builder)
    {
        builder.ToTable("Restorations");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.DueBy);
        builder.Property(r => r.SubjectId).HasMaxLength(18);
        builder.Property(r => r.ReachOf).HasMaxLength(18);
        builder.Property(r => r.Department).HasMaxLength(64);
        builder.Property(r => r.Status).HasMaxLength(16).HasConversion(new ValueConverter<RestorationStatus, string>(
            v => v.Code(), v => Enum.Parse<RestorationStatus>(v, true)));
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
[PublicCredit.Errors.ProblemCatalogue("restorations")]
public static class RestorationProblemCodes
{
    [Problem(404, "There is no such restoration application.")]
    public const string NotFound = "restoration-not-found";
    [Problem(422, "The body is not a JSON object.")]
    public const string BodyNotAnObject = "restoration-body-not-an-object";
    [Problem(422, "The body has a member the restoration does not know.")]
    public const string FieldUnknown = "restoration-field-unknown";
    [Problem(422, "'…' is true or false.")]
    public const string FieldTypeInvalid = "restoration-field-type-invalid";
    [Problem(422, "A text member (evidence, reasons) is longer than it may be.")]
    public const string FieldTooLong = "restoration-field-too-long";
    [Problem(422, "A text member holds a character that is not text (a control character, a lone surrogate).")]
    public const string FieldCharacterInvalid = "restoration-field-character-invalid";
    [Problem(422, "target is {'designationId': …} or {'recordId': …}.")]
    public const string TargetInvalid = "restoration-target-invalid";
    [Problem(404, "There is no designation ….")]
    public const string TargetNotFound = "restoration-target-not-found";
    [Problem(409, "Only a designation in force is restored; this one is ….")]
    public const string TargetNotInForce = "restoration-target-not-in-force";
    [Problem(409, "Only published negative information of a grade with a minimum publicity period can be restored.")]
    public const string NotOffered = "restoration-not-offered";
    [Problem(422, "Restoration too early.")]
    public const string TooEarly = "restoration-too-early";
    [Problem(422, "Restoration needs the signed credit commitment: 'commitment': true.")]
    public const string CommitmentRequired = "restoration-commitment-required";
    [Problem(409, "An application for this target is already under review.")]
    public const string AlreadyOpen = "restoration-already-open";
    [Problem(409, "The application is not in the submitted state this step needs.")]
    public const string NotSubmitted = "restoration-not-submitted";
    [Problem(409, "The application is not in the accepted state this step needs.")]
    public const string NotAccepted = "restoration-not-accepted";
    [Problem(422, "Say whether the application is …: true or false.")]
    public const string OutcomeMissing = "restoration-outcome-missing";
    [Problem(422, "A refusal states its reasons, which the subject is told.")]
    public const string ReasonsMissing = "restoration-reasons-missing";
    [Problem(422, "status is open (default), submitted, accepted, granted, refused or all.", Field = "status")]
    public const string StatusInvalid = "restoration-status-invalid";
    [Problem(403, "This is for a subject's self-service token, not a staff key.")]
    public const string SubjectTokenRequired = "subject-token-required";
    [Problem(409, "The list '…' has no automatic removal in the catalog; revoke or restore instead.")]
    public const string RemovalNotAutomatic = "removal-not-automatic";
    [Problem(409, "Performance is already recorded for this designation.")]
    public const string PerformanceAlreadyRecorded = "performance-already-recorded";
    [Problem(422, "The document proving performance is required.")]
    public const string PerformanceDocumentMissing = "performance-document-missing";
    [Problem(422, "performedOn is a date YYYY-MM-DD, not after today.")]
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

/// <summary>A restoration was applied for (ADR 0014): the target, the commitment, the evidence's hash and the deadlines;
/// for a responsible person's application, <see cref="ReachOf"/> names the person's row in the designation's
/// responsible persons — never the resident ID (ADR 0009 §4).</summary>
public sealed record RestorationSubmitted(
    Guid RestorationId, Guid? DesignationId, Guid? RecordId, bool Commitment, string? EvidenceSha256, DateOnly EarliestRestoration,
    DateOnly AcceptBy, DateOnly DecideBy,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Guid? ReachOf = null) : PublicCredit.Ledger.ILedgerEvent
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
