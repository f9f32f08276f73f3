using System.Text.Json;
using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Objections;

/// <summary>An objection as it arrives: the target's ids as text (exactly one of them), grounds and evidence.</summary>
public sealed record ObjectionInput(string? DesignationId, string? RecordId, string? Grounds, string? Evidence, IReadOnlyList<FieldError> ReadErrors);

public sealed record ResolutionInput(string? Outcome, string? Reasons, IReadOnlyList<FieldError> ReadErrors);

/// <summary>The JSON field names of objection requests (docs/api.md; docs/objections.md) and their stable problem codes.</summary>
public static class ObjectionFields
{
    public const string Target = "target";
    public const string DesignationId = "target.designationId";
    public const string RecordId = "target.recordId";
    public const string Grounds = "grounds";
    public const string Evidence = "evidence";
    public const string Outcome = "outcome";
    public const string Reasons = "reasons";
    public const string Status = "status";

    public const int MaxLongText = 10_000;
}

public static class ObjectionProblemCodes
{
    public const string NotAnObject = "objection-body-not-an-object";
    public const string FieldUnknown = "objection-field-unknown";
    public const string FieldTypeInvalid = "objection-field-type-invalid";
    public const string TargetInvalid = "objection-target-invalid";
    public const string GroundsMissing = "objection-grounds-missing";
    public const string OutcomeInvalid = "objection-outcome-invalid";
    public const string ReasonsMissing = "objection-reasons-missing";
    public const string StatusInvalid = "objection-status-invalid";
    public const string NotFound = "objection-not-found";
    public const string AlreadyOpen = "objection-already-open";
    public const string AlreadyResolved = "objection-already-resolved";
    public const string AlreadySuspended = "objection-already-suspended";
    public const string RateLimited = "objection-rate-limited";
    public const string RecordWithdrawn = "record-withdrawn-by-objection";
    public const string RecordObjectionOpen = "record-objection-open";
}

/// <summary>
/// Reads objection bodies without throwing (as <c>DesignationJson</c> does, ADR 0006 §8): an unknown member, a wrongly
/// typed field or undecodable text is a coded field error, so bad input is a 422 naming the field, never a 500.
/// </summary>
public static class ObjectionJson
{
    public static ObjectionInput ReadObjection(JsonElement root)
    {
        var errors = new List<FieldError>();
        var members = Members(root, "", errors, "target", ObjectionFields.Grounds, ObjectionFields.Evidence);
        if (members is null)
        {
            return new ObjectionInput(null, null, null, null, errors);
        }

        string? designationId = null, recordId = null;
        var targetGiven = members.TryGetValue(ObjectionFields.Target, out var target) && target.ValueKind != JsonValueKind.Null;
        if (targetGiven && Members(target, "target.", errors, "designationId", "recordId") is { } ids)
        {
            designationId = Text(ids, "designationId", ObjectionFields.DesignationId, errors);
            recordId = Text(ids, "recordId", ObjectionFields.RecordId, errors);
        }

        return new ObjectionInput(designationId, recordId,
            Text(members, ObjectionFields.Grounds, ObjectionFields.Grounds, errors),
            Text(members, ObjectionFields.Evidence, ObjectionFields.Evidence, errors), errors);
    }

    /// <summary>The body of <c>/suspend</c>: <c>{"reasons":"…"}</c>.</summary>
    public static (string? Reasons, IReadOnlyList<FieldError> Errors) ReadSuspension(JsonElement root)
    {
        var errors = new List<FieldError>();
        var members = Members(root, "", errors, ObjectionFields.Reasons);
        return (members is null ? null : Text(members, ObjectionFields.Reasons, ObjectionFields.Reasons, errors), errors);
    }

    public static ResolutionInput ReadResolution(JsonElement root)
    {
        var errors = new List<FieldError>();
        var members = Members(root, "", errors, ObjectionFields.Outcome, ObjectionFields.Reasons);
        return members is null
            ? new ResolutionInput(null, null, errors)
            : new ResolutionInput(
                Text(members, ObjectionFields.Outcome, ObjectionFields.Outcome, errors),
                Text(members, ObjectionFields.Reasons, ObjectionFields.Reasons, errors), errors);
    }

    private static readonly JsonBodyCodes BodyCodes = new(ObjectionProblemCodes.NotAnObject, ObjectionProblemCodes.FieldTypeInvalid, ObjectionProblemCodes.FieldUnknown, ObjectionProblemCodes.FieldTypeInvalid, "docs/objections.md");

    private static Dictionary<string, JsonElement>? Members(JsonElement element, string prefix, List<FieldError> errors, params string[] allowed) =>
        JsonMembers.Read(element, prefix, errors, BodyCodes, allowed);

    private static string? Text(Dictionary<string, JsonElement> members, string name, string field, List<FieldError> errors)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, ObjectionProblemCodes.FieldTypeInvalid, $"'{field}' must be a string."));
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(new FieldError(field, ObjectionProblemCodes.FieldTypeInvalid, $"'{field}' is not valid text: broken UTF-8 or a lone surrogate."));
            return null;
        }
    }
}
