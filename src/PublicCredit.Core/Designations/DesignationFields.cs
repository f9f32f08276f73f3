using System.Globalization;
using System.Text;
using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>
/// The JSON field names of designation requests (docs/api.md; docs/designations.md) and the longest text each may hold,
/// in UTF-16 code units (never more characters than a PostgreSQL varchar(n) holds).
/// </summary>
public static class DesignationFields
{
    public const string ListType = "listType";
    public const string Subject = "subject";
    public const string SubjectId = "subject.id";
    public const string SubjectName = "subject.name";
    public const string SubjectKind = "subject.kind";
    public const string ResponsiblePersons = "responsiblePersons";
    public const string Facts = "facts";
    public const string LegalBasis = "legalBasis";
    public const string NoticeDocument = "noticeDocument";
    public const string IntendedMeasures = "intendedMeasures";
    public const string Statement = "statement";
    public const string Evidence = "evidence";
    public const string DecisionDocument = "decisionDocument";
    public const string Reasons = "reasons";
    public const string EffectiveFrom = "effectiveFrom";
    public const string Term = "term";
    public const string RevocationDocument = "revocationDocument";
    public const string BasisRecordIds = "basisRecordIds";
    public const string EntryFields = "entryFields";

    /// <summary>A designation rests on a handful of decisions (docs/designations.md#basis-records); 20 covers a repeat offender's history.</summary>
    public const int MaxBasisRecords = 20;

    /// <summary>A designation of one organisation names a handful of people (docs/domain.md#joint-measures); 20 leaves room for a board.</summary>
    public const int MaxResponsiblePersons = 20;

    public const int MaxDocumentNumber = 100;
    public const int MaxSubjectName = 200;
    public const int MaxPersonName = 100;
    public const int MaxLegalBasis = 2_000;
    public const int MaxLongText = 10_000;

    /// <summary>Fields whose text may span lines (CR LF is normalised to LF); all others are one line.</summary>
    public static bool IsMultiLine(string field) =>
        field is Facts or LegalBasis or Statement or Evidence or Reasons;
}

/// <summary>The stable kebab-case codes of designation problems (docs/designations.md); clients may rely on them.</summary>
[PublicCredit.Errors.ProblemCatalogue("designations")]
public static class DesignationProblemCodes
{
    // Reading the body
    [Problem(422, "The body is a JSON object; got ….")]
    public const string NotAnObject = "designation-body-not-an-object";
    [Problem(422, "'……' is not a field of this request (docs/designations.md).")]
    public const string FieldUnknown = "designation-field-unknown";
    [Problem(422, "'……' is given more than once.")]
    public const string FieldDuplicate = "designation-field-duplicate";
    [Problem(422, "'…' is an object; got ….")]
    public const string FieldTypeInvalid = "designation-field-type-invalid";
    [Problem(422, "Designation field too long.")]
    public const string FieldTooLong = "designation-field-too-long";
    [Problem(422, "A member name is not valid UTF-8 text.")]
    public const string FieldCharacterInvalid = "designation-field-character-invalid";

