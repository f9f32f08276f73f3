using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Errors;
using PublicCredit.Subjects;
using PublicCredit.Text;

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
        SubjectName => SubjectNames.MaxLength,
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
[PublicCredit.Errors.ProblemCatalogue("records")]
public static class RecordProblemCodes
{
    [Problem(422, "A record is a JSON object; got ….")]
    public const string NotAnObject = "record-not-an-object";
    [Problem(422, "'……' is not a field of a record.")]
    public const string FieldUnknown = "record-field-unknown";
    [Problem(422, "'…' is given more than once.")]
    public const string FieldDuplicate = "record-field-duplicate";
    [Problem(422, "'subject' is an object {…}; got ….", Field = "subject")]
    public const string FieldTypeInvalid = "record-field-type-invalid";
    [Problem(422, "Record field too long.")]
    public const string FieldTooLong = "record-field-too-long";
    [Problem(422, "A member name is not valid UTF-8 text.")]
    public const string FieldCharacterInvalid = "record-field-character-invalid";
    [Problem(422, "Record unknown category.")]
    public const string UnknownCategory = "record-unknown-category";
    [Problem(403, "Category '…' is recorded by … only; the caller acts for '…' (docs/catalog.md#providers-and-sharing).", Field = "category")]
    public const string CategoryNotProvided = "record-category-not-provided";
    [Problem(422, "subject.id is neither a valid USCC (GB 32100) nor a resident ID number (GB 11643): …")]
    public const string SubjectIdInvalid = "subject-id-invalid";
    [Problem(422, "subject.kind is 'organisation' or 'individual', not '…'.")]
    public const string SubjectKindInvalid = "subject-kind-invalid";
    [Problem(422, "List '…' designates {string.Join(")]
    public const string SubjectKindNotAllowed = "subject-kind-not-allowed";
    [Problem(422, "subject.id reads as … but subject.kind says …; check the number.")]
    public const string SubjectKindMismatch = "subject-kind-mismatch";
    [Problem(422, "The subject's name is required.")]
    public const string SubjectNameMissing = "subject-name-missing";
    [Problem(422, "The decision document number is required.")]
    public const string DocumentNumberMissing = "record-document-number-missing";
    [Problem(422, "The decision date (决定日期, YYYY-MM-DD) is required.")]
    public const string DecisionDateMissing = "record-decision-date-missing";
    [Problem(422, "The decision date is missing or not a date YYYY-MM-DD.")]
    public const string DecisionDateInvalid = "record-decision-date-invalid";
    [Problem(422, "The decision date … is after today in China (…): only legally effective decisions are recorded.")]
    public const string DecisionDateInFuture = "record-decision-date-in-future";
    [Problem(422, "The decision date … is before …: no legally effective decision recorded here is older.")]
    public const string DecisionDateTooEarly = "record-decision-date-too-early";
    [Problem(422, "Category '…' is negative information: severity (…) decides its publicity.")]
    public const string SeverityMissing = "record-severity-missing";
    [Problem(422, "Category '…' is … information; severity grades only negative information.")]
    public const string SeverityNotApplicable = "record-severity-not-applicable";
    [Problem(422, "severity is minor, general or serious, not '…'.")]
    public const string SeverityInvalid = "record-severity-invalid";
    [Problem(422, "Category '…' has the grade(s) …, not ….")]
    public const string SeverityNotInCategory = "record-severity-not-in-category";
    [Problem(422, "The legal basis is required.")]
    public const string LegalBasisMissing = "record-legal-basis-missing";
    [Problem(422, "The end of publicity is not a date YYYY-MM-DD.")]
    public const string PublicUntilInvalid = "record-public-until-invalid";
    [Problem(422, "publicUntil … is after the latest allowed last day of publicity, … (the catalog maximum counted from the decision date).")]
    public const string PublicUntilTooLate = "record-public-until-too-late";
    [Problem(422, "publicUntil … is before the earliest allowed last day of publicity, … (the period runs from the decision date for at least the catalog minimum).")]
    public const string PublicUntilTooEarly = "record-public-until-too-early";
    [Problem(422, "Records of this grade are not published, so they have no publicity period: leave publicUntil out.")]
    public const string PublicUntilNotApplicable = "record-public-until-not-applicable";
    [Problem(422, "amount is a non-negative number of 万元 below … with at most … decimals, not '…'.")]
    public const string AmountInvalid = "record-amount-invalid";
    [Problem(422, "A correction states why the record changes (reason).")]
    public const string CorrectionReasonMissing = "correction-reason-missing";

    // Outcomes of submission and correction (not field validation).
    [Problem(409, "Your department already has record … for document '…' with different content;")]
    public const string Conflict = "record-conflict";
    [Problem(422, "Record duplicate in batch.")]
    public const string DuplicateInBatch = "record-duplicate-in-batch";
    [Problem(404, "There is no record ….")]
    public const string NotFound = "record-not-found";
    [Problem(409, "Your department already has another record for document '…'; correct that one instead.")]
    public const string DocumentNumberTaken = "record-document-number-taken";
    [Problem(422, "Batch too large.")]
    public const string BatchTooLarge = "batch-too-large";
    [Problem(422, "A batch is a JSON array of records.")]
    public const string BatchNotAnArray = "batch-not-an-array";

    [Problem(422, "'…' is not a known column; expected the API field names ({string.Join(")]
    public const string ImportHeaderUnknownColumn = "import-header-unknown-column";
    [Problem(422, "'…' gives '…' a second time")]
    public const string ImportHeaderDuplicateColumn = "import-header-duplicate-column";
    [Problem(422, "the file has no '…' column")]
    public const string ImportHeaderMissingColumn = "import-header-missing-column";
    [Problem(422, "The header line cannot be imported: …", Field = "header")]
    public const string ImportHeaderInvalid = "import-header-invalid";
    [Problem(422, "the row is from department '…' but the import is for '…'")]
    public const string RowDepartmentMismatch = "row-department-mismatch";
    [Problem(422, "证件类型 '…' is neither a resident identity card (居民身份证) nor a USCC (统一社会信用代码)")]
    public const string RowIdTypeUnknown = "row-id-type-unknown";
    [Problem(404, "There is no file '…'.")]
    public const string ImportFileNotFound = "import-file-not-found";
    [Problem(422, "'…' is not a format; use csv or ndjson.", Field = "format")]
    public const string ImportFormatUnknown = "import-format-unknown";
}

/// <summary>The record's enumerations as codes (<see cref="EnumCodes"/>), and the one reading that accepts more than the code.</summary>
public static class RecordCodes
{
    /// <summary><c>minor|general|serious</c>, any case; also the Chinese grade names of docs/domain.md#publicity-periods (轻微/一般/严重) used in national data.</summary>
    public static bool TryParseGrade(string text, out NegativeGrade grade)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (EnumCodes.TryParse(text, out grade, ignoreCase: true))
        {
            return true;
        }

        (var known, grade) = text switch
        {
            "轻微" => (true, NegativeGrade.Minor),
            "一般" => (true, NegativeGrade.General),
            "严重" => (true, NegativeGrade.Serious),
            _ => (false, default),
        };
        return known;
    }
}
