using System.Globalization;
using System.Text;
using PublicCredit.Errors;

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
public static class DesignationProblemCodes
{
    // Reading the body
    public const string NotAnObject = "designation-body-not-an-object";
    public const string FieldUnknown = "designation-field-unknown";
    public const string FieldDuplicate = "designation-field-duplicate";
    public const string FieldTypeInvalid = "designation-field-type-invalid";
    public const string FieldTooLong = "designation-field-too-long";
    public const string FieldCharacterInvalid = "designation-field-character-invalid";

    // Proposing
    public const string UnknownListType = "designation-unknown-list-type";
    public const string DepartmentNotDesignating = "designation-department-not-designating";
    public const string SubjectIdInvalid = "subject-id-invalid";
    public const string SubjectKindInvalid = "subject-kind-invalid";
    public const string SubjectKindNotAllowed = "subject-kind-not-allowed";
    public const string SubjectKindMismatch = "subject-kind-mismatch";
    public const string SubjectNameMissing = "subject-name-missing";
    public const string FactsMissing = "designation-facts-missing";
    public const string LegalBasisMissing = "designation-legal-basis-missing";
    public const string NoticeDocumentMissing = "designation-notice-document-missing";
    public const string MeasureNotApplicable = "designation-measure-not-applicable";
    public const string MeasureDuplicate = "designation-measure-duplicate";
    public const string ResponsiblePersonsNotAllowed = "designation-responsible-persons-not-allowed";
    public const string ResponsiblePersonsNotReached = "designation-responsible-persons-not-reached";
    public const string ResponsiblePersonsTooMany = "designation-responsible-persons-too-many";
    public const string ResponsiblePersonIdInvalid = "responsible-person-id-invalid";
    public const string ResponsiblePersonNameMissing = "responsible-person-name-missing";
    public const string ResponsiblePersonRoleInvalid = "responsible-person-role-invalid";
    public const string ResponsiblePersonDuplicate = "responsible-person-duplicate";
    public const string AlreadyNoticed = "designation-already-noticed";

    // Acting on a designation
    public const string NotFound = "designation-not-found";
    public const string NotDecided = "designation-not-decided";
    public const string ListTypeWithdrawn = "designation-list-type-withdrawn";
    public const string SubjectTokenRequired = "subject-token-required";
    public const string SubjectCredentialNotOwn = "subject-credential-not-own";
    public const string StatementNotOwn = "designation-statement-not-own";
    public const string StatementMissing = "designation-statement-missing";
    public const string TermInvalid = "designation-term-invalid";
    public const string TermTooLong = "designation-term-too-long";
    public const string ReasonsMissing = "designation-reasons-missing";
    public const string EffectiveFromInvalid = "designation-effective-from-invalid";
    public const string EffectiveFromInPast = "designation-effective-from-in-past";
    public const string EffectiveFromTooLate = "designation-effective-from-too-late";
    public const string StatusInvalid = "designation-status-invalid";
}

/// <summary>
/// Text normalisation of designation fields, the same rules as records (ADR 0006 §8): trimmed, CR LF → LF in
/// multi-line fields, Unicode NFC, empty → absent; refused when too long or holding control characters, lone
/// surrogates or NUL (PostgreSQL cannot store NUL). Fields already reported while reading are skipped.
/// </summary>
internal sealed class DesignationText(List<FieldError> errors)
{
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
    public string? Read(string field, string? raw, int max, bool multiLine)
    {
        if (raw is null || IsUnreadable(field))
        {
            return null;
        }

        // Refuse a huge value before copying it around.
        if (raw.Length > max * 4)
        {
            return TooLong(field, max, raw.Length);
        }

        var value = raw.Trim();
        if (multiLine && value.Contains('\r', StringComparison.Ordinal))
        {
            value = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            var loneSurrogate = char.IsSurrogate(c);
            if (loneSurrogate || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && !(multiLine && c is '\n' or '\t')))
            {
                errors.Add(new FieldError(field, DesignationProblemCodes.FieldCharacterInvalid, string.Create(CultureInfo.InvariantCulture,
                    $"{field} holds {(loneSurrogate ? "a lone UTF-16 surrogate" : $"the character U+{(int)c:X4}, which is not text,")} at position {i + 1}{(multiLine ? "" : " (one line of text is expected)")}.")));
                return null;
            }
        }

        if (!value.IsNormalized(NormalizationForm.FormC))
        {
            value = value.Normalize(NormalizationForm.FormC);
        }

        if (value.Length == 0)
        {
            return null;
        }

        return value.Length > max ? TooLong(field, max, value.Length) : value;
    }

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

    private string? TooLong(string field, int max, int length)
    {
        errors.Add(new FieldError(field, DesignationProblemCodes.FieldTooLong, string.Create(CultureInfo.InvariantCulture,
            $"{field} has {length} characters; at most {max} are accepted.")));
        return null;
    }
}