    // Proposing
    [Problem(422, "Designation unknown list type.")]
    public const string UnknownListType = "designation-unknown-list-type";
    [Problem(403, "List '…' is designated by {string.Join(")]
    public const string DepartmentNotDesignating = "designation-department-not-designating";
    [Problem(403, "List '…' takes entries from … only; the caller acts for '…' (docs/catalog.md#providers-and-sharing).")]
    public const string ListNotProvided = "designation-list-not-provided";
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
    [Problem(422, "The facts of the designation are required.")]
    public const string FactsMissing = "designation-facts-missing";
    [Problem(422, "The legal basis of the designation is required.")]
    public const string LegalBasisMissing = "designation-legal-basis-missing";
    [Problem(422, "The notice document number is required.")]
    public const string NoticeDocumentMissing = "designation-notice-document-missing";
    [Problem(422, "intendedMeasures, when given, names at least one measure; leave it out to announce every measure of the list's memoranda.")]
    public const string MeasureNotApplicable = "designation-measure-not-applicable";
    [Problem(422, "'…' is named twice.")]
    public const string MeasureDuplicate = "designation-measure-duplicate";
    [Problem(422, "Responsible persons are named for an organisation; this subject is an individual.")]
    public const string ResponsiblePersonsNotAllowed = "designation-responsible-persons-not-allowed";
    [Problem(422, "List '…' does not reach responsible persons (catalog reachesResponsiblePersons: false).")]
    public const string ResponsiblePersonsNotReached = "designation-responsible-persons-not-reached";
    [Problem(422, "A designation names at most … responsible persons; this one names ….")]
    public const string ResponsiblePersonsTooMany = "designation-responsible-persons-too-many";
    [Problem(422, "A responsible person is named by a valid resident ID number (GB 11643): …")]
    public const string ResponsiblePersonIdInvalid = "responsible-person-id-invalid";
    [Problem(422, "A responsible person's name is required.")]
    public const string ResponsiblePersonNameMissing = "responsible-person-name-missing";
    [Problem(422, "role is one of {string.Join(")]
    public const string ResponsiblePersonRoleInvalid = "responsible-person-role-invalid";
    [Problem(422, "… is already named as … by an earlier entry.")]
    public const string ResponsiblePersonDuplicate = "responsible-person-duplicate";
    [Problem(422, "The subject does not meet the red list's eligibility (catalog eligibility, ADR 0042); each reason is an errors[] item.")]
    public const string RedIneligible = "designation-red-ineligible";
    [Problem(422, "A designation rests on at most … records; this one names ….", Field = "basisRecordIds")]
    public const string BasisRecordsTooMany = "designation-basis-records-too-many";
    [Problem(422, "basisRecordIds[i] is a record id (a UUID); got '…'.")]
    public const string BasisRecordIdInvalid = "designation-basis-record-id-invalid";
    [Problem(422, "Record … is named twice.")]
    public const string BasisRecordDuplicate = "designation-basis-record-duplicate";
    [Problem(422, "There is no record ….")]
    public const string BasisRecordUnknown = "designation-basis-record-unknown";
    [Problem(422, "Record … was withdrawn by an upheld objection or ended by a granted restoration; it is not current.")]
    public const string BasisRecordWithdrawn = "designation-basis-record-withdrawn";
    [Problem(422, "Record … is about another subject than the designation.")]
    public const string BasisRecordOtherSubject = "designation-basis-record-other-subject";
    [Problem(422, "List '…' entries state … (…).")]
    public const string EntryFieldMissing = "designation-entry-field-missing";
    [Problem(422, "'…' is not an entry field of list '…'.")]
    public const string EntryFieldUnknown = "designation-entry-field-unknown";
    [Problem(409, "Notice '…' of your department already designates this subject: designation ….")]
    public const string AlreadyNoticed = "designation-already-noticed";

    // Acting on a designation
    [Problem(404, "There is no designation ….")]
    public const string NotFound = "designation-not-found";
    [Problem(404, "Designation … is …; it has no decision document.")]
    public const string NotDecided = "designation-not-decided";
    [Problem(409, "List type '…' is no longer in catalog …; a designation cannot take effect on a withdrawn list.")]
    public const string ListTypeWithdrawn = "designation-list-type-withdrawn";
    [Problem(403, "This is for a subject's self-service token, not a staff key.")]
    public const string SubjectTokenRequired = "subject-token-required";
    [Problem(403, "A statement is filed with a credential the subject obtained itself (its activation code, or the operator); this token was issued to a department.")]
    public const string SubjectCredentialNotOwn = "subject-credential-not-own";
    [Problem(409, "The statement period runs until … and no statement on file was filed by the subject with a credential it obtained itself; decide after the period.")]
    public const string StatementNotOwn = "designation-statement-not-own";
    [Problem(422, "The statement text is required.")]
    public const string StatementMissing = "designation-statement-missing";
    [Problem(422, "The term must be longer than zero.", Field = "term")]
    public const string TermInvalid = "designation-term-invalid";
    [Problem(422, "The term … is longer than the list type's maximum ….", Field = "term")]
    public const string TermTooLong = "designation-term-too-long";
    [Problem(422, "The decision states its reasons.", Field = "reasons")]
    public const string ReasonsMissing = "designation-reasons-missing";
    [Problem(422, "effectiveFrom '…' is neither a date YYYY-MM-DD nor a time with its offset (2026-12-01T09:00:00+08:00).")]
    public const string EffectiveFromInvalid = "designation-effective-from-invalid";
    [Problem(422, "effectiveFrom … is before today in China (…): a designation does not take effect before it is decided.")]
    public const string EffectiveFromInPast = "designation-effective-from-in-past";
    [Problem(422, "effectiveFrom may be at most … after the decision.")]
    public const string EffectiveFromTooLate = "designation-effective-from-too-late";
    [Problem(422, "status is one of {string.Join(", Field = "status")]
    public const string StatusInvalid = "designation-status-invalid";

