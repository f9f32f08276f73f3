using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Text;
using PublicCredit.Identifiers;
using PublicCredit.Time;

namespace PublicCredit.Records;

/// <summary>Either a <see cref="ValidRecord"/> or every problem found, field by field.</summary>
public sealed record RecordValidation(ValidRecord? Record, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Record is not null;
}

/// <summary>
/// The one validator of records, used by every entry path (API single and batch, corrections, import): it reports
/// <em>all</em> problems of a record, each with its field and a stable code (<see cref="RecordProblemCodes"/>),
/// and otherwise yields the normalised record with its effective publicity (docs/api.md#records; docs/design.md#1-no-record-without-a-document).
/// Pure: no I/O, "today" is an argument (docs/design.md#9-time-is-an-input).
/// </summary>
public sealed class RecordValidator(CreditCatalog catalog)
{
    // Amounts are 万元 (docs/domain.md#record-fields): six decimals reach one cent (0.000001 万元 = 0.01 元); twelve integer digits
    // reach a trillion 万元, far above any penalty, and fit numeric(18,6).
    private const int AmountScale = 6;
    private const decimal AmountLimit = 1_000_000_000_000m;

    /// <param name="today">Today in China (<c>ChinaTime.Today</c>): decisions may not be later, birth dates neither.</param>
    private static readonly IReadOnlySet<string> NothingUnreadable = FrozenSet<string>.Empty;

    public RecordValidation Validate(RecordInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ReadErrors.Any(e => e.Code == RecordProblemCodes.NotAnObject))
        {
            // Not a record at all: listing every field as missing would only bury the one problem.
            return new RecordValidation(null, input.ReadErrors);
        }

        var errors = new List<FieldError>(input.ReadErrors);
        // Most rows read cleanly: no set of unreadable fields to build for each of a million imported rows (ADR 0017).
        IReadOnlySet<string> unreadable = input.ReadErrors.Count == 0
            ? NothingUnreadable
            : input.ReadErrors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var text = new TextFields(errors, unreadable);

        // Category (docs/design.md#1-no-record-without-a-document: not in the catalog → rejected).
        Category? category = null;
        var categoryCode = text.Line(RecordFields.Category, input.Category);
        if (!unreadable.Contains(RecordFields.Category) && !HasError(errors, RecordFields.Category))
        {
            if (categoryCode is null || !catalog.Categories.TryGet(categoryCode, out category))
            {
                errors.Add(new FieldError(RecordFields.Category, RecordProblemCodes.UnknownCategory, categoryCode is null
                    ? "A record needs a catalog category (GET /api/v1/catalog lists them)."
                    : $"'{JsonMembers.Shorten(categoryCode)}' is not a category of catalog {catalog.Version} (GET /api/v1/catalog lists them)."));
            }
        }

        var subject = Subject(input, category, today, errors, unreadable, text);
        var subjectName = text.Line(RecordFields.SubjectName, input.SubjectName);
        Require(subjectName, RecordFields.SubjectName, RecordProblemCodes.SubjectNameMissing, "The subject's name (名称/姓名) is required.");

        var documentNumber = text.Line(RecordFields.DocumentNumber, input.DocumentNumber);
        Require(documentNumber, RecordFields.DocumentNumber, RecordProblemCodes.DocumentNumberMissing,
            "The decision document number (决定书文号) is required: no record without a legally effective document (docs/design.md#1-no-record-without-a-document).");

        var decisionDate = DecisionDate(input.DecisionDate, today, errors, unreadable, text);
        var (severityKnown, severity) = Severity(input.Severity, category, errors, unreadable, text);

        var legalBasis = text.Block(RecordFields.LegalBasis, input.LegalBasis);
        Require(legalBasis, RecordFields.LegalBasis, RecordProblemCodes.LegalBasisMissing,
            "The legal basis of the decision (处罚依据/许可依据) is required (docs/design.md#1-no-record-without-a-document).");

