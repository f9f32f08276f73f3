using System.Text.Json;
using PublicCredit.Errors;

namespace PublicCredit.Text;

/// <summary>The stable codes one kind of request reports about the shape of its JSON body, and the page that documents it.</summary>
public sealed record JsonBodyCodes(string NotAnObject, string NestedNotAnObject, string FieldUnknown, string FieldTypeInvalid, string Docs);

/// <summary>
/// The members of a JSON object body, each allowed name at most once. Bad input is a field error, never an exception
/// (docs/api.md: 422 naming the field): a body or nested member that is not an object, a member name that is not valid
/// UTF-8, a name the request does not know or one given twice.
/// </summary>
public static class JsonMembers
{
    /// <param name="prefix">"" for the body, or the nested member's path with a dot (<c>target.</c>).</param>
    /// <returns>The members by name, or null when <paramref name="element"/> is not an object.</returns>
    public static Dictionary<string, JsonElement>? Read(
        JsonElement element, string prefix, List<FieldError> errors, JsonBodyCodes codes, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(codes);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(prefix.Length == 0
                ? new FieldError("", codes.NotAnObject, "The body is a JSON object.")
                : new FieldError(prefix.TrimEnd('.'), codes.NestedNotAnObject, $"'{prefix.TrimEnd('.')}' is an object."));
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new FieldError(prefix + "?", codes.FieldTypeInvalid, "A member name is not valid UTF-8 text."));
                continue;
            }

            if (!allowed.Contains(name, StringComparer.Ordinal) || !members.TryAdd(name, property.Value))
            {
                var shown = name.Length <= 64 ? name : name[..61] + "…";
                errors.Add(new FieldError(prefix + shown, codes.FieldUnknown,
                    $"'{prefix}{shown}' is not a field of this request, or is given twice ({codes.Docs})."));
            }
        }

        return members;
    }
}
