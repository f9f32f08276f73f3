using PublicCredit.Errors;

namespace PublicCredit.Inquiries;

/// <summary>The stable problem codes of inquiry purposes and notes (docs/subjects.md): the capability's error catalogue (ADR 0040, ADR 0045).</summary>
[PublicCredit.Errors.ProblemCatalogue("inquiries")]
public static class InquiryProblemCodes
{
    [Problem(422, "Reading a subject's non-public data is an inquiry: say why with ?purpose= (one of …; it is logged and shown to the subject).", Field = "purpose")]
    public const string PurposeRequired = "purpose-required";
    [Problem(422, "The purpose is one of the catalog's purposes: …. Free text goes in ?note=.", Field = "purpose")]
    public const string PurposeUnknown = "purpose-unknown";
    [Problem(422, "A note has at most … characters.", Field = "note")]
    public const string NoteTooLong = "note-too-long";
    [Problem(422, "A note is one line of text without control characters.", Field = "note")]
    public const string NoteInvalid = "note-invalid";
}
