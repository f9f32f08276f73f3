using PublicCredit.Errors;

namespace PublicCredit.Checks;

/// <summary>The stable problem codes of checks and feedback (docs/checks.md).</summary>
[PublicCredit.Errors.ProblemCatalogue("checks")]
public static class CheckProblemCodes
{
    [Problem(422, "The body is a JSON object {measure, applied, note?}.")]
    public const string BodyInvalid = "check-body-invalid";
    [Problem(422, "'…' is not valid text: broken UTF-8 or a lone UTF-16 surrogate.")]
    public const string FieldNotText = "check-field-not-text";
    [Problem(422, "'…' is not a matter of the catalog (GET /api/v1/catalog lists them).", Field = "matter")]
    public const string UnknownMatter = "check-unknown-matter";
    [Problem(422, "asOf is an ISO-8601 instant with an offset (2027-01-01T09:00:00+08:00) or a date (2027-01-01, 00:00 China time).", Field = "asOf")]
    public const string AsOfInvalid = "check-as-of-invalid";
    [Problem(422, "A batch is a JSON object {\"items\": [{subject, matter, asOf?}, …]}.")]
    public const string BatchInvalid = "checks-batch-invalid";
    [Problem(422, "A batch holds at least one check.", Field = "items")]
    public const string BatchEmpty = "checks-batch-empty";
    [Problem(422, "A batch holds at most … checks; this one has …. Split it.", Field = "items")]
    public const string BatchTooLarge = "checks-batch-too-large";
    [Problem(404, "There is no check ….")]
    public const string NotFound = "check-not-found";
    [Problem(422, "The check did not return '…'; feedback is about a measure the check returned.", Field = "measure")]
    public const string MeasureNotReturned = "feedback-measure-not-returned";
    [Problem(422, "'applied' is true or false.", Field = "applied")]
    public const string AppliedMissing = "feedback-applied-missing";
    [Problem(422, "The note is at most … characters.", Field = "note")]
    public const string NoteTooLong = "feedback-note-too-long";
    [Problem(409, "Feedback on '…' for this check is already on file.")]
    public const string FeedbackGiven = "feedback-already-given";
}
