using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublicCredit.Identifiers;

namespace PublicCredit.Core.Tests.Identifiers;

public class IdentifierTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    [InlineData(" 9135 0100\u3000m \t", "91350100M")]
    [InlineData("ＡＢＣ１２３ｘ", "ABC123X")]
    [InlineData("a-b", "A-B")] // hyphens are kept so validation can reject them
    [InlineData("１２\uFF0D３", "12-3")] // full-width hyphen-minus becomes '-'
    [InlineData("\u00A0x\u2003", "X")] // no-break space and em space are white space too
    [InlineData("中文", "中文")]
    public void Normalising_removes_spaces_narrows_full_width_and_upper_cases(string? input, string expected) =>
        Assert.Equal(expected, IdentifierText.Normalise(input));

    [Property(MaxTest = 1000)]
    public bool Normalising_twice_is_normalising_once(string? text) =>
        IdentifierText.Normalise(IdentifierText.Normalise(text)) == IdentifierText.Normalise(text);

    // Arbitrary strings rarely hit full-width forms or ideographic spaces; this mix does.
    [Property(MaxTest = 1000)]
    public Property Normalising_twice_is_normalising_once_for_identifier_like_text() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.OneOf(
                    Gen.Choose(0x21, 0x7E),
                    Gen.Choose(0xFF01, 0xFF5E),
                    Gen.Choose(0xFF5F, 0xFFEF),
                    Gen.Elements(0x20, 0x3000, 0x09, 0xA0, 0x2028, 0x131, 0x17F, 0x1C5, 0xDF)))
                .Select(codes => new string(codes.Select(c => (char)c).ToArray()))
                .ToArbitrary(),
            text =>
            {
                var once = IdentifierText.Normalise(text);
                Assert.Equal(once, IdentifierText.Normalise(once));
                Assert.DoesNotContain(once, char.IsWhiteSpace);
            });

    [Property(MaxTest = 300)]
    public Property A_valid_USCC_typed_with_spaces_full_width_or_lower_case_parses_to_the_same_value() =>
        Prop.ForAll(
            Generators.ValidUscc.SelectMany(code => Generators.Disguise(code).Select(typed => (code, typed)))
                .ToArbitrary(),
            pair =>
            {
                Assert.True(Uscc.TryParse(pair.typed, out var uscc, out var problem), problem?.ToString());
                Assert.Equal(Uscc.Parse(pair.code), uscc);
                Assert.Equal(pair.code, uscc.Value);
            });

    [Property(MaxTest = 300)]
    public Property A_valid_resident_ID_typed_with_spaces_full_width_or_lower_case_parses_to_the_same_value() =>
        Prop.ForAll(
            Generators.ValidResidentId.SelectMany(n => Generators.Disguise(n).Select(typed => (n, typed)))
                .ToArbitrary(),
            pair =>
            {
                Assert.True(ResidentId.TryParse(pair.typed, Reference.Today, out var id, out var problem), problem?.ToString());
                Assert.Equal(pair.n, id.Value);
                Assert.Equal(SubjectId.Parse(pair.n, Reference.Today), SubjectId.Parse(pair.typed, Reference.Today));
            });
}
