namespace PublicCredit.Checks;

/// <summary>The stable problem codes of checks and feedback (docs/checks.md).</summary>
public static class CheckProblemCodes
{
    public const string BodyInvalid = "check-body-invalid";
    public const string FieldNotText = "check-field-not-text";
    public const string UnknownMatter = "check-unknown-matter";
    public const string AsOfInvalid = "check-as-of-invalid";
    public const string NotFound = "check-not-found";
    public const string MeasureNotReturned = "feedback-measure-not-returned";
    public const string AppliedMissing = "feedback-applied-missing";
    public const string NoteTooLong = "feedback-note-too-long";
    public const string FeedbackGiven = "feedback-already-given";
}
