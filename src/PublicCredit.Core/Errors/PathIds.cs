using System.Globalization;

namespace PublicCredit.Errors;

/// <summary>Ids taken from a request path (docs/api.md: 404 for unknown ids).</summary>
public static class PathIds
{
    /// <summary>
    /// The id as a UUID; anything that is not one is simply not the thing asked for: 404 with its stable code. The message
    /// is built from the raw id only when refused.
    /// </summary>
    public static Guid Parse(string? id, string notFoundCode, Func<string, string> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Guid.TryParse(id, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw DomainException.NotFound(notFoundCode, message(id ?? ""));
    }
}
