using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Time;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

/// <summary>
/// When restoration becomes possible (docs/domain.md#publicity-periods, docs/domain.md#objections-and-restoration; ADR 0014 §2) — the catalog's <c>earliestRestoration</c> for the
/// severity, counted from the decision:
/// <list type="bullet">
/// <item>a record: its grade's <c>earliestRestoration</c> in its category, from its decision date;</item>
/// <item>a designation: the list type's category's <c>earliestRestoration</c> for the most severe grade the category
/// publishes (a list entry is the category's most serious information), from the China date it took effect.</item>
/// </list>
/// The first possible day is inclusive. Information without an <c>earliestRestoration</c> (positive or neutral
/// categories, unpublished grades), red lists and a court's listing are not restored this way (409
/// <c>restoration-not-offered</c>): a court removes its own listing (ADR 0009 §6, automatic removal).
/// </summary>
public static class RestorationConditions
{
    public static DateOnly EarliestForRecord(CreditCatalog catalog, string categoryCode, NegativeGrade? severity, DateOnly decisionDate)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.Categories.TryGet(categoryCode, out var category) || category.Polarity != Polarity.Negative
            || severity is not { } grade || !category.Publicity.Grades.TryGetValue(grade, out var periods)
            || !periods.Published || periods.EarliestRestoration is not { } earliest)
        {
            throw DomainException.Conflict(Codes.NotOffered,
                "Only published negative information of a grade with a minimum publicity period can be restored (docs/domain.md#publicity-periods).");
        }

        return earliest.AddTo(decisionDate);
    }

    public static DateOnly EarliestForDesignation(CreditCatalog catalog, string listTypeCode, string department, DateTimeOffset effectiveFrom)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.ListTypes.TryGet(listTypeCode, out var list) || list.Kind != ListKind.Black)
        {
            throw DomainException.Conflict(Codes.NotOffered, "Only an entry on a black list is restored; a red list is an honour, not a penalty.");
        }

        if (catalog.Departments.TryGet(department, out var owner) && owner.Kind == DepartmentKind.Court)
        {
            throw DomainException.Conflict(Codes.NotOffered,
                "A court's listing is not restored through the single window: apply to the court for correction, or have performance recorded for automatic removal (ADR 0009 §6).");
        }

        var earliest = catalog.Categories.TryGet(list.Category, out var category)
            ? new[] { NegativeGrade.Serious, NegativeGrade.General, NegativeGrade.Minor }
                .Select(g => category.Publicity.Grades.TryGetValue(g, out var p) && p.Published ? p.EarliestRestoration : null)
                .FirstOrDefault(d => d is not null)
            : null;
        if (earliest is not { } duration)
        {
            throw DomainException.Conflict(Codes.NotOffered, $"The catalog sets no minimum publicity for the list's category '{list.Category}'.");
        }

        return duration.AddTo(ChinaTime.DateOf(effectiveFrom));
    }

    /// <summary>Refuses before the first possible day with the date in the problem (422 <c>restoration-too-early</c>).</summary>
    public static void RequireReached(DateOnly earliest, DateOnly today)
    {
        if (today < earliest)
        {
            var day = earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var message = $"The minimum publicity period has not passed: restoration can be applied for from {day} (docs/domain.md#publicity-periods).";
            throw new DomainException(ErrorKind.Invalid, Codes.TooEarly, message, [new FieldError(RestorationJson.Target, Codes.TooEarly, message)])
            {
                Extensions = new Dictionary<string, object?> { ["earliestDate"] = day },
            };
        }
    }
}
