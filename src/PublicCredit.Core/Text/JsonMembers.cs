using System.Text.Json;
using PublicCredit.Errors;

namespace PublicCredit.Text;

/// <summary>
/// The stable codes one kind of request reports about the shape of its JSON body, and the page that documents it.
/// <paramref name="FieldDuplicate"/> is the code for a member given twice (null: reported as <paramref name="FieldUnknown"/>);
/// <paramref name="NotText"/> the code for a name or string that is not valid text (null: <paramref name="FieldTypeInvalid"/>).
/// </summary>
public sealed record JsonBodyCodes(
    string NotAnObject, string NestedNotAnObject, string FieldUnknown, string FieldTypeInvalid, string Docs,
    string? FieldDuplicate = null, string? NotText = null);

/// <summary>
/// Reads JSON bodies without throwing, for every capability (records, designations, objections, restorations, checks):
/// the members of an object, each allowed name at most once, and string members. Bad input is a field error, never an
/// exception (docs/api.md#errors: 422 naming the field): a body or nested member that is not an object, a member name
/// or a string that is not valid UTF-8 (or holds a lone surrogate escape, which <see cref="JsonElement.GetString"/>
/// throws on), a name the request does not know or one given twice, a value of the wrong JSON kind.
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
            var field = prefix.TrimEnd('.');
            errors.Add(prefix.Length == 0
                ? new FieldError("", codes.NotAnObject, $"The body is a JSON object; got {Describe(element.ValueKind)}.")
                : new FieldError(field, codes.NestedNotAnObject, $"'{field}' is an object; got {Describe(element.ValueKind)}."));
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (Name(property, prefix, errors, codes) is not { } name)
            {
                continue;
            }

            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError(prefix + Shorten(name), codes.FieldUnknown, codes.FieldDuplicate is null
                    ? $"'{prefix}{Shorten(name)}' is not a field of this request, or is given twice ({codes.Docs})."
                    : $"'{prefix}{Shorten(name)}' is not a field of this request ({codes.Docs})."));
            }
            else if (!members.TryAdd(name, property.Value))
            {
                errors.Add(codes.FieldDuplicate is { } duplicate
                    ? new FieldError(prefix + name, duplicate, $"'{prefix}{name}' is given more than once.")
                    : new FieldError(prefix + name, codes.FieldUnknown, $"'{prefix}{name}' is not a field of this request, or is given twice ({codes.Docs})."));
            }
        }

        return members;
    }

    /// <summary>A member's name; null (with an error at <c>prefix?</c>) when it is not valid UTF-8 text.</summary>
    public static string? Name(JsonProperty property, string prefix, List<FieldError> errors, JsonBodyCodes codes)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(codes);
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new FieldError(prefix + "?", codes.NotText ?? codes.FieldTypeInvalid, "A member name is not valid UTF-8 text."));
            return null;
        }
    }

    /// <summary>The string member <paramref name="name"/> of <paramref name="members"/>, reported as <paramref name="field"/>; null when absent (<see cref="Text(JsonElement, string, List{FieldError}, JsonBodyCodes)"/>).</summary>
    public static string? Text(
        Dictionary<string, JsonElement> members, string name, string field, List<FieldError> errors, JsonBodyCodes codes)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.TryGetValue(name, out var value) ? Text(value, field, errors, codes) : null;
    }

    /// <summary>A JSON string's text; null for JSON null; any other kind, or text that is not valid UTF-8, is a field error.</summary>
    public static string? Text(JsonElement value, string field, List<FieldError> errors, JsonBodyCodes codes)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(codes);
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                try
                {
                    return value.GetString();
                }
                catch (InvalidOperationException)
                {
                    errors.Add(new FieldError(field, codes.NotText ?? codes.FieldTypeInvalid,
                        $"'{field}' is not valid text: broken UTF-8 or a lone UTF-16 surrogate."));
                    return null;
                }

            default:
                errors.Add(new FieldError(field, codes.FieldTypeInvalid, $"'{field}' must be a string; got {Describe(value.ValueKind)}."));
                return null;
        }
    }

    /// <summary>How a message names a JSON value's kind: "an object", "a number", ….</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Echoes at most 64 characters of a value in a message, so a huge input never floods a response or a log.</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "…");
    }
}
