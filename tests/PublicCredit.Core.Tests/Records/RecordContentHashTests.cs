using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PublicCredit.Records;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Records;

/// <summary>"Identical content" (docs/api.md#records): one hash over the normalised fields, defined once (ADR 0006).</summary>
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

    [Theory]
    [InlineData("12.50", "张三")]
    [InlineData(null, null)]
    [InlineData("0.000001", "李四")]
    public void The_hash_is_sha256_over_the_tag_and_each_normalised_field_length_prefixed_as_stored_hashes_were(string? amount, string? representative)
    {
        // The framing of ADR 0006, written out independently: hashes already stored must still match after any rewrite.
        var record = Valid(Penalty() with { Amount = amount, LegalRepresentative = representative });
        string?[] fields =
        [
            "pcredit-record-content/1", record.Category.Code, record.Subject.Value, record.SubjectName, record.DocumentNumber,
            "2026-09-28", "general", record.LegalBasis, record.Facts, record.Content,
            amount is null ? null : decimal.Parse(amount, CultureInfo.InvariantCulture).ToString("0.######", CultureInfo.InvariantCulture),
            representative, record.PublicUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ];
        var framed = new List<byte>();
        foreach (var field in fields)
        {
            var bytes = field is null ? null : Encoding.UTF8.GetBytes(field);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
            framed.AddRange(length);
            framed.AddRange(bytes ?? []);
        }

        Assert.NotNull(record.PublicUntil);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. framed])), record.ContentHash);
    }
}
