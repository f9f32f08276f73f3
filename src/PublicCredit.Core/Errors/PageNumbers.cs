using System.Globalization;

namespace PublicCredit.Errors;

/// <summary>The <c>?page=</c> of a paginated list (docs/api.md): counted from 1, absent means 1.</summary>
public static class PageNumbers
{
    public const string Field = "page";

    public const string Invalid = CommonProblemCodes.PageInvalid;

    /// <summary>The page number, or 422 <c>page-invalid</c> on <c>page</c> for anything but a whole number from 1 to
    /// <paramref name="max"/> (deep pages are bounded so OFFSET stays cheap).</summary>
    public static int Parse(string? page, int max)
    {
        if (string.IsNullOrWhiteSpace(page))
        {
            return 1;
        }

        return int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw DomainException.Invalid(Field, Invalid, $"page is a whole number from 1 to {max}.");
    }
}
