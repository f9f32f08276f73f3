using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublicCredit.Errors;
using PublicCredit.Identifiers;

namespace PublicCredit.Core.Tests.Identifiers;

public class UsccTests
{
    // Published codes, each checked by hand with docs/domain.md#identifiers (Σ over positions 1–17 / 9–16):
    // 91350100M000100Y43: Σ31 = 1640 ≡ 28 → 31-28 = 3 → '3'; GB 11714 Σ = 139 ≡ 7 → 11-7 = 4 → '4' (position 17).
    // 914403001922038216: Σ31 = 831 ≡ 25 → 6 → '6'; GB 11714 Σ = 164 ≡ 10 → 1 → '1'.
    // 91110108551385082Q: Σ31 = 999 ≡ 7 → 24 → 'Q'; GB 11714 Σ = 185 ≡ 9 → 2 → '2'.
    // (911100001000235740, another code often quoted, fails both checks and is not used.)
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("914403001922038216")]
    [InlineData("91110108551385082Q")]
    public void A_published_USCC_is_accepted_and_keeps_its_text(string code)
    {
        Assert.True(Reference.IsValidUscc(code)); // the vector itself, independently of the code under test

        Assert.True(Uscc.TryParse(code, out var uscc, out var problem));
        Assert.Null(problem);
        Assert.Equal(code, uscc.Value);
        Assert.Equal(code, uscc.ToString());
    }

    [Fact]
    public void A_USCC_exposes_its_parts_by_GB_32100_position()
    {
        var uscc = Uscc.Parse("91350100M000100Y43");

        Assert.Equal('9', uscc.RegistrationAuthority);
        Assert.Equal('1', uscc.OrganisationType);
        Assert.Equal("350100", uscc.AdministrativeDivision);
        Assert.Equal("M000100Y4", uscc.OrganisationCode);
        Assert.Equal('3', uscc.CheckCharacter);
    }

    [Fact]
    public void A_USCC_with_a_wrong_check_character_is_rejected_with_the_expected_character()
    {
        Assert.False(Uscc.TryParse("91350100M000100Y4Y", out var uscc, out var problem));

        Assert.Null(uscc);
        Assert.Equal("id-check-character", problem.Code);
        Assert.Equal("check character is 'Y', expected '3'", problem.Message);
    }

    [Fact]
    public void A_USCC_whose_organisation_code_check_digit_is_wrong_is_rejected_even_with_a_matching_check_character()
    {
        // Position 17 changed from '4' to '5', position 18 recomputed so only GB 11714 can catch it.
        var first17 = "91350100M000100Y5";
        var code = first17 + Reference.UsccCheck(first17);

        Assert.False(Uscc.TryParse(code, out _, out var problem));

        Assert.Equal("id-org-code-check", problem.Code);
        Assert.Contains("position 17", problem.Message, StringComparison.Ordinal);
        Assert.Contains("is '5', expected '4'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M000100Y4", 17)]
    [InlineData("91350100M000100Y433", 19)]
    [InlineData("9135", 4)]
    public void A_USCC_of_the_wrong_length_is_rejected_with_the_length_found(string code, int length)
    {
        Assert.False(Uscc.TryParse(code, out _, out var problem));

        Assert.Equal("id-length", problem.Code);
        Assert.Equal($"expected 18 characters, got {length}", problem.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \u3000 ")]
    public void A_missing_USCC_is_rejected_as_empty(string? input)
    {
        Assert.False(Uscc.TryParse(input, out _, out var problem));

        Assert.Equal("id-empty", problem.Code);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void A_letter_outside_the_USCC_alphabet_is_rejected_with_its_position(char letter)
    {
        var code = "9135" + letter + "100M000100Y43";

        Assert.False(Uscc.TryParse(code, out _, out var problem));

        Assert.Equal("id-bad-character", problem.Code);
        Assert.Equal(
            $"position 5: '{letter}' is not in the USCC alphabet 0-9A-Z without I O Z S V", problem.Message);
    }

    [Fact]
    public void A_hyphen_is_not_removed_but_rejected_as_a_bad_character()
    {
        Assert.False(Uscc.TryParse("91350100-M000100Y43", out _, out var problem));

        // 19 characters with the hyphen: length is what is wrong first.
        Assert.Equal("id-length", problem.Code);

        Assert.False(Uscc.TryParse("91350100-000100Y43", out _, out problem));
        Assert.Equal("id-bad-character", problem.Code);
        Assert.StartsWith("position 9: '-'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_USCC_typed_in_full_width_lower_case_with_spaces_is_the_same_code()
    {
        var uscc = Uscc.Parse(" ９１３５ ０１００\u3000ｍ０００１００ｙ４３ ");

        Assert.Equal("91350100M000100Y43", uscc.Value);
        Assert.Equal(Uscc.Parse("91350100M000100Y43"), uscc);
    }

    [Fact]
    public void Parsing_an_invalid_USCC_throws_the_domain_error_for_subject_ids()
    {
        var error = Assert.Throws<DomainException>(() => Uscc.Parse("91350100M000100Y4Y"));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("subject-id-invalid", error.Code);
        var field = Assert.Single(error.Errors);
        Assert.Equal("subject.id", field.Field);
        Assert.Equal("id-check-character: check character is 'Y', expected '3'", field.Message);
    }

    [Fact]
    public void USCCs_with_the_same_text_are_equal_and_others_are_not()
    {
        var a = Uscc.Parse("91350100M000100Y43");
        var b = Uscc.Parse("91350100m000100y43");
        var c = Uscc.Parse("914403001922038216");

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals(null));
    }

    [Property]
    public Property The_check_helpers_agree_with_the_reference_for_any_prefix() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements(Reference.UsccAlphabet.ToCharArray()), 17).Select(c => new string(c)).ToArbitrary(),
            first17 =>
                Uscc.ComputeCheckCharacter(first17) == Reference.UsccCheck(first17)
                && Uscc.ComputeOrganisationCodeCheckCharacter(first17.AsSpan(8, 8)) == Reference.OrgCodeCheck(first17[8..16]));

    [Property]
    public Property A_generated_valid_USCC_is_accepted() =>
        Prop.ForAll(Generators.ValidUscc.ToArbitrary(), code => Uscc.TryParse(code, out var u) && u.Value == code);

    /// <summary>
    /// GB 32100's mod-31 sum has non-zero weights and 31 is prime, so changing one of positions 1–17 to another
    /// alphabet symbol (a difference of 1..30) always changes the sum mod 31, and changing position 18 alone is a
    /// wrong check character: no single substitution should survive. The property looks for one and lists any found.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Every_single_character_substitution_in_a_valid_USCC_is_rejected() =>
        Prop.ForAll(Generators.ValidUscc.ToArbitrary(), code =>
        {
            var undetected = new List<string>();
            for (var position = 0; position < code.Length; position++)
            {
                foreach (var replacement in Reference.UsccAlphabet + Reference.LettersNotInUsccAlphabet)
                {
                    if (replacement == code[position])
                    {
                        continue;
                    }

                    var mutated = string.Concat(code.AsSpan(0, position), [replacement], code.AsSpan(position + 1));
                    if (Uscc.TryParse(mutated, out _, out var problem))
                    {
                        undetected.Add($"{code} → {mutated} (position {position + 1})");
                    }
                    else
                    {
                        Assert.Contains(
                            problem.Code, (string[])["id-check-character", "id-org-code-check", "id-bad-character"]);
                    }
                }
            }

            Assert.True(undetected.Count == 0, "undetected substitutions: " + string.Join("; ", undetected));
        });

    [Property(MaxTest = 300)]
    public Property Every_transposition_of_two_different_adjacent_characters_in_a_valid_USCC_is_rejected() =>
        Prop.ForAll(Generators.ValidUscc.ToArbitrary(), code =>
        {
            for (var i = 0; i < code.Length - 1; i++)
            {
                if (code[i] == code[i + 1])
                {
                    continue;
                }

                var chars = code.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                Assert.False(Uscc.TryParse(new string(chars), out _), $"{code}: swapping {i + 1} and {i + 2}");
            }
        });

    [Fact]
    public void The_check_helpers_refuse_text_they_cannot_weigh()
    {
        Assert.Throws<ArgumentException>(() => Uscc.ComputeCheckCharacter("91350100M000100Y"));
        Assert.Throws<ArgumentException>(() => Uscc.ComputeCheckCharacter("91350100I000100Y4"));
        Assert.Throws<ArgumentException>(() => Uscc.ComputeOrganisationCodeCheckCharacter("M000100"));
        Assert.Throws<ArgumentException>(() => Uscc.ComputeOrganisationCodeCheckCharacter("M00010-Y"));
    }
}
