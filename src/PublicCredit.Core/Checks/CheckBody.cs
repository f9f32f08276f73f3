using System.Text.Json;
using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Checks;

/// <summary>The string members of a check or feedback body (<see cref="JsonMembers"/>): anything but a string or null is <c>check-field-not-text</c>.</summary>
internal static class CheckBody
{
    private static readonly JsonBodyCodes Codes = new(
        CheckProblemCodes.BodyInvalid, CheckProblemCodes.BodyInvalid, CheckProblemCodes.BodyInvalid, CheckProblemCodes.FieldNotText, "docs/checks.md");

    /// <summary>The member <paramref name="name"/> of <paramref name="body"/> (an object) as text; null when absent or null.</summary>
    public static string? Text(JsonElement body, string name, List<FieldError> errors) =>
        body.TryGetProperty(name, out var value) ? JsonMembers.Text(value, name, errors, Codes) : null;
}
