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

[PublicCredit.Errors.ProblemCatalogue("objections")]
public static class ObjectionProblemCodes
{
    [Problem(422, "The body is not a JSON object.")]
    public const string NotAnObject = "objection-body-not-an-object";
    [Problem(422, "The body has a member the objection does not know.")]
    public const string FieldUnknown = "objection-field-unknown";
    [Problem(422, "'…' must be a string.")]
    public const string FieldTypeInvalid = "objection-field-type-invalid";
    [Problem(422, "target names exactly one of designationId and recordId: {'designationId':'…'} or {'recordId':'…'}.")]
    public const string TargetInvalid = "objection-target-invalid";
    [Problem(422, "An objection states its grounds: what is wrong with the record or designation.")]
    public const string GroundsMissing = "objection-grounds-missing";
    [Problem(422, "outcome is 'upheld' (the objection is right) or 'rejected'.")]
    public const string OutcomeInvalid = "objection-outcome-invalid";
    [Problem(422, "A resolution states its reasons, which the subject is told.")]
    public const string ReasonsMissing = "objection-reasons-missing";
    [Problem(422, "status is open, upheld or rejected.")]
    public const string StatusInvalid = "objection-status-invalid";
    [Problem(404, "There is no objection ….")]
    public const string NotFound = "objection-not-found";
    [Problem(409, "An objection against this designation is already under review.")]
    public const string AlreadyOpen = "objection-already-open";
    [Problem(409, "The objection was already resolved: ….")]
    public const string AlreadyResolved = "objection-already-resolved";
    [Problem(409, "The objection already suspends its target.")]
    public const string AlreadySuspended = "objection-already-suspended";
    [Problem(409, "The designation no longer reaches you: an earlier objection of yours was upheld.")]
    public const string ReachEnded = "objection-reach-ended";
    [Problem(429, "The recorders of department … have filed … objections in the last hour; try again later.")]
    public const string RateLimited = "objection-rate-limited";
    [Problem(409, "An objection against this record was upheld: it is withdrawn for good; record the corrected decision as a new record.")]
    public const string RecordWithdrawn = "record-withdrawn-by-objection";
    [Problem(409, "An objection against this record is under review: resolve it (POST /api/v1/objections/{id}/resolve) before correcting.")]
    public const string RecordObjectionOpen = "record-objection-open";

    [Problem(422, "Objection field too long.")]
    public const string FieldTooLong = "objection-field-too-long";
    [Problem(422, "Objection field character invalid.")]
    public const string FieldCharacterInvalid = "objection-field-character-invalid";
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

    private static string? Text(Dictionary<string, JsonElement> members, string name, string field, List<FieldError> errors) =>
        JsonMembers.Text(members, name, field, errors, BodyCodes);
}