        var facts = text.Block(RecordFields.Facts, input.Facts);
        var content = text.Block(RecordFields.Content, input.Content);
        var legalRepresentative = text.Line(RecordFields.LegalRepresentative, input.LegalRepresentative);
        var amount = Amount(input.Amount, errors, unreadable, text);

        DateOnly? publicUntil = null;
        var requested = Date(RecordFields.PublicUntil, input.PublicUntil, RecordProblemCodes.PublicUntilInvalid, errors, unreadable, text);
        if (requested is { } asked && !InputRange.Contains(asked))
        {
            errors.Add(InputRange.OutOfRange(RecordFields.PublicUntil, input.PublicUntil));
            requested = null;
        }

        if (category is not null && decisionDate is { } decided && severityKnown)
        {
            publicUntil = PublicUntil(RecordPublicity.Window(category, severity, decided), requested, errors);
        }

        if (errors.Count > 0 || category is null || subject is null || decisionDate is null)
        {
            return new RecordValidation(null, errors);
        }

        var record = new ValidRecord(
            category, subject, subjectName!, documentNumber!, decisionDate.Value, severity, legalBasis!,
            facts, content, amount, legalRepresentative, publicUntil,
            RecordPublicity.IsPublished(category, severity, subject.Kind));
        return new RecordValidation(record, errors);

