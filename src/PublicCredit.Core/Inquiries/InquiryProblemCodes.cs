using PublicCredit.Errors;

namespace PublicCredit.Inquiries;

/// <summary>The stable problem codes of inquiry purposes (docs/subjects.md): the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("inquiries")]
public static class InquiryProblemCodes
{
    [Problem(422, "Reading a subject's non-public data is an inquiry: say why with ?purpose= (it is logged and shown to the subject).")]
    public const string PurposeRequired = "purpose-required";
    [Problem(422, "A purpose has at most … characters.")]
    public const string PurposeTooLong = "purpose-too-long";
    [Problem(422, "A purpose is one line of text without control characters.")]
    public const string PurposeInvalid = "purpose-invalid";
}
