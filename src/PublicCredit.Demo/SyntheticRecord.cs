using PublicCredit.Catalog;
using PublicCredit.Text;

namespace PublicCredit.Demo;

/// <summary>
/// One synthetic credit record in the flattened shape of CSV/NDJSON imports (docs/api.md#record-shape: <c>subject.id</c> and
/// <c>subject.name</c> become <see cref="SubjectId"/> and <see cref="SubjectName"/>), plus the <see cref="Department"/>
/// that would submit it, so a file can be split per department before <c>pcredit import --dept</c>.
/// </summary>
public sealed record SyntheticRecord
{
    /// <summary>The file columns, in order: the docs/api.md#record-shape, then <c>department</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "category", "subjectId", "subjectName", "documentNumber", "decisionDate", "severity", "legalBasis",
        "facts", "content", "amount", "legalRepresentative", "publicUntil", "department",
    ];

    /// <summary>A catalog category code that allows the subject's kind.</summary>
    public required string Category { get; init; }

    /// <summary>
    /// The full normalised USCC or resident ID number: an import needs the whole identifier. For an individual this
    /// has the shape of personal information, which is why the data is synthetic.
    /// </summary>
    public required string SubjectId { get; init; }

    public required string SubjectName { get; init; }

    /// <summary>Decision document number, unique within <see cref="Department"/>: 杭市监罚〔2026〕1234号.</summary>
    public required string DocumentNumber { get; init; }

    public required DateOnly DecisionDate { get; init; }

    /// <summary>Set exactly when the category is negative, to a grade the category's publicity defines (docs/domain.md#publicity-periods).</summary>
    public NegativeGrade? Severity { get; init; }

    public required string LegalBasis { get; init; }

    public string? Facts { get; init; }

    public string? Content { get; init; }

    /// <summary>Fine in 万元 (ten thousand yuan) with two decimals, for penalties that impose one (docs/domain.md#record-fields).</summary>
    public decimal? Amount { get; init; }

    /// <summary>For organisations; null for individuals.</summary>
    public string? LegalRepresentative { get; init; }

    /// <summary>Left empty by the generator: the platform defaults it from the category and severity (docs/api.md).</summary>
    public DateOnly? PublicUntil { get; init; }

    /// <summary>The catalog department code of the source department (samr, sta, spc …).</summary>
    public required string Department { get; init; }

    /// <summary>
    /// Names the record without the subject's identifier: the compiler-made form would print a resident ID number
    /// into any log line or assertion message (privacy by default, ADR 0002).
    /// </summary>
    public override string ToString() =>
        $"{Category} {DocumentNumber} {DecisionDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {SubjectName}";

    /// <summary>The record as the submission use case takes it, the same text an import file row would give.</summary>
    public Records.RecordInput ToRecordInput() => new()
    {
        Category = Category,
        SubjectId = SubjectId,
        SubjectName = SubjectName,
        DocumentNumber = DocumentNumber,
        DecisionDate = DecisionDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Severity = Severity?.Code(),
        LegalBasis = LegalBasis,
        Facts = Facts,
        Content = Content,
        Amount = Amount?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        LegalRepresentative = LegalRepresentative,
        PublicUntil = PublicUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