        void Require(string? value, string field, string code, string message)
        {
            if (value is null && !unreadable.Contains(field) && !HasError(errors, field))
            {
                errors.Add(new FieldError(field, code, message));
            }
        }
    }

    /// <summary>Validates a correction's reason (required, one text block) into <paramref name="errors"/>.</summary>
    public static string? Reason(string? raw, bool unreadable, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var skip = new HashSet<string>(StringComparer.Ordinal);
        if (unreadable)
        {
            skip.Add(RecordFields.Reason);
        }

        var reason = new TextFields(errors, skip).Block(RecordFields.Reason, raw);
        if (reason is null && !unreadable && !HasError(errors, RecordFields.Reason))
        {
            errors.Add(new FieldError(RecordFields.Reason, RecordProblemCodes.CorrectionReasonMissing,
                "A correction states why the record changes (reason)."));
        }

        return reason;
    }

    private static SubjectId? Subject(
        RecordInput input, Category? category, DateOnly today, List<FieldError> errors, IReadOnlySet<string> unreadable, TextFields text)
    {
        SubjectId? id = null;
        if (!unreadable.Contains(RecordFields.SubjectId))
        {
            if (SubjectId.TryParse(Truncated(input.SubjectId), today, out var parsed, out var problem))
            {
                id = parsed;
            }
            else
            {
                errors.Add(new FieldError(RecordFields.SubjectId, RecordProblemCodes.SubjectIdInvalid,
                    $"subject.id is neither a valid USCC (GB 32100) nor a resident ID number (GB 11643): {problem}"));
            }
        }

        SubjectKind? declared = null;
        var kindText = text.Line(RecordFields.SubjectKind, input.SubjectKind);
        if (kindText is not null)
        {
            if (EnumCodes.TryParse<SubjectKind>(kindText, out var kind, ignoreCase: true))
            {
                declared = kind;
            }
            else
            {
                errors.Add(new FieldError(RecordFields.SubjectKind, RecordProblemCodes.SubjectKindInvalid,
                    $"subject.kind is 'organisation' or 'individual', not '{JsonMembers.Shorten(kindText)}'."));
            }
        }

        if (id is not null && declared is { } said && said != id.Kind)
        {
            // ADR 0002: about 1 in 350 single-digit slips in a resident ID still passes both USCC checks.
            errors.Add(new FieldError(RecordFields.SubjectId, RecordProblemCodes.SubjectKindMismatch,
                $"subject.id reads as {Describe(id.Kind)} but subject.kind says {said.Code()}; " +
                "a resident ID with one wrong digit can pass the USCC checks — check the number."));
        }

        if (category is not null)
        {
            var kind = id?.Kind ?? declared;
            if (kind is { } k && !category.Subjects.Contains(k))
            {
                errors.Add(new FieldError(id is not null ? RecordFields.SubjectId : RecordFields.SubjectKind,
                    RecordProblemCodes.SubjectKindNotAllowed,
                    $"Category '{category.Code}' concerns {string.Join(" and ", category.Subjects.Select(EnumCodes.Of))} only; " +
                    $"subject.id reads as {Describe(k)}." +
                    (k == SubjectKind.Organisation ? " (A resident ID with one wrong digit can pass the USCC checks — check the number.)" : "")));
            }
        }

        return id;

        // A 50 MB "id" gets the same clear length problem without being copied by the normaliser.
        static string? Truncated(string? raw) => raw is { Length: > 256 } ? raw[..256] : raw;
    }

    private static DateOnly? DecisionDate(string? raw, DateOnly today, List<FieldError> errors, IReadOnlySet<string> unreadable, TextFields text)
    {
        var date = Date(RecordFields.DecisionDate, raw, RecordProblemCodes.DecisionDateInvalid, errors, unreadable, text);
        if (date is null)
        {
            if (!unreadable.Contains(RecordFields.DecisionDate) && !HasError(errors, RecordFields.DecisionDate))
            {
                errors.Add(new FieldError(RecordFields.DecisionDate, RecordProblemCodes.DecisionDateMissing,
                    "The decision date (决定日期, YYYY-MM-DD) is required."));
            }

            return null;
        }

        if (date < InputRange.Earliest)
        {
            // Checked before any arithmetic (publicity window, late flag, the green channel's instant): ADR 0027.
            errors.Add(new FieldError(RecordFields.DecisionDate, RecordProblemCodes.DecisionDateTooEarly,
                $"The decision date {date:yyyy-MM-dd} is before {InputRange.Earliest:yyyy-MM-dd}: no legally effective decision recorded here is older."));
            return null;
        }

        if (date > today)
        {
            errors.Add(new FieldError(RecordFields.DecisionDate, RecordProblemCodes.DecisionDateInFuture,
                $"The decision date {date:yyyy-MM-dd} is after today in China ({today:yyyy-MM-dd}): only legally effective decisions are recorded."));
            return null;
        }

        return date;
    }

    private static DateOnly? Date(string field, string? raw, string invalidCode, List<FieldError> errors, IReadOnlySet<string> unreadable, TextFields text)
    {
        var value = text.Line(field, raw);
        if (value is null || unreadable.Contains(field))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, invalidCode, $"{field} '{JsonMembers.Shorten(value)}' is not a calendar date YYYY-MM-DD."));
        return null;
    }

    /// <returns>Known: whether the grade is settled (valid, or rightly absent), so publicity can be computed.</returns>
    private static (bool Known, NegativeGrade? Grade) Severity(
        string? raw, Category? category, List<FieldError> errors, IReadOnlySet<string> unreadable, TextFields text)
    {
        const string field = RecordFields.Severity;
        var value = text.Line(field, raw);
        if (unreadable.Contains(field) || HasError(errors, field))
        {
            return (false, null);
        }

        NegativeGrade? grade = null;
        if (value is not null)
        {
            if (!RecordCodes.TryParseGrade(value, out var parsed))
            {
                errors.Add(new FieldError(field, RecordProblemCodes.SeverityInvalid,
                    $"severity is minor, general or serious (docs/domain.md#publicity-periods), not '{JsonMembers.Shorten(value)}'."));
                return (false, null);
            }

            grade = parsed;
        }

        if (category is null)
        {
            return (false, grade);
        }

        if (category.Polarity != Polarity.Negative)
        {
            if (grade is not null)
            {
                errors.Add(new FieldError(field, RecordProblemCodes.SeverityNotApplicable,
                    $"Category '{category.Code}' is {category.Polarity.Code()} information; severity grades only negative information (docs/domain.md#publicity-periods)."));
                return (false, null);
            }

            return (true, null);
        }

        if (grade is not { } g)
        {
            errors.Add(new FieldError(field, RecordProblemCodes.SeverityMissing,
                $"Category '{category.Code}' is negative information: severity ({Grades(category)}) decides its publicity (docs/domain.md#publicity-periods)."));
            return (false, null);
        }

        if (!category.Publicity.Grades.ContainsKey(g))
        {
            errors.Add(new FieldError(field, RecordProblemCodes.SeverityNotInCategory,
                $"Category '{category.Code}' has the grade(s) {Grades(category)}, not {g.Code()}."));
            return (false, null);
        }

        return (true, g);
    }

    private static DateOnly? PublicUntil(PublicityWindow window, DateOnly? requested, List<FieldError> errors)
    {
        if (requested is not { } until)
        {
            return window.Applicable ? window.Default : null;
        }

        const string field = RecordFields.PublicUntil;
        if (!window.Applicable)
        {
            errors.Add(new FieldError(field, RecordProblemCodes.PublicUntilNotApplicable,
                "Records of this grade are not published (docs/domain.md#publicity-periods), so they have no publicity period: leave publicUntil out."));
        }
        else if (until < window.Earliest)
        {
            errors.Add(new FieldError(field, RecordProblemCodes.PublicUntilTooEarly,
                $"publicUntil {until:yyyy-MM-dd} is before the earliest allowed last day of publicity, {window.Earliest:yyyy-MM-dd} (the period runs from the decision date for at least the catalog minimum, docs/domain.md#publicity-periods)."));
        }
        else if (window.Latest is { } latest && until > latest)
        {
            errors.Add(new FieldError(field, RecordProblemCodes.PublicUntilTooLate,
                $"publicUntil {until:yyyy-MM-dd} is after the latest allowed last day of publicity, {latest:yyyy-MM-dd} (the catalog maximum counted from the decision date, docs/domain.md#publicity-periods)."));
        }

        return until;
    }

    private static decimal? Amount(string? raw, List<FieldError> errors, IReadOnlySet<string> unreadable, TextFields text)
    {
        const string field = RecordFields.Amount;
        var value = text.Line(field, raw);
        if (value is null || unreadable.Contains(field) || HasError(errors, field))
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var amount)
            && amount >= 0 && amount < AmountLimit && decimal.Round(amount, AmountScale) == amount)
        {
            return amount;
        }

        errors.Add(new FieldError(field, RecordProblemCodes.AmountInvalid,
            $"amount is a non-negative number of 万元 below {AmountLimit:0} with at most {AmountScale} decimals, not '{JsonMembers.Shorten(value)}'."));
        return null;
    }

    private static bool HasError(List<FieldError> errors, string field) => errors.Exists(e => e.Field == field);

    private static string Describe(SubjectKind kind) =>
        kind == SubjectKind.Organisation ? "an organisation's USCC" : "an individual's resident ID";

    private static string Grades(Category category) =>
        string.Join(", ", category.Publicity.Grades.Keys.Order().Select(EnumCodes.Of));

    /// <summary>
    /// Text normalisation, the same on every path: trimmed, CR LF → LF in multi-line fields, Unicode NFC, empty →
    /// absent; refused when too long (<c>record-field-too-long</c>) or holding control characters, lone surrogates
    /// or NUL (<c>record-field-character-invalid</c>; PostgreSQL cannot even store NUL in text).
    /// </summary>
    private sealed class TextFields(List<FieldError> errors, IReadOnlySet<string> unreadable)
    {
        public string? Line(string field, string? raw) => Normalise(field, raw, multiLine: false);

        public string? Block(string field, string? raw) => Normalise(field, raw, multiLine: true);

        private string? Normalise(string field, string? raw, bool multiLine) =>
            raw is null || unreadable.Contains(field) ? null : FreeText.Normalise(field, raw, RecordFields.MaxLength(field), multiLine, Codes, errors);

        private static readonly FreeTextCodes Codes = new(RecordProblemCodes.FieldTooLong, RecordProblemCodes.FieldCharacterInvalid);
    }
}
