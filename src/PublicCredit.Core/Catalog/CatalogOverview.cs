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
    IReadOnlyList<CodeAndName> Departments,
    IReadOnlyList<CodeAndName> Matters,
    IReadOnlyList<ListTypeOverview> ListTypes,
    IReadOnlyList<MeasureOverview> Measures,
    IReadOnlyList<MemorandumOverview> Memoranda)
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
                c.Code, c.Name, c.Parent, c.NationalItem, c.Polarity.Code(), [.. c.LegalBasis.Select(b => b.ToString())]))],
            [.. catalog.Departments.Select(d => new CodeAndName(d.Code, d.Name))],
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
                [.. l.LegalBasis.Select(b => b.ToString())]))],
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
                m.Code, m.Name, m.Departments, m.ListTypes, m.Measures, m.Document.Number))]);
    }
}

public sealed record CodeAndName(string Code, LocalizedText Name);

public sealed record CategoryOverview(
    string Code,
    LocalizedText Name,
    string? Parent,
    int NationalItem,
    string Polarity,
    IReadOnlyList<string> LegalBasis);

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
    IReadOnlyList<string> LegalBasis);

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
