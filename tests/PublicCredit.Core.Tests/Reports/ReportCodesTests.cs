using System.Security.Cryptography;
using PublicCredit.Reports;

namespace PublicCredit.Core.Tests.Reports;

/// <summary>Verification codes of credit reports (ADR 0015): signed, readable, and refused when altered.</summary>
public sealed class ReportCodesTests
{
    private static readonly ReportCodes Codes = new(new ReportSigningKey(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void A_new_code_is_24_characters_in_groups_of_four_and_verifies()
    {
        var code = Codes.NewCode();

        Assert.Equal(ReportCodes.Length, code.Length);
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$", ReportCodes.Display(code));
        Assert.True(Codes.TryVerify(ReportCodes.Display(code), out var canonical));
        Assert.Equal(code, canonical);
    }

    [Fact]
    public void Changing_any_one_character_of_a_code_to_any_other_makes_it_fail()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var code = Codes.NewCode();

        for (var i = 0; i < code.Length; i++)
        {
            foreach (var c in alphabet.Where(c => c != code[i]))
            {
                Assert.False(Codes.TryVerify(code[..i] + c + code[(i + 1)..], out _), $"position {i} as '{c}'");
            }
        }
    }

    [Fact]
    public void A_code_carries_its_key_id_and_after_a_rotation_codes_of_the_earlier_and_the_legacy_key_still_verify()
    {
        var legacy = new ReportSigningKey(RandomNumberGenerator.GetBytes(32));
        var first = new ReportSigningKey(0x1a2b, RandomNumberGenerator.GetBytes(32));
        var second = new ReportSigningKey(0x3c4d, RandomNumberGenerator.GetBytes(32));
        var legacyCode = new ReportCodes(legacy).NewCode();
        var firstCode = new ReportCodes(new ReportKeyRing(first, [legacy])).NewCode();

        var rotated = new ReportCodes(new ReportKeyRing(second, [first, legacy]));
        var secondCode = rotated.NewCode();

        Assert.Equal((0x1a2b, 0x3c4d), (ReportCodes.KeyIdOf(firstCode), ReportCodes.KeyIdOf(secondCode)));
        Assert.All([legacyCode, firstCode, secondCode], c => Assert.True(rotated.TryVerify(c, out _), c));
        Assert.False(new ReportCodes(new ReportKeyRing(first)).TryVerify(secondCode, out _), "a key the ring does not know");
    }

    [Fact]
    public void A_key_id_the_ring_does_not_know_is_looked_up_once_and_then_verifies()
    {
        var current = new ReportSigningKey(0x0001, RandomNumberGenerator.GetBytes(32));
        var newer = new ReportSigningKey(0x0002, RandomNumberGenerator.GetBytes(32));
        var asked = new List<ushort>();
        var ring = new ReportKeyRing(current, lookup: id =>
        {
            asked.Add(id);
            return id == newer.KeyId ? newer : null;
        });
        var code = new ReportCodes(newer).NewCode();

        Assert.True(new ReportCodes(ring).TryVerify(code, out _));
        Assert.True(new ReportCodes(ring).TryVerify(code, out _));
        Assert.Equal([(ushort)0x0002], asked);
    }

    [Fact]
    public void A_code_signed_with_another_key_fails()
    {
        var other = new ReportCodes(new ReportSigningKey(RandomNumberGenerator.GetBytes(32)));

        Assert.False(Codes.TryVerify(other.NewCode(), out _));
    }

    [Fact]
    public void A_reader_may_type_lower_case_spaces_and_the_look_alike_letters()
    {
        var code = Codes.NewCode();
        var typed = string.Join(' ', ReportCodes.Display(code).Split('-')).ToLowerInvariant()
            .Replace('0', 'o').Replace('1', 'l');

        Assert.True(Codes.TryVerify(typed, out var canonical));
        Assert.Equal(code, canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")] // U is not in the alphabet
    [InlineData("<script>alert(1)</script>")]
    public void Text_that_is_not_a_code_fails(string? text)
    {
        Assert.False(Codes.TryVerify(text, out _));
    }

    [Fact]
    public void A_key_shorter_than_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ReportSigningKey(new byte[16]));
    }
}
