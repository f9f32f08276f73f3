using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PublicCredit.Identifiers;

/// <summary>
/// Masks every resident ID number in text handed to staff in bulk (the ledger, the changes feed): a run of 17 digits and
/// a check character, standing alone, that passes GB 11643 becomes its masked form (<c>3604**********0071</c>, docs/domain.md#identifiers,
/// docs/design.md#7-privacy-by-default). A USCC is not personal information and is left whole; so is anything that fails the check.
/// The numbers found are collected so that the read can be logged as an inquiry about each of them (docs/domain.md#personal-information).
/// </summary>
public static partial class ResidentIdMasking
{
    // Birth dates are not judged against a "today" here: a number stored once was valid when it was stored, and
    // masking too much is harmless while masking too little is not.
    private static readonly DateOnly AnyDay = DateOnly.MaxValue;

    [GeneratedRegex("(?<![0-9A-Za-z])[1-8][0-9]{16}[0-9Xx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    /// <summary><paramref name="text"/> with each resident ID masked; the full numbers found are added to <paramref name="found"/>.</summary>
    public static string Mask(string text, ISet<string>? found = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 18)
        {
            return text;
        }

        return Candidate().Replace(text, m =>
        {
            if (!ResidentId.TryParse(m.Value, AnyDay, out var id))
            {
                return m.Value;
            }

            found?.Add(id.Value);
            return id.Masked;
        });
    }

    /// <summary>Masks every string value (and property name) of a JSON document in place; returns the same node.</summary>
    public static JsonNode? Mask(JsonNode? node, ISet<string>? found = null)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    var masked = Mask(value, found);
                    var maskedName = Mask(name, found);
                    if (!string.Equals(maskedName, name, StringComparison.Ordinal))
                    {
                        obj.Remove(name);
                        obj[maskedName] = masked;
                    }
                    else if (!ReferenceEquals(masked, value))
                    {
                        obj[name] = masked;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var value = array[i];
                    var masked = Mask(value, found);
                    if (!ReferenceEquals(masked, value))
                    {
                        array[i] = masked;
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var maskedText = Mask(text, found);
                return string.Equals(maskedText, text, StringComparison.Ordinal) ? value : JsonValue.Create(maskedText);
            default:
                return node;
        }
    }
}
