using PublicCredit.Text;

namespace PublicCredit.Catalog;

/// <summary>
/// The public view of the loaded catalog, shaped for <c>GET /api/v1/catalog</c> (docs/api.md#catalog-shape). Property names
/// serialise, camel-cased, to the contract's fixed JSON names; enum values are the contract's strings.
/// Fields beyond the contract (contentHash, title, legalBasis on categories and list types, …) are additions.
/// </summary>
public sealed record CatalogOverview(
    string Version,
    string DeclaredVersion,
    string ContentHash,
    LocalizedText Title,
    IReadOnlyList<CategoryOverview> Categories,
    IReadOnlyList<DepartmentOverview> Departments,
    IReadOnlyList<CodeAndName> Matters,
    IReadOnlyList<ListTypeOverview> ListTypes,
    IReadOnlyList<MeasureOverview> Measures,
    IReadOnlyList<MemorandumOverview> Memoranda,
    IReadOnlyList<CodeAndName> Purposes)
{
    public static CatalogOverview From(CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CatalogOverview(
            catalog.Version.ToString(),
            catalog.Version.Declared,
            catalog.Version.ContentHash,
            catalog.Title,
            [.. catalog.Categories.Select(c => new CategoryOverview(
                c.Code, c.Name, c.Parent, c.NationalItem, c.Polarity.Code(), [.. c.LegalBasis.Select(b => b.ToString())],
                [.. c.Subjects.Select(k => k.Code())], c.IndividualsPublic, c.Scope.Providers.Entries, SharingOverview.From(c.Scope)))],
            [.. catalog.Departments.Select(d => new DepartmentOverview(d.Code, d.Name, d.Kind.Code()))],
            [.. catalog.Matters.Select(m => new CodeAndName(m.Code, m.Name))],
            [.. catalog.ListTypes.Select(l => new ListTypeOverview(
                l.Code,
                l.Name,
                l.Kind.Code(),
                l.DesignatingDepartments,
                l.MaxTerm.ToString(),
                l.ObjectionWindow.Count,
                l.DefaultTerm.ToString(),
                l.MaxMeasureSeverity.Code(),
                [.. l.LegalBasis.Select(b => b.ToString())],
                l.Category,
                [.. l.SubjectKinds.Select(k => k.Code())],
                l.ReachesResponsiblePersons,
                new DesignationStandardOverview(
                    l.DesignationStandard.Document, l.DesignationStandard.Title, l.DesignationStandard.Published,
                    l.DesignationStandard.Effective, l.DesignationStandard.CommentPeriodDays),
                [.. l.TermLegalBasis.Select(b => b.ToString())],
                EndingOverview.From(catalog, l),
                l.Scope.Providers.Entries,
                SharingOverview.From(l.Scope),
                [.. l.EntryFields.Select(e => new EntryFieldOverview(e.Code, e.Name, e.Required, e.MaxLength, e.Public))],
                l.Escalation is { } x ? new EscalationOverview(x.After.ToString(), x.To) : null,
                l.Eligibility is { } e ? new EligibilityOverview(e.NoEffectiveBlack, e.NoSeriousNegativeWithin?.ToString(), e.ConflictReview.Count) : null))],
            [.. catalog.Measures.Select(m => new MeasureOverview(
                m.Code,
                m.Name,
                m.Kind.Code(),
                m.Binding.Code(),
                [.. m.LegalBasis.Select(b => b.ToString())],
                m.ImplementingDepartment,
                m.Matters,
                m.Severity.Code(),
                m.GreenChannel is not null))],
            [.. catalog.Memoranda.Select(m => new MemorandumOverview(
                m.Code, m.Name, m.Departments, m.ListTypes, m.Measures, m.Document.Number))],
            [.. catalog.Purposes.Select(p => new CodeAndName(p.Code, p.Name))]);
    }
}

public sealed record CodeAndName(string Code, LocalizedText Name);

/// <param name="Kind"><c>government</c>, <c>court</c> or <c>non-government</c>.</param>
public sealed record DepartmentOverview(string Code, LocalizedText Name, string Kind);

/// <param name="Subjects"><c>organisation</c>, <c>individual</c>: whom its records may concern.</param>
/// <param name="IndividualsPublic">Whether individuals' records of the category may be published.</param>
/// <param name="Providers">Department codes or kinds that may record it (docs/catalog.md#providers-and-sharing).</param>
/// <param name="Sharing">Who reads its records that are not public, and for which purposes.</param>
public sealed record CategoryOverview(
    string Code,
    LocalizedText Name,
    string? Parent,
    int NationalItem,
    string Polarity,
    IReadOnlyList<string> LegalBasis,
    IReadOnlyList<string> Subjects,
    bool IndividualsPublic,
    IReadOnlyList<string> Providers,
    IReadOnlyList<SharingOverview> Sharing);

