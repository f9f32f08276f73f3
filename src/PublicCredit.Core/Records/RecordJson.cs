using System.Text.Json;
using PublicCredit.Errors;

namespace PublicCredit.Records;

/// <summary>
/// Reads one record from JSON (an API body, a batch item, an NDJSON line) into <see cref="RecordInput"/> without
/// throwing: every problem becomes a field error, so one bad field never hides the others and one bad batch item
/// never fails its neighbours. Accepts the nested <c>subject: {id, name, kind}</c> of docs/api.md and the flattened
/// <c>subjectId</c>/<c>subjectName</c>/<c>subjectKind</c> of the import formats.
/// </summary>
/// <remarks>
/// Unknown members are refused (<c>record-field-unknown</c>) rather than ignored, as the catalog refuses unknown
/// keys: a misspelt <c>publicUntl</c> must not silently give a record the default publicity period.
/// Text that is not valid UTF-8 or holds a lone surrogate is refused here (<c>record-field-character-invalid</c>);
/// <see cref="JsonElement.GetString"/> would otherwise throw on it.
/// </remarks>
public static class RecordJson
{
    /// <summary>Reads a record; with <paramref name="allowReason"/> also the <c>reason</c> of a correction.</summary>
    public static (RecordInput Input, string? Reason) Read(JsonElement element, bool allowReason = false)
    {
        var reader = new Reader();
        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Errors.Add(new FieldError("", RecordProblemCodes.NotAnObject,
                $"A record is a JSON object; got {Describe(element.ValueKind)}."));
            return (new RecordInput { ReadErrors = reader.Errors }, null);
        }

        reader.ReadObject(element, prefix: "", allowReason);
        var v = reader.Values;
        var input = new RecordInput
        {
            Category = v.GetValueOrDefault(RecordFields.Category),
            SubjectId = v.GetValueOrDefault(RecordFields.SubjectId),
            SubjectName = v.GetValueOrDefault(RecordFields.SubjectName),
            SubjectKind = v.GetValueOrDefault(RecordFields.SubjectKind),
            DocumentNumber = v.GetValueOrDefault(RecordFields.DocumentNumber),
            DecisionDate = v.GetValueOrDefault(RecordFields.DecisionDate),
            Severity = v.GetValueOrDefault(RecordFields.Severity),
            LegalBasis = v.GetValueOrDefault(RecordFields.LegalBasis),
            Facts = v.GetValueOrDefault(RecordFields.Facts),
            Content = v.GetValueOrDefault(RecordFields.Content),
            Amount = v.GetValueOrDefault(RecordFields.Amount),
            LegalRepresentative = v.GetValueOrDefault(RecordFields.LegalRepresentative),
            PublicUntil = v.GetValueOrDefault(RecordFields.PublicUntil),
            ReadErrors = reader.Errors,
        };
        return (input, v.GetValueOrDefault(RecordFields.Reason));
    }

    private sealed class Reader
    {
        public List<FieldError> Errors { get; } = [];

        public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public void ReadObject(JsonElement element, string prefix, bool allowReason)
        {
            foreach (var property in element.EnumerateObject())
            {
                string name;
                try
                {
                    name = property.Name;
                }
                catch (InvalidOperationException)
                {
                    Errors.Add(new FieldError(prefix + "?", RecordProblemCodes.FieldCharacterInvalid,
                        "A member name is not valid UTF-8 text."));
                    continue;
                }

                var field = FieldOf(prefix, name, allowReason);
                if (field is null)
                {
                    Errors.Add(new FieldError(prefix + Shorten(name), RecordProblemCodes.FieldUnknown,
                        $"'{prefix}{Shorten(name)}' is not a field of a record (docs/api.md#record-shape)."));
                    continue;
                }

                if (!seen.Add(field))
                {
                    Errors.Add(new FieldError(field, RecordProblemCodes.FieldDuplicate,
                        $"'{field}' is given more than once."));
                    continue;
                }

                if (field == "subject")
                {
                    if (property.Value.ValueKind == JsonValueKind.Object)
                    {
                        ReadObject(property.Value, "subject.", allowReason: false);
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        Errors.Add(new FieldError("subject", RecordProblemCodes.FieldTypeInvalid,
                            $"'subject' is an object {{id, name}}; got {Describe(property.Value.ValueKind)}."));
                    }

                    continue;
                }

                ReadValue(field, property.Value);
            }
        }

        private void ReadValue(string field, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    Values[field] = null;
                    return;
                case JsonValueKind.String:
                    try
                    {
                        Values[field] = value.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        Errors.Add(new FieldError(field, RecordProblemCodes.FieldCharacterInvalid,
                            $"'{field}' is not valid text: broken UTF-8 or a lone UTF-16 surrogate."));
                    }

                    return;
                case JsonValueKind.Number when field == RecordFields.Amount:
                    Values[field] = value.GetRawText();
                    return;
                default:
                    Errors.Add(new FieldError(field, field == RecordFields.Amount ? RecordProblemCodes.AmountInvalid : RecordProblemCodes.FieldTypeInvalid,
                        $"'{field}' must be {(field == RecordFields.Amount ? "a number" : "a string")}; got {Describe(value.ValueKind)}."));
                    return;
            }
        }

        private static string? FieldOf(string prefix, string name, bool allowReason)
        {
            if (prefix.Length > 0)
            {
                return name switch
                {
                    "id" => RecordFields.SubjectId,
                    "name" => RecordFields.SubjectName,
                    "kind" => RecordFields.SubjectKind,
                    _ => null,
                };
            }

            return name switch
            {
                "subject" => "subject",
                "subjectId" => RecordFields.SubjectId,
                "subjectName" => RecordFields.SubjectName,
                "subjectKind" => RecordFields.SubjectKind,
                RecordFields.Category or RecordFields.DocumentNumber or RecordFields.DecisionDate or RecordFields.Severity
                    or RecordFields.LegalBasis or RecordFields.Facts or RecordFields.Content or RecordFields.Amount
                    or RecordFields.LegalRepresentative or RecordFields.PublicUntil => name,
                RecordFields.Reason when allowReason => name,
                _ => null,
            };
        }
    }

    /// <summary>Echoes at most 64 characters of a value in a message, so a huge input never floods a response or a log.</summary>
    public static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "…");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
