using PublicCredit.Catalog;
using PublicCredit.Identifiers;

namespace PublicCredit.Records;

/// <summary>
/// The field names of a record as every entry path spells them (docs/api.md#record-shape; JSON paths), and the longest
/// text each may hold. The limits protect storage and the people reading the record; they are checked by
/// <see cref="RecordValidator"/> on every path (API, batch, import), before anything is stored.
/// </summary>
public static class RecordFields
{
    public const string Category = "category";
    public const string SubjectId = "subject.id";
    public const string SubjectName = "subject.name";
    public const string SubjectKind = "subject.kind";
    public const string DocumentNumber = "documentNumber";
    public const string DecisionDate = "decisionDate";
    public const string Severity = "severity";
    public const string LegalBasis = "legalBasis";
    public const string Facts = "facts";
    public const string Content = "content";
    public const string Amount = "amount";
    public const string LegalRepresentative = "legalRepresentative";
    public const string PublicUntil = "publicUntil";
    public const string Reason = "reason";

    /// <summary>Longest accepted text, in UTF-16 code units (so never more characters than a PostgreSQL varchar(n) holds).</summary>
    public static int MaxLength(string field) => field switch
    {
        Category => 64,
        SubjectName => 200,
        DocumentNumber => 100,
        LegalRepresentative => 100,
        Severity => 16,
        SubjectKind => 16,
        LegalBasis => 2_000,
        Reason => 2_000,
        Facts => 10_000,
        Content => 10_000,
        _ => 64, // ids, dates, amounts: far longer than any valid value
    };

    /// <summary>Fields whose text may span lines (CR LF is normalised to LF); all others are one line.</summary>
    public static bool IsMultiLine(string field) => field is LegalBasis or Facts or Content or Reason;
}

/// <summary>The stable kebab-case codes of record problems (docs/records.md); clients may rely on them.</summary>
public static class RecordProblemCodes
{
    public const string NotAnObject = "record-not-an-object";
    public const string FieldUnknown = "record-field-unknown";
    public const string FieldDuplicate = "record-field-duplicate";
    public const string FieldTypeInvalid = "record-field-type-invalid";
    public const string FieldTooLong = "record-field-too-long";
    public const string FieldCharacterInvalid = "record-field-character-invalid";
    public const string UnknownCategory = "record-unknown-category";
    public const string SubjectIdInvalid = "subject-id-invalid";
    public const string SubjectKindInvalid = "subject-kind-invalid";
    public const string SubjectKindNotAllowed = "subject-kind-not-allowed";
    public const string SubjectKindMismatch = "subject-kind-mismatch";
    public const string SubjectNameMissing = "subject-name-missing";
    public const string DocumentNumberMissing = "record-document-number-missing";
    public const string DecisionDateMissing = "record-decision-date-missing";
    public const string DecisionDateInvalid = "record-decision-date-invalid";
    public const string DecisionDateInFuture = "record-decision-date-in-future";
    public const string DecisionDateTooEarly = "record-decision-date-too-early";
    public const string SeverityMissing = "record-severity-missing";
    public const string SeverityNotApplicable = "record-severity-not-applicable";
    public const string SeverityInvalid = "record-severity-invalid";
    public const string SeverityNotInCategory = "record-severity-not-in-category";
    public const string LegalBasisMissing = "record-legal-basis-missing";
    public const string PublicUntilInvalid = "record-public-until-invalid";
    public const string PublicUntilTooLate = "record-public-until-too-late";
    public const string PublicUntilTooEarly = "record-public-until-too-early";
    public const string PublicUntilNotApplicable = "record-public-until-not-applicable";
    public const string AmountInvalid = "record-amount-invalid";
    public const string CorrectionReasonMissing = "correction-reason-missing";

    // Outcomes of submission and correction (not field validation).
    public const string Conflict = "record-conflict";
    public const string DuplicateInBatch = "record-duplicate-in-batch";
    public const string NotFound = "record-not-found";
    public const string DocumentNumberTaken = "record-document-number-taken";
    public const string BatchTooLarge = "batch-too-large";
    public const string BatchNotAnArray = "batch-not-an-array";
}

/// <summary>Text codes of the enumerations a record carries (JSON, storage, ledger): kebab-case, lower-case.</summary>
public static class RecordCodes
{
    public static string Of(NegativeGrade grade) => grade switch
    {
        NegativeGrade.Minor => "minor",
        NegativeGrade.General => "general",
        NegativeGrade.Serious => "serious",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, null),
    };

    public static string Of(SubjectKind kind) => kind switch
    {
        SubjectKind.Organisation => "organisation",
        SubjectKind.Individual => "individual",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary><c>minor|general|serious</c>, any case; also the Chinese grade names of docs/domain.md#publicity-periods (轻微/一般/严重) used in national data.</summary>
    public static bool TryParseGrade(string text, out NegativeGrade grade)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.ToLowerInvariant())
        {
            case "minor" or "轻微":
                grade = NegativeGrade.Minor;
                return true;
            case "general" or "一般":
                grade = NegativeGrade.General;
                return true;
            case "serious" or "严重":
                grade = NegativeGrade.Serious;
                return true;
            default:
                grade = default;
                return false;
        }
    }

    public static bool TryParseKind(string text, out SubjectKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.ToLowerInvariant())
        {
            case "organisation":
                kind = SubjectKind.Organisation;
                return true;
            case "individual":
                kind = SubjectKind.Individual;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
