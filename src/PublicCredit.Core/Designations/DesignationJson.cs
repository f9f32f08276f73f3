using System.Text.Json;
using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>One responsible person as sent: resident ID, name and role, all as text.</summary>
public sealed record ResponsiblePersonInput(string? Id, string? Name, string? Role);

/// <summary>A proposal as it arrives (docs/api.md#designations <c>POST /api/v1/designations</c>), every field as text.</summary>
public sealed record ProposalInput
{
    public string? ListType { get; init; }

    public string? SubjectId { get; init; }

    public string? SubjectName { get; init; }

    /// <summary>Optional <c>organisation</c> | <c>individual</c>, as for records (ADR 0002's blind spot).</summary>
    public string? SubjectKind { get; init; }

    public IReadOnlyList<ResponsiblePersonInput> ResponsiblePersons { get; init; } = [];

    public string? Facts { get; init; }

    public string? LegalBasis { get; init; }

    public string? NoticeDocument { get; init; }

    /// <summary>Null: every measure the memoranda apply to the list type.</summary>
    public IReadOnlyList<string?>? IntendedMeasures { get; init; }

    /// <summary>The records the designation rests on, as sent (record ids; docs/designations.md#basis-records).</summary>
    public IReadOnlyList<string?> BasisRecordIds { get; init; } = [];

    /// <summary>The list type's entry fields as sent, by code, in the order sent (docs/catalog.md#entry-fields).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> EntryFields { get; init; } = [];

    public IReadOnlyList<FieldError> ReadErrors { get; init; } = [];
}

public sealed record StatementInput(string? Statement, string? Evidence, IReadOnlyList<FieldError> ReadErrors);

public sealed record DecisionInput(
    string? DecisionDocument, string? Reasons, string? EffectiveFrom, string? Term, IReadOnlyList<FieldError> ReadErrors);

public sealed record RevocationInput(string? Reasons, string? RevocationDocument, IReadOnlyList<FieldError> ReadErrors);

/// <summary>The red list's department confirms an entry a conflict set aside (ADR 0042): its reasons.</summary>
public sealed record ConfirmationInput(string? Reasons, IReadOnlyList<FieldError> ReadErrors);

