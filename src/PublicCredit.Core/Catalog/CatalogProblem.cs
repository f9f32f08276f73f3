using System.Globalization;
using PublicCredit.Errors;

namespace PublicCredit.Catalog;

/// <summary>
/// One reason a catalog does not load: the file (relative to the catalog folder), the 1-based line, a stable
/// kebab-case code (table in docs/catalog.md) and a message for the catalog's author.
/// </summary>
public sealed record CatalogProblem(string File, int Line, string Code, string Message)
{
    /// <summary><c>file:line: code: message</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: {Code}: {Message}");
}

/// <summary>Either a valid catalog or the problems that stop it from loading — never both.</summary>
public sealed class CatalogLoadResult
{
    private CatalogLoadResult(CreditCatalog? catalog, IReadOnlyList<CatalogProblem> problems)
    {
        Catalog = catalog;
        Problems = problems;
    }

    public CreditCatalog? Catalog { get; }

    /// <summary>Sorted by file, then line.</summary>
    public IReadOnlyList<CatalogProblem> Problems { get; }

    public bool IsValid => Catalog is not null;

    /// <summary>The catalog, or a <see cref="DomainException"/> <c>catalog-invalid</c> listing every problem.</summary>
    public CreditCatalog GetCatalogOrThrow() =>
        Catalog ?? throw new DomainException(
            ErrorKind.Invalid,
            CatalogProblemCodes.Invalid,
            string.Create(CultureInfo.InvariantCulture, $"The catalog has {Problems.Count} problem(s); first: {Problems[0]}"),
            [.. Problems.Select(p => new FieldError(
                string.Create(CultureInfo.InvariantCulture, $"{p.File}:{p.Line}"), p.Code, p.Message))]);

    internal static CatalogLoadResult Valid(CreditCatalog catalog) => new(catalog, []);

    internal static CatalogLoadResult Invalid(IReadOnlyList<CatalogProblem> problems) => new(null, problems);
}
