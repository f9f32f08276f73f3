using System.Text.RegularExpressions;
using PublicCredit.Errors;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// Who runs this site and how the public reaches them (<c>serve --operator-name/-address/-telephone/-email</c>): shown
/// in every page's footer and on the privacy notice (docs/web.md#operator-contact). A name is required once any detail
/// is given; each detail is optional. <see cref="IsDemo"/> marks the invented values of <c>serve --demo</c>, and the
/// pages say they are not real.
/// </summary>
public sealed partial record OperatorContact(string Name, string? Address = null, string? Telephone = null, string? Email = null)
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int EmailMaxLength = 254;

    /// <summary>The demonstration values of <c>serve --demo</c>: an operator that does not exist, an example.org mailbox.</summary>
    public static OperatorContact Demo { get; } = new("示范运营单位（演示数据）", "示范市示范区示范路 1 号", "010-0000 0000", "operator@example.org")
    {
        IsDemo = true,
    };

    /// <summary>Invented values for a demonstration, not a real operator's.</summary>
    public bool IsDemo { get; init; }

    /// <summary>What is wrong with these details, each problem naming its <c>serve</c> option's field.</summary>
    public IEnumerable<FieldError> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > NameMaxLength || Name.Any(char.IsControl))
        {
            yield return new FieldError("operatorName", SettingProblemCodes.OperatorInvalid,
                $"the operator's name is 1 to {NameMaxLength} characters on one line (required with any contact detail)");
        }

        if (Address is not null && (string.IsNullOrWhiteSpace(Address) || Address.Trim().Length > AddressMaxLength || Address.Any(char.IsControl)))
        {
            yield return new FieldError("operatorAddress", SettingProblemCodes.OperatorInvalid, $"the operator's address is 1 to {AddressMaxLength} characters on one line");
        }

        if (Telephone is not null && !TelephoneShape().IsMatch(Telephone))
        {
            yield return new FieldError("operatorTelephone", SettingProblemCodes.OperatorInvalid,
                "the operator's telephone is 3 to 30 digits, spaces and + - ( ), starting with a digit, + or (");
        }

        if (Email is not null && (Email.Length > EmailMaxLength || !EmailShape().IsMatch(Email)))
        {
            yield return new FieldError("operatorEmail", SettingProblemCodes.OperatorEmailInvalid, $"'{Email}' is not an e-mail address (name@domain.tld)");
        }
    }

    /// <summary>The telephone as a <c>tel:</c> address: digits and a leading +.</summary>
    public string? TelephoneLink => Telephone is null ? null : "tel:" + string.Concat(Telephone.Where(c => char.IsAsciiDigit(c) || c == '+'));

    [GeneratedRegex(@"^[0-9+(][0-9+\-() ]{2,29}$")]
    private static partial Regex TelephoneShape();

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")]
    private static partial Regex EmailShape();
}
