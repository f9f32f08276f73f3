using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublicCredit.Errors;
using PublicCredit.Identifiers;

namespace PublicCredit.Core.Tests.Identifiers;

public class ResidentIdTests
{
    private static readonly DateOnly Today = Reference.Today;

    // GB 11643-1999's own example. By hand: Σ = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
    // = 167, 167 mod 11 = 2 → "10X98765432"[2] = 'X'.
    private const string StandardExample = "11010519491231002X";

    [Fact]
    public void The_GB_11643_example_number_is_accepted_with_its_parts()
    {
        Assert.True(ResidentId.TryParse(StandardExample, Today, out var id, out var problem));

        Assert.Null(problem);
        Assert.Equal(StandardExample, id.Value);
        Assert.Equal("110105", id.Division);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal(2, id.Sequence);
        Assert.False(id.IsMale); // GB 11643: even sequence number → female
    }

    [Fact]
    public void The_same_number_ending_in_9_is_rejected_because_the_check_character_must_be_X()
    {
        // Same Σ = 167 as the standard's example, so '9' cannot be right.
        Assert.False(ResidentId.TryParse("110105194912310029", Today, out var id, out var problem));

        Assert.Null(id);
        Assert.Equal("id-check-character", problem.Code);
        Assert.Equal("check character is '9', expected 'X'", problem.Message);
    }

    [Fact]
    public void A_lower_case_x_check_character_is_accepted_as_X()
    {
        var id = ResidentId.Parse("11010519491231002x", Today);

        Assert.Equal(StandardExample, id.Value);
        Assert.Equal(ResidentId.Parse(StandardExample, Today), id);
    }

    [Fact]
    public void An_odd_sequence_number_is_a_man()
    {
        var id = ResidentId.Parse(Reference.CompleteResidentId("11010519491231003"), Today);

        Assert.True(id.IsMale);
        Assert.Equal(3, id.Sequence);
    }

    [Theory]
    [InlineData('9')]
    [InlineData('0')]
    public void A_division_code_starting_with_9_or_0_is_rejected(char first)
    {
        var number = Reference.CompleteResidentId(first + "1010519491231002");

        Assert.False(ResidentId.TryParse(number, Today, out _, out var problem));

        Assert.Equal("id-division", problem.Code);
        Assert.Equal(
            $"division code starts with '{first}'; mainland division codes start with 1-8", problem.Message);
    }

    [Theory]
    [InlineData("19490230")] // 30 February
    [InlineData("19000229")] // 1900 is not a leap year (Gregorian century rule)
    [InlineData("19491301")] // month 13
    [InlineData("19491200")] // day 0
    [InlineData("00001231")] // year 0
    public void A_birth_date_that_is_not_a_calendar_date_is_rejected_with_the_digits_found(string yyyymmdd)
    {
        // Check character computed for the bad date, so only the date rule can reject it.
        var number = Reference.CompleteResidentId("110105" + yyyymmdd + "002");

        Assert.False(ResidentId.TryParse(number, Today, out _, out var problem));

        Assert.Equal("id-birth-date-invalid", problem.Code);
        Assert.Equal($"birth date '{yyyymmdd}' (positions 7-14, YYYYMMDD) is not a calendar date", problem.Message);
    }

    [Fact]
    public void A_29_February_in_a_leap_year_is_a_birth_date()
    {
        var id = ResidentId.Parse(Reference.CompleteResidentId("11010520000229002"), Today);

        Assert.Equal(new DateOnly(2000, 2, 29), id.BirthDate);
    }

    [Fact]
    public void A_birth_date_after_today_is_rejected_and_a_birth_today_is_not()
    {
        var tomorrow = Reference.CompleteResidentId("110105" + "20250616" + "002");
        var bornToday = Reference.CompleteResidentId("110105" + "20250615" + "002");

        Assert.False(ResidentId.TryParse(tomorrow, Today, out _, out var problem));
        Assert.Equal("id-birth-date-future", problem.Code);
        Assert.Equal("birth date 2025-06-16 is after today (2025-06-15)", problem.Message);

        Assert.True(ResidentId.TryParse(bornToday, Today, out _));
        Assert.True(ResidentId.TryParse(tomorrow, Today.AddDays(1), out _));
    }