/// <summary>
/// Reads designation request bodies from JSON without throwing: a wrongly typed field, an unknown or duplicate
/// member, broken UTF-8 or a lone surrogate each become a coded field error (as <c>RecordJson</c> does for records,
/// ADR 0006 §8), so bad input is a 422 naming the field, never a 500. Unknown members are refused so that a
/// misspelt <c>efectiveFrom</c> cannot silently give a designation another start.
/// </summary>
public static class DesignationJson
{
    public static ProposalInput ReadProposal(JsonElement root)
    {
        var reader = new Reader();
        var members = reader.Object(root, "", DesignationFields.ListType, DesignationFields.Subject, DesignationFields.ResponsiblePersons,
            DesignationFields.Facts, DesignationFields.LegalBasis, DesignationFields.NoticeDocument, DesignationFields.IntendedMeasures,
            DesignationFields.BasisRecordIds, DesignationFields.EntryFields);
        if (members is null)
        {
            return new ProposalInput { ReadErrors = reader.Errors };
        }

        string? subjectId = null, subjectName = null, subjectKind = null;
        if (reader.Member(members, DesignationFields.Subject, JsonValueKind.Object, "an object {id, name}") is { } subject
            && reader.Object(subject, "subject.", "id", "name", "kind") is { } subjectMembers)
        {
            subjectId = reader.Text(subjectMembers, "id", DesignationFields.SubjectId);
            subjectName = reader.Text(subjectMembers, "name", DesignationFields.SubjectName);
            subjectKind = reader.Text(subjectMembers, "kind", DesignationFields.SubjectKind);
        }

        var persons = new List<ResponsiblePersonInput>();
        if (reader.Member(members, DesignationFields.ResponsiblePersons, JsonValueKind.Array, "an array of {id, name, role}") is { } array)
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"{DesignationFields.ResponsiblePersons}[{index++}]";
                if (reader.Object(item, path + ".", "id", "name", "role") is { } person)
                {
                    persons.Add(new ResponsiblePersonInput(
                        reader.Text(person, "id", path + ".id"), reader.Text(person, "name", path + ".name"), reader.Text(person, "role", path + ".role")));
                }
                else
                {
                    persons.Add(new ResponsiblePersonInput(null, null, null));
                }
            }
        }

        List<string?>? measures = null;
        if (reader.Member(members, DesignationFields.IntendedMeasures, JsonValueKind.Array, "an array of measure codes") is { } codes)
        {
            measures = [];
            var index = 0;
            foreach (var item in codes.EnumerateArray())
            {
                measures.Add(reader.Value(item, $"{DesignationFields.IntendedMeasures}[{index++}]"));
            }
        }

        var basis = new List<string?>();
        if (reader.Member(members, DesignationFields.BasisRecordIds, JsonValueKind.Array, "an array of record ids") is { } ids)
        {
            var index = 0;
            foreach (var item in ids.EnumerateArray())
            {
                basis.Add(reader.Value(item, $"{DesignationFields.BasisRecordIds}[{index++}]"));
            }
        }

        var entryFields = new List<KeyValuePair<string, string?>>();
        if (reader.Member(members, DesignationFields.EntryFields, JsonValueKind.Object, "an object {code: text}") is { } given)
        {
            foreach (var property in given.EnumerateObject())
            {
                var field = $"{DesignationFields.EntryFields}.{JsonMembers.Shorten(property.Name)}";
                if (entryFields.Exists(p => p.Key == property.Name))
                {
                    reader.Errors.Add(new FieldError(field, DesignationProblemCodes.FieldDuplicate, $"'{field}' is given more than once."));
                    continue;
                }

                entryFields.Add(new(property.Name, reader.Value(property.Value, field)));
            }
        }

        return new ProposalInput
        {
            ListType = reader.Text(members, DesignationFields.ListType, DesignationFields.ListType),
            SubjectId = subjectId,
            SubjectName = subjectName,
            SubjectKind = subjectKind,
            ResponsiblePersons = persons,
            Facts = reader.Text(members, DesignationFields.Facts, DesignationFields.Facts),
            LegalBasis = reader.Text(members, DesignationFields.LegalBasis, DesignationFields.LegalBasis),
            NoticeDocument = reader.Text(members, DesignationFields.NoticeDocument, DesignationFields.NoticeDocument),
            IntendedMeasures = measures,
            BasisRecordIds = basis,
            EntryFields = entryFields,
            ReadErrors = reader.Errors,
        };
    }

    public static StatementInput ReadStatement(JsonElement root)
    {
        var reader = new Reader();
        var members = reader.Object(root, "", DesignationFields.Statement, DesignationFields.Evidence);
        return members is null
            ? new StatementInput(null, null, reader.Errors)
            : new StatementInput(
                reader.Text(members, DesignationFields.Statement, DesignationFields.Statement),
                reader.Text(members, DesignationFields.Evidence, DesignationFields.Evidence),
                reader.Errors);
    }

    public static DecisionInput ReadDecision(JsonElement root)
    {
        var reader = new Reader();
        var members = reader.Object(root, "", DesignationFields.DecisionDocument, DesignationFields.Reasons,
            DesignationFields.EffectiveFrom, DesignationFields.Term);
        return members is null
            ? new DecisionInput(null, null, null, null, reader.Errors)
            : new DecisionInput(
                reader.Text(members, DesignationFields.DecisionDocument, DesignationFields.DecisionDocument),
                reader.Text(members, DesignationFields.Reasons, DesignationFields.Reasons),
                reader.Text(members, DesignationFields.EffectiveFrom, DesignationFields.EffectiveFrom),
                reader.Text(members, DesignationFields.Term, DesignationFields.Term),
                reader.Errors);
    }

    public static RevocationInput ReadRevocation(JsonElement root)
    {
        var reader = new Reader();
        var members = reader.Object(root, "", DesignationFields.Reasons, DesignationFields.RevocationDocument);
        return members is null
            ? new RevocationInput(null, null, reader.Errors)
            : new RevocationInput(
                reader.Text(members, DesignationFields.Reasons, DesignationFields.Reasons),
                reader.Text(members, DesignationFields.RevocationDocument, DesignationFields.RevocationDocument),
                reader.Errors);
    }

    public static ConfirmationInput ReadConfirmation(JsonElement root)
    {
        var reader = new Reader();
        var members = reader.Object(root, "", DesignationFields.Reasons);
        return members is null
            ? new ConfirmationInput(null, reader.Errors)
            : new ConfirmationInput(reader.Text(members, DesignationFields.Reasons, DesignationFields.Reasons), reader.Errors);
    }

    private static readonly JsonBodyCodes BodyCodes = new(
        DesignationProblemCodes.NotAnObject, DesignationProblemCodes.FieldTypeInvalid, DesignationProblemCodes.FieldUnknown,
        DesignationProblemCodes.FieldTypeInvalid, "docs/designations.md", DesignationProblemCodes.FieldDuplicate,
        DesignationProblemCodes.FieldCharacterInvalid);

    /// <summary>One body's reading (<see cref="JsonMembers"/> with the designation codes), collecting its errors.</summary>
    private sealed class Reader
    {
        public List<FieldError> Errors { get; } = [];

        /// <summary>The members of an object by name, or null (with an error) when it is not an object.</summary>
        public Dictionary<string, JsonElement>? Object(JsonElement element, string prefix, params string[] allowed) =>
            JsonMembers.Read(element, prefix, Errors, BodyCodes, allowed);

        /// <summary>A member of the expected JSON kind; null when absent or null, or (with an error) of another kind.</summary>
        public JsonElement? Member(Dictionary<string, JsonElement> members, string name, JsonValueKind kind, string expected)
        {
            if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != kind)
            {
                Errors.Add(new FieldError(name, DesignationProblemCodes.FieldTypeInvalid, $"'{name}' is {expected}; got {JsonMembers.Describe(value.ValueKind)}."));
                return null;
            }

            return value;
        }

        public string? Text(Dictionary<string, JsonElement> members, string name, string field) =>
            JsonMembers.Text(members, name, field, Errors, BodyCodes);

        public string? Value(JsonElement value, string field) => JsonMembers.Text(value, field, Errors, BodyCodes);
    }
}