    [Problem(409, "A statement is filed while a designation is noticed; it is ….")]
    public const string NotNoticed = "designation-not-noticed";
    [Problem(409, "An objection is under review; the designation cannot be decided until it is resolved.")]
    public const string ObjectionOpen = "designation-objection-open";
    [Problem(409, "The objection window runs until …; decide after it, or once the subject has filed a statement.")]
    public const string ObjectionWindowOpen = "designation-objection-window-open";
    // The life cycle's objection transitions (DesignationLifecycle.FileObjection, ResolveObjection): the life cycle is
    // below objections, so it names these codes here; objections list objection-already-open too, for records.
    [Problem(409, "An objection against this designation is already under review.")]
    public const string ObjectionAlreadyOpen = "objection-already-open";
    [Problem(409, "No objection against this designation is under review.")]
    public const string ObjectionNotOpen = "objection-not-open";
    [Problem(409, "The designation is …; there is nothing left to object to.")]
    public const string Closed = "designation-closed";
    [Problem(409, "Only a designation suspended by a conflict can be confirmed; this one is ….")]
    public const string NotSuspendedByConflict = "designation-not-suspended-by-conflict";
    [Problem(409, "Only an effective designation can be restored; this one is ….")]
    public const string NotEffective = "designation-not-effective";
    [Problem(422, "A designation takes effect only by a decision document.", Field = "decisionDocument")]
    public const string DecisionDocumentMissing = "designation-decision-document-missing";
}

/// <summary>
/// Text normalisation of designation fields, the same rules as records (ADR 0006 §8): trimmed, CR LF → LF in
/// multi-line fields, Unicode NFC, empty → absent; refused when too long or holding control characters, lone
/// surrogates or NUL (PostgreSQL cannot store NUL). Fields already reported while reading are skipped.
/// </summary>
internal sealed class DesignationText(List<FieldError> errors, FreeTextCodes? codes = null)
{
    /// <summary>A designation's free-text codes; other capabilities that read their bodies this way pass their own.</summary>
    public static readonly FreeTextCodes Codes = new(DesignationProblemCodes.FieldTooLong, DesignationProblemCodes.FieldCharacterInvalid);

    private readonly HashSet<string> unreadable = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);

    /// <summary>The field, or an object or array holding it (<c>subject</c> for <c>subject.id</c>; the body itself), was
    /// refused while reading: judging it again would only repeat the problem as a cascade of "missing" errors.</summary>
    public bool IsUnreadable(string field)
    {
        if (unreadable.Contains(""))
        {
            return true; // the body was not an object at all
        }

        for (var path = field; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (unreadable.Contains(path))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasError(string field) => errors.Exists(e => e.Field == field);

    /// <summary>Normalised text, or null when absent, empty or refused (the refusal is in the errors).</summary>
    public string? Read(string field, string? raw, int max, bool multiLine) =>
        raw is null || IsUnreadable(field) ? null : FreeText.Normalise(field, raw, max, multiLine, codes ?? Codes, errors);

    /// <summary>Normalised text that must be present: absent → <paramref name="missingCode"/>.</summary>
    public string? Required(string field, string? raw, int max, string missingCode, string missingMessage)
    {
        var value = Read(field, raw, max, DesignationFields.IsMultiLine(field));
        if (value is null && !IsUnreadable(field) && !HasError(field))
        {
            errors.Add(new FieldError(field, missingCode, missingMessage));
        }

        return value;
    }

    public string? Optional(string field, string? raw, int max) => Read(field, raw, max, DesignationFields.IsMultiLine(field));
}
