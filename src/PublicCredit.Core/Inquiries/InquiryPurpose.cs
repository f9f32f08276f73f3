using PublicCredit.Access;
using PublicCredit.Errors;

namespace PublicCredit.Inquiries;

/// <summary>
/// Why a caller reads a subject's non-public data (docs/domain.md#personal-information: each query is registered with who, when and its purpose;
/// docs/design.md#7-privacy-by-default). Staff must say why, in free text of at most <see cref="MaxLength"/> characters; a subject reading
/// its own data needs no reason and is recorded as <see cref="SelfService"/>.
/// </summary>
public static class InquiryPurpose
{
    public const string Field = "purpose";
    public const int MaxLength = 200;
    public const string SelfService = "self-service";

    public const string RequiredCode = InquiryProblemCodes.PurposeRequired;
    public const string TooLongCode = InquiryProblemCodes.PurposeTooLong;
    public const string InvalidCode = InquiryProblemCodes.PurposeInvalid;

    /// <summary>The purpose to record for <paramref name="caller"/>'s read, or the coded refusal (422).</summary>
    public static string Require(Caller caller, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.SubjectId is not null)
        {
            return SelfService;
        }

        var text = purpose?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw DomainException.Invalid(Field, RequiredCode,
                "Reading a subject's non-public data is an inquiry: say why with ?purpose= (it is logged and shown to the subject).");
        }

        if (text.Length > MaxLength)
        {
            throw DomainException.Invalid(Field, TooLongCode, $"A purpose has at most {MaxLength} characters.");
        }

        if (text.Any(char.IsControl))
        {
            throw DomainException.Invalid(Field, InvalidCode, "A purpose is one line of text without control characters.");
        }

        return text;
    }
}
