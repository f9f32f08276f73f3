using System.Text.Json;
using PublicCredit.Errors;
using PublicCredit.Text;

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
                $"A record is a JSON object; got {JsonMembers.Describe(element.ValueKind)}."));
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
                if (JsonMembers.Name(property, prefix, Errors, BodyCodes) is not { } name)
                {
                    continue;
                }

                var field = FieldOf(prefix, name, allowReason);
                if (field is null)
                {
                    Errors.Add(new FieldError(prefix + JsonMembers.Shorten(name), RecordProblemCodes.FieldUnknown,
                        $"'{prefix}{JsonMembers.Shorten(name)}' is not a field of a record (docs/api.md#record-shape)."));
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
                            $"'subject' is an object {{id, name}}; got {JsonMembers.Describe(property.Value.ValueKind)}."));
                    }

                    continue;
                }

                ReadValue(field, property.Value);
            }
        }

        private void ReadValue(string field, JsonElement value)
        {
            if (field == RecordFields.Amount && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
            {
                if (value.ValueKind == JsonValueKind.Number)
                {
                    Values[field] = value.GetRawText();
                }
                else
                {
                    Errors.Add(new FieldError(field, RecordProblemCodes.AmountInvalid, $"'{field}' must be a number; got {JsonMembers.Describe(value.ValueKind)}."));
                }

                return;
            }

            var errors = Errors.Count;
            var text = JsonMembers.Text(value, field, Errors, BodyCodes);
            if (Errors.Count == errors)
            {
                Values[field] = text;
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

    /// <summary>The record codes for <see cref="JsonMembers"/> (only the text and type codes are used: a record's members are read by <c>Reader</c>, which maps the import formats' flat names).</summary>
    private static readonly JsonBodyCodes BodyCodes = new(
        RecordProblemCodes.NotAnObject, RecordProblemCodes.FieldTypeInvalid, RecordProblemCodes.FieldUnknown, RecordProblemCodes.FieldTypeInvalid,
        "docs/api.md#record-shape", RecordProblemCodes.FieldDuplicate, RecordProblemCodes.FieldCharacterInvalid);
}
