using PublicCredit.Records;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Records;

/// <summary>"Identical content" (issue 5 §2): one hash over the normalised fields, defined once (ADR 0006).</summary>
public class RecordContentHashTests
{
    private static string Hash(RecordInput input) => Valid(input).ContentHash;

    [Fact]
    public void The_same_record_written_differently_has_the_same_hash()
    {
        var plain = Hash(Penalty());

        Assert.Equal(plain, Hash(Penalty() with
        {
            SubjectId = "９１３５０１００m０００１００y４３",
            SubjectName = " 福州示例食品有限公司 ",
            Severity = "GENERAL",
            Amount = "12.500",
        }));
        // The default period given explicitly is the same record.
        Assert.Equal(plain, Hash(Penalty() with { PublicUntil = "2027-09-27" }));
    }

    [Fact]
    public void Any_change_of_content_changes_the_hash()
    {
        var plain = Hash(Penalty());
        var variants = new[]
        {
            Penalty() with { SubjectId = OtherOrganisationId },
            Penalty() with { SubjectName = "福州示例食品股份有限公司" },
            Penalty() with { DocumentNumber = "闽市监罚〔2026〕102号" },
            Penalty() with { DecisionDate = "2026-09-29" },
            Penalty() with { Severity = "serious" },
            Penalty() with { LegalBasis = "《中华人民共和国食品安全法》第一百二十五条" },
            Penalty() with { Facts = null },
            Penalty() with { Content = "警告" },
            Penalty() with { Amount = "12.51" },
            Penalty() with { Amount = null },
            Penalty() with { LegalRepresentative = "张四" },
            Penalty() with { PublicUntil = "2027-06-30" },
        };

        Assert.All(variants, v => Assert.NotEqual(plain, Hash(v)));
        Assert.Equal(variants.Length, variants.Select(Hash).Distinct().Count());
    }

    [Fact]
    public void An_absent_field_and_an_adjacent_field_cannot_be_confused()
    {
        // Length framing: moving text from one field into the next changes the hash.
        Assert.NotEqual(
            Hash(Penalty() with { Facts = "甲乙", Content = null }),
            Hash(Penalty() with { Facts = "甲", Content = "乙" }));
    }

    [Fact]
    public void The_hash_is_lower_case_hex_sha256() =>
        Assert.Matches("^[0-9a-f]{64}$", Hash(Penalty()));
}