    [Theory]
    [InlineData("1101051949123100AX", "position 17: 'A' is not a digit")]
    [InlineData("11010519491231002Y", "position 18: 'Y' is not a digit or X")]
    [InlineData("1101051949-231002X", "position 11: '-' is not a digit")]
    public void A_character_that_is_not_a_digit_is_rejected_with_its_position(string number, string message)
    {
        Assert.False(ResidentId.TryParse(number, Today, out _, out var problem));

        Assert.Equal("id-bad-character", problem.Code);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("11010519491231002", 17)]
    [InlineData("110105194912310021X", 19)]
    [InlineData("110105491231002", 15)] // a first-generation 15-digit number is not accepted
    public void A_number_of_the_wrong_length_is_rejected_with_the_length_found(string number, int length)
    {
        Assert.False(ResidentId.TryParse(number, Today, out _, out var problem));

        Assert.Equal("id-length", problem.Code);
        Assert.Equal($"expected 18 characters, got {length}", problem.Message);
    }

    [Fact]
    public void The_masked_form_shows_the_first_4_and_last_4_characters_around_10_stars()
    {
        var id = ResidentId.Parse(StandardExample, Today);

        Assert.Equal("1101**********002X", id.Masked);
    }

    [Fact]
    public void Printing_a_resident_ID_never_shows_the_full_number()
    {
        var id = ResidentId.Parse(StandardExample, Today);

        Assert.Equal(id.Masked, id.ToString());
        Assert.DoesNotContain(StandardExample, $"subject {id} looked up", StringComparison.Ordinal);
        Assert.Equal(StandardExample, id.Value);
    }

    [Fact]
    public void Parsing_an_invalid_number_throws_the_domain_error_for_subject_ids()
    {
        var error = Assert.Throws<DomainException>(() => ResidentId.Parse("110105194912310029", Today));

        Assert.Equal("subject-id-invalid", error.Code);
        Assert.Equal("subject.id", Assert.Single(error.Errors).Field);
        Assert.StartsWith("id-check-character: ", error.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property The_check_helper_agrees_with_the_reference_for_any_17_digits() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), 17).Select(c => new string(c)).ToArbitrary(),
            first17 => ResidentId.ComputeCheckCharacter(first17) == Reference.ResidentCheck(first17));

    [Property]
    public Property A_generated_valid_number_is_accepted_with_its_birth_date() =>
        Prop.ForAll(Generators.ValidResidentId.ToArbitrary(), number =>
        {
            Assert.True(ResidentId.TryParse(number, Today, out var id, out var problem), problem?.ToString());
            Assert.Equal(number, id.Value);
            Assert.Equal(number[6..14], id.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((number[16] - '0') % 2 == 1, id.IsMale);
        });

    /// <summary>
    /// GB 11643's mod-11 sum has weights that are non-zero mod 11 and 11 is prime, so replacing a digit by another
    /// (a difference of 1..9) always changes it; a date made impossible is rejected by the date rule anyway.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Every_single_character_substitution_in_a_valid_number_is_rejected() =>
        Prop.ForAll(Generators.ValidResidentId.ToArbitrary(), number =>
        {
            var undetected = new List<string>();
            for (var position = 0; position < number.Length; position++)
            {
                foreach (var replacement in "0123456789X")
                {
                    if (replacement == number[position])
                    {
                        continue;
                    }

                    var mutated = string.Concat(number.AsSpan(0, position), [replacement], number.AsSpan(position + 1));
                    if (ResidentId.TryParse(mutated, Today, out _, out var problem))
                    {
                        undetected.Add($"{number} → {mutated} (position {position + 1})");
                    }
                    else
                    {
                        Assert.Contains(problem.Code, (string[])[
                            "id-check-character", "id-division", "id-birth-date-invalid", "id-birth-date-future",
                            "id-bad-character"]);
                    }
                }
            }

            Assert.True(undetected.Count == 0, "undetected substitutions: " + string.Join("; ", undetected));
        });

    [Property(MaxTest = 300)]
    public Property Every_transposition_of_two_different_adjacent_digits_in_a_valid_number_is_rejected() =>
        Prop.ForAll(Generators.ValidResidentId.ToArbitrary(), number =>
        {
            for (var i = 0; i < number.Length - 1; i++)
            {
                if (number[i] == number[i + 1])
                {
                    continue;
                }

                var chars = number.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                Assert.False(ResidentId.TryParse(new string(chars), Today, out _), $"{number}: swapping {i + 1} and {i + 2}");
            }
        });
}
