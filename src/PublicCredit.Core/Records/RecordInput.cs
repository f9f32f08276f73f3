using PublicCredit.Errors;

namespace PublicCredit.Records;

/// <summary>
/// A record as it arrives, before validation: every field as text, exactly as the source gave it (a JSON body, an
/// NDJSON line, a CSV row). Text is the common form of all entry paths, so one <see cref="RecordValidator"/> decides
/// on all of them (docs/api.md#records; docs/api.md#record-shape). <see cref="ReadErrors"/> holds what went wrong while reading the
/// source format (a number where text was expected, an unknown field); the validator reports them with its own and
/// does not judge those fields again.
/// </summary>
public sealed record RecordInput
{
    public string? Category { get; init; }

    public string? SubjectId { get; init; }

    public string? SubjectName { get; init; }

    /// <summary>Optional <c>organisation</c> | <c>individual</c>: what the source says the subject is (证件类型).</summary>
    public string? SubjectKind { get; init; }

    public string? DocumentNumber { get; init; }

    public string? DecisionDate { get; init; }

    public string? Severity { get; init; }

    public string? LegalBasis { get; init; }

    public string? Facts { get; init; }

    public string? Content { get; init; }

    /// <summary>In 万元 (docs/domain.md#record-fields), as decimal text with a '.' separator.</summary>
    public string? Amount { get; init; }

    public string? LegalRepresentative { get; init; }

    public string? PublicUntil { get; init; }

    public IReadOnlyList<FieldError> ReadErrors { get; init; } = [];
}
