using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Time;

namespace PublicCredit.Records;

/// <summary>
/// The range a record's <c>publicUntil</c> may take, from its category and grade (docs/domain.md#publicity-periods, 国办发〔2025〕22号).
/// All dates are China dates and inclusive: <see cref="Earliest"/> ≤ publicUntil ≤ <see cref="Latest"/>.
/// </summary>
/// <param name="Applicable">False for a grade that is never published: then the record has no publicity period.</param>
/// <param name="Latest">Null when there is no upper bound (categories public "while valid").</param>
/// <param name="Default">The period a record gets when it sets none; null means "no end" (while valid).</param>
public sealed record PublicityWindow(bool Applicable, DateOnly Earliest, DateOnly? Latest, DateOnly? Default)
{
    public static PublicityWindow NotApplicable(DateOnly decisionDate) => new(false, decisionDate, null, null);
}

/// <summary>
/// Publicity periods of records (ADR 0006). A period runs <em>from the decision date</em> (国办发〔2025〕22号: the
/// publicity period is counted from the date of the decision) and <c>publicUntil</c> is its <em>last day,
/// inclusive</em>: a one-year period from 2026-09-28 has publicUntil 2027-09-27, and publication stops at 00:00
/// China time on the next day (<see cref="EndsAt"/>).
/// </summary>
public static class RecordPublicity
{
    /// <summary>The last day (inclusive) of a period of <paramref name="length"/> that starts on <paramref name="decisionDate"/>.</summary>
    public static DateOnly LastDay(DateOnly decisionDate, IsoDuration length) => length.AddTo(decisionDate).AddDays(-1);

    /// <summary>The instant publication stops: 00:00 China time on the day after <paramref name="publicUntil"/>.</summary>
    public static DateTimeOffset EndsAt(DateOnly publicUntil) => ChinaTime.StartOf(publicUntil.AddDays(1));

    /// <summary>
    /// Where <c>publicUntil</c> may lie for a record of <paramref name="category"/> and <paramref name="grade"/>
    /// decided on <paramref name="decisionDate"/>. <paramref name="grade"/> must be one of the category's grades
    /// for a negative category and null otherwise (the validator has checked it).
    /// </summary>
    public static PublicityWindow Window(Category category, NegativeGrade? grade, DateOnly decisionDate)
    {
        ArgumentNullException.ThrowIfNull(category);
        var publicity = category.Publicity;
        if (category.Polarity == Polarity.Negative)
        {
            if (grade is not { } g || !publicity.Grades.TryGetValue(g, out var periods))
            {
                throw new ArgumentException($"Category {category.Code} has no grade {grade}.", nameof(grade));
            }

            if (!periods.Published)
            {
                return PublicityWindow.NotApplicable(decisionDate);
            }

            // The minimum is a floor on the period's length; with no minimum, the period still cannot end before it starts.
            var earliest = periods.Min.IsZero ? decisionDate : Max(decisionDate, LastDay(decisionDate, periods.Min));
            return new PublicityWindow(true, earliest, LastDay(decisionDate, periods.Max), LastDay(decisionDate, periods.Default));
        }

        if (publicity.Default is { } length)
        {
            // A neutral or positive category with a fixed period: the catalog grants that period and no longer.
            var last = LastDay(decisionDate, length);
            return new PublicityWindow(true, decisionDate, last, last);
        }

        // Public while the underlying decision, licence or rating is in force: a department may set the end it knows.
        return new PublicityWindow(true, decisionDate, null, null);
    }

    /// <summary>
    /// Whether the record is to be published at all during its period: not for a grade the catalog does not publish
    /// (minor negative information, docs/domain.md#publicity-periods), and not for an individual unless the category says so (docs/design.md#7-privacy-by-default).
    /// Whether it is public at a given moment also depends on <see cref="EndsAt"/>.
    /// </summary>
    public static bool IsPublished(Category category, NegativeGrade? grade, SubjectKind subjectKind)
    {
        ArgumentNullException.ThrowIfNull(category);
        var gradePublished = category.Polarity != Polarity.Negative
                             || (grade is { } g && category.Publicity.Grades.TryGetValue(g, out var periods) && periods.Published);
        return gradePublished && (subjectKind == SubjectKind.Organisation || category.IndividualsPublic);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