/// <summary>A field each entry of the list states (docs/catalog.md#entry-fields): sent as <c>entryFields.&lt;code&gt;</c>.</summary>
public sealed record EntryFieldOverview(string Code, LocalizedText Name, bool Required, int MaxLength, bool Public);

/// <summary>One sharing rule: staff of these roles in these departments (codes or kinds) read non-public items for these purposes.</summary>
public sealed record SharingOverview(IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, IReadOnlyList<string> Purposes)
{
    public static IReadOnlyList<SharingOverview> From(Scope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return [.. scope.Sharing.Select(r => new SharingOverview([.. r.Roles.Select(role => role.Code())], r.Departments.Entries, r.Purposes))];
    }
}

/// <summary>The published standard a list is designated by (docs/domain.md#lists): document, title, dates, days open for comment.</summary>
public sealed record DesignationStandardOverview(string Document, string Title, DateOnly Published, DateOnly Effective, int CommentPeriodDays);

/// <summary>
/// How an entry of a list ends (docs/domain.md#lists): at the end of its term (<see cref="Term"/> unless the decision sets
/// another, at most <see cref="MaxTerm"/>); for a black list not designated by a court, earlier by restoration through the
/// single window (<see cref="Restoration"/> <c>single-window</c>, null otherwise); and, where the list says so, by
/// automatic removal once the obligation is performed or the cause corrected.
/// </summary>
public sealed record EndingOverview(string Term, string MaxTerm, string? Restoration, AutomaticRemovalOverview? AutomaticRemoval)
{
    public const string SingleWindow = "single-window";

    public static EndingOverview From(CreditCatalog catalog, ListType list)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(list);
        var restored = list.Kind == ListKind.Black && !list.DesignatingDepartments.Any(code =>
            catalog.Departments.TryGet(code, out var department) && department.Kind == DepartmentKind.Court);
        return new EndingOverview(
            list.DefaultTerm.ToString(),
            list.MaxTerm.ToString(),
            restored ? SingleWindow : null,
            list.AutomaticRemoval is { } removal ? new AutomaticRemovalOverview(removal.Trigger.Code(), removal.Within.Count) : null);
    }
}

/// <param name="Trigger"><c>obligation-performed</c> or <c>cause-corrected</c>.</param>
public sealed record AutomaticRemovalOverview(string Trigger, int WithinWorkingDays);

/// <param name="Kind"><c>black</c> or <c>red</c>.</param>
/// <param name="MaxTerm">ISO-8601 duration, e.g. <c>P3Y</c>.</param>
public sealed record ListTypeOverview(
    string Code,
    LocalizedText Name,
    string Kind,
    IReadOnlyList<string> DesignatingDepartments,
    string MaxTerm,
    int ObjectionWindowWorkingDays,
    string DefaultTerm,
    string MaxMeasureSeverity,
    IReadOnlyList<string> LegalBasis,
    string Category,
    IReadOnlyList<string> SubjectKinds,
    bool ReachesResponsiblePersons,
    DesignationStandardOverview DesignationStandard,
    IReadOnlyList<string> TermLegalBasis,
    EndingOverview Ending,
    IReadOnlyList<string> Providers,
    IReadOnlyList<SharingOverview> Sharing,
    IReadOnlyList<EntryFieldOverview> EntryFields,
    EscalationOverview? Escalation,
    EligibilityOverview? Eligibility);

/// <summary>
/// Whom a red list admits (docs/catalog.md; ADR 0042): no effective black entry; where <see cref="NoSeriousNegativeWithin"/>
/// (ISO-8601) is set, no serious negative record decided within it; and the working days the list's department has to
/// revoke or confirm an entry a black one suspended. Null on black lists.
/// </summary>
public sealed record EligibilityOverview(bool NoEffectiveBlack, string? NoSeriousNegativeWithin, int ConflictReviewWorkingDays);

/// <summary>An entry in force longer than <see cref="After"/> (ISO-8601) is suggested for list <see cref="To"/> (docs/catalog.md#escalation).</summary>
public sealed record EscalationOverview(string After, string To);

/// <param name="Kind"><c>disciplinary</c> or <c>incentive</c>.</param>
/// <param name="Binding"><c>mandatory</c> or <c>recommended</c>.</param>
/// <param name="LegalBasis">Citations such as <c>《中华人民共和国政府采购法》第二十二条</c>.</param>
public sealed record MeasureOverview(
    string Code,
    LocalizedText Name,
    string Kind,
    string Binding,
    IReadOnlyList<string> LegalBasis,
    string ImplementingDepartment,
    IReadOnlyList<string> Matters,
    string Severity,
    bool GreenChannel);

public sealed record MemorandumOverview(
    string Code,
    LocalizedText Name,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> ListTypes,
    IReadOnlyList<string> Measures,
    string Document);
