using System.Globalization;
using PublicCredit.Errors;

namespace PublicCredit.Identifiers;

/// <summary>The stable kebab-case codes of <see cref="IdentifierProblem"/>; clients may rely on them.</summary>
[PublicCredit.Errors.ProblemCatalogue("identifiers")]
public static class IdentifierProblemCodes
{
    [Problem(422, "The identifier is empty.")]
    public const string Empty = "id-empty";
    [Problem(422, "The identifier has the wrong length (18 characters).")]
    public const string Length = "id-length";
    [Problem(422, "The identifier holds a character its standard does not allow at that position.")]
    public const string BadCharacter = "id-bad-character";
    [Problem(422, "The identifier's check character does not match (GB 32100 / GB 11643).")]
    public const string CheckCharacter = "id-check-character";
    [Problem(422, "The organisation code inside the USCC fails its own check (GB 11714).")]
    public const string OrganisationCodeCheck = "id-org-code-check";
    [Problem(422, "The administrative division code of the identifier is not valid.")]
    public const string Division = "id-division";
    [Problem(422, "The birth date inside the resident ID is not a date.")]
    public const string BirthDateInvalid = "id-birth-date-invalid";
    [Problem(422, "The birth date inside the resident ID is in the future.")]
    public const string BirthDateFuture = "id-birth-date-future";

    [Problem(422, "subject.id is neither a valid USCC (GB 32100) nor a resident ID number (GB 11643): …")]
    public const string SubjectIdInvalid = "subject-id-invalid";
}

/// <summary>
/// Why a text is not a valid identifier: a stable <see cref="Code"/> (see <see cref="IdentifierProblemCodes"/>)
/// and an English <see cref="Message"/> that says where and what was expected. Positions are 1-based, as in the standards.
/// </summary>
public sealed class IdentifierProblem : IEquatable<IdentifierProblem>
{
    /// <summary>The field name and error code docs/api.md fixes for an invalid subject identifier.</summary>
    public const string SubjectIdField = "subject.id";
    public const string SubjectIdInvalidCode = IdentifierProblemCodes.SubjectIdInvalid;

    private IdentifierProblem(string code, string message)
    {
        Code = code;
        Message = message;
    }

    public string Code { get; }

    public string Message { get; }

    /// <summary>The exception the throwing <c>Parse</c> methods raise: <c>subject-id-invalid</c> on <c>subject.id</c>,
    /// with this problem's code kept in the message so the precise reason is not lost.</summary>
    public DomainException ToException(string field = SubjectIdField) =>
        DomainException.Invalid(field, SubjectIdInvalidCode, ToString());

    /// <summary><c>code: message</c>, e.g. <c>id-length: expected 18 characters, got 17</c>.</summary>
    public override string ToString() => $"{Code}: {Message}";

    public bool Equals(IdentifierProblem? other) =>
        other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal)
        && string.Equals(Message, other.Message, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as IdentifierProblem);

    public override int GetHashCode() => HashCode.Combine(Code, Message);

    internal static IdentifierProblem Empty() =>
        new(IdentifierProblemCodes.Empty, "no identifier was given");

    internal static IdentifierProblem WrongLength(int expected, int actual) =>
        new(IdentifierProblemCodes.Length, Format($"expected {expected} characters, got {actual}"));

    internal static IdentifierProblem BadCharacter(int position, char found, string allowed) =>
        new(IdentifierProblemCodes.BadCharacter, Format($"position {position}: {Quote(found)} is not {allowed}"));

    internal static IdentifierProblem WrongCheckCharacter(char found, char expected) =>
        new(IdentifierProblemCodes.CheckCharacter,
            Format($"check character is {Quote(found)}, expected {Quote(expected)}"));

    internal static IdentifierProblem WrongOrganisationCodeCheck(char found, char expected) =>
        new(IdentifierProblemCodes.OrganisationCodeCheck,
            Format($"position 17 (GB 11714 organisation code check digit) is {Quote(found)}, expected {Quote(expected)}"));

    internal static IdentifierProblem WrongDivision(char firstDigit) =>
        new(IdentifierProblemCodes.Division,
            Format($"division code starts with {Quote(firstDigit)}; mainland division codes start with 1-8"));

    internal static IdentifierProblem InvalidBirthDate(string digits) =>
        new(IdentifierProblemCodes.BirthDateInvalid,
            Format($"birth date '{digits}' (positions 7-14, YYYYMMDD) is not a calendar date"));

    internal static IdentifierProblem FutureBirthDate(DateOnly birthDate, DateOnly today) =>
        new(IdentifierProblemCodes.BirthDateFuture,
            Format($"birth date {birthDate:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})"));

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Invisible characters are named by code point, other non-ASCII ones get it too, so the message shows what was there.
    private static string Quote(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : c > '\u007E'
                ? string.Create(CultureInfo.InvariantCulture, $"'{c}' (U+{(int)c:X4})")
                : string.Create(CultureInfo.InvariantCulture, $"'{c}'");
}
