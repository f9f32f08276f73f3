using PublicCredit.Text;

namespace PublicCredit.Restorations;

/// <summary>A restoration's free text (evidence, reasons) is read like every other, with the restoration's own codes.</summary>
internal static class RestorationText
{
    public static readonly FreeTextCodes Codes = new(RestorationProblemCodes.FieldTooLong, RestorationProblemCodes.FieldCharacterInvalid);
}
