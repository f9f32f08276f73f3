using PublicCredit.Errors;

namespace PublicCredit.Catalog;

/// <summary>The stable problem codes of the credit catalog (docs/catalog.md): the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("catalog")]
public static class CatalogProblemCodes
{
    [Problem(422, "Catalog invalid.")]
    public const string Invalid = "catalog-invalid";
}
