using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Records;

/// <summary>
/// Who may record a category (its <c>providers</c>, docs/catalog.md#providers-and-sharing): one check for every entry
/// path — the API's single record and batch, corrections, the import's rows and the console's form and upload.
/// </summary>
public static class CategoryProviders
{
    /// <summary>
    /// The refusal (<c>record-category-not-provided</c> on <c>category</c>) when <paramref name="categoryCode"/> is a
    /// category of the catalog that <paramref name="department"/> does not provide; null otherwise (an unknown category
    /// is the validator's to report).
    /// </summary>
    public static FieldError? Refusal(CreditCatalog catalog, string? department, string? categoryCode)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var code = categoryCode?.Trim();
        if (code is null || !catalog.Categories.TryGet(code, out var category) || catalog.Provides(department, category))
        {
            return null;
        }

        return new FieldError(RecordFields.Category, RecordProblemCodes.CategoryNotProvided,
            $"Category '{category.Code}' is recorded by {category.Scope.Providers} only; the caller acts for '{JsonMembers.Shorten(department ?? "no department")}' (docs/catalog.md#providers-and-sharing).");
    }

    /// <summary>Throws 403 <c>record-category-not-provided</c> for <see cref="Refusal"/>.</summary>
    public static void Require(CreditCatalog catalog, string? department, string? categoryCode)
    {
        if (Refusal(catalog, department, categoryCode) is { } refusal)
        {
            throw DomainException.Forbidden(refusal.Code, refusal.Message);
        }
    }
}
