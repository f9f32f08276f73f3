using PublicCredit.Catalog;
using PublicCredit.Identifiers;

namespace PublicCredit.Records;

/// <summary>
/// A record that passed <see cref="RecordValidator"/>: normalised, typed, with its effective publicity and its
/// <see cref="ContentHash"/> (computed once here, so it always describes exactly these values).
/// </summary>
public sealed class ValidRecord
{
    public ValidRecord(
        Category category,
        SubjectId subject,
        string subjectName,
        string documentNumber,
        DateOnly decisionDate,
        NegativeGrade? severity,
        string legalBasis,
        string? facts,
        string? content,
        decimal? amount,
        string? legalRepresentative,
        DateOnly? publicUntil,
        bool published)
    {
        Category = category;
        Subject = subject;
        SubjectName = subjectName;
        DocumentNumber = documentNumber;
        DecisionDate = decisionDate;
        Severity = severity;
        LegalBasis = legalBasis;
        Facts = facts;
        Content = content;
        Amount = amount;
        LegalRepresentative = legalRepresentative;
        PublicUntil = publicUntil;
        Published = published;
        ContentHash = RecordContentHash.Compute(this);
    }

    public Category Category { get; }

    public SubjectId Subject { get; }

    public string SubjectName { get; }

    public string DocumentNumber { get; }

    public DateOnly DecisionDate { get; }

    public NegativeGrade? Severity { get; }

    public string LegalBasis { get; }

    public string? Facts { get; }

    public string? Content { get; }

    /// <summary>In 万元 (docs/domain.md#record-fields), at most 6 decimals.</summary>
    public decimal? Amount { get; }

    public string? LegalRepresentative { get; }

    /// <summary>Last day of publicity, inclusive (ADR 0006); null: no end (while valid) or no publicity at all.</summary>
    public DateOnly? PublicUntil { get; }

    /// <summary>Whether the record is published during its period (<see cref="RecordPublicity.IsPublished"/>).</summary>
    public bool Published { get; }

    /// <summary>See <see cref="RecordContentHash"/>.</summary>
    public string ContentHash { get; }
}
