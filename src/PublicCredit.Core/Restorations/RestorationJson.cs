using System.Globalization;
using System.Text.Json;
using PublicCredit.Errors;
using PublicCredit.Text;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

/// <summary>An application as it arrives (docs/api.md#restorations-and-removal <c>POST /api/v1/restorations</c>).</summary>
public sealed record RestorationInput(Guid? DesignationId, Guid? RecordId, bool? Commitment, string? Evidence, IReadOnlyList<FieldError> ReadErrors);

/// <summary>An accept (<c>accepted</c>) or decide (<c>granted</c>) step with its reasons.</summary>
public sealed record RestorationStepInput(bool? Outcome, string? Reasons, IReadOnlyList<FieldError> ReadErrors);

/// <summary>Performance of the obligation as the designating department records it.</summary>
public sealed record PerformanceInput(string? PerformanceDocument, string? PerformedOn, string? Evidence, IReadOnlyList<FieldError> ReadErrors);

/// <summary>
/// Reads restoration and performance bodies without throwing: every wrong member, type or id is a coded field error
/// (422), never a 500; unknown members are refused so that a misspelt <c>comitment</c> is not read as "no commitment".
/// </summary>
public static class RestorationJson
{
    public const string Target = "target";
    public const string DesignationId = "target.designationId";
    public const string RecordId = "target.recordId";
    public const string Commitment = "commitment";
    public const string Evidence = "evidence";
    public const string Reasons = "reasons";
    public const string PerformanceDocument = "performanceDocument";
    public const string PerformedOn = "performedOn";

    public static RestorationInput ReadApplication(JsonElement root)
    {
        var errors = new List<FieldError>();
        var members = Members(root, "", errors, Target, Commitment, Evidence);
        if (members is null)
        {
            return new RestorationInput(null, null, null, null, errors);
        }

        Guid? designation = null, record = null;
        if (!members.TryGetValue(Target, out var target) || target.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(Target, Codes.TargetInvalid, "target is {\"designationId\": …} or {\"recordId\": …}."));
        }
        else if (Members(target, "target.", errors, "designationId", "recordId") is { } ids)
        {
            designation = Id(ids, "designationId", DesignationId, errors);
            record = Id(ids, "recordId", RecordId, errors);
            if ((designation is null) == (record is null) && !errors.Exists(e => e.Field.StartsWith(Target, StringComparison.Ordinal)))
            {
                errors.Add(new FieldError(Target, Codes.TargetInvalid, "target names exactly one of designationId and recordId."));
            }
        }

        return new RestorationInput(designation, record, Boolean(members, Commitment, errors), Text(members, Evidence, errors), errors);
    }

    public static RestorationStepInput ReadStep(JsonElement root, string outcome)
    {
        var errors = new List<FieldError>();
        var members = Members(root, "", errors, outcome, Reasons);
        return members is null
            ? new RestorationStepInput(null, null, errors)
            : new RestorationStepInput(Boolean(members, outcome, errors), Text(members, Reasons, errors), errors);
    }

    public static PerformanceInput ReadPerformance(JsonElement root)
    {
        var errors = new List<FieldError>();
        var members = Members(root, "", errors, PerformanceDocument, PerformedOn, Evidence);
        return members is null
            ? new PerformanceInput(null, null, null, errors)
            : new PerformanceInput(Text(members, PerformanceDocument, errors), Text(members, PerformedOn, errors), Text(members, Evidence, errors), errors);
    }

    private static readonly JsonBodyCodes BodyCodes = new(Codes.BodyNotAnObject, Codes.TargetInvalid, Codes.FieldUnknown, Codes.FieldTypeInvalid, "docs/restorations.md");

    private static Dictionary<string, JsonElement>? Members(JsonElement element, string prefix, List<FieldError> errors, params string[] allowed) =>
        JsonMembers.Read(element, prefix, errors, BodyCodes, allowed);

    private static Guid? Id(Dictionary<string, JsonElement> members, string name, string field, List<FieldError> errors)
    {
        if (Text(members, name, errors, field) is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(new FieldError(field, Codes.TargetInvalid, $"{field} is a UUID."));
        return null;
    }

    private static bool? Boolean(Dictionary<string, JsonElement> members, string name, List<FieldError> errors)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new FieldError(name, Codes.FieldTypeInvalid, $"'{name}' is true or false."));
        return null;
    }

    private static string? Text(Dictionary<string, JsonElement> members, string name, List<FieldError> errors, string? field = null) =>
        JsonMembers.Text(members, name, field ?? name, errors, BodyCodes);
}
