using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Inquiries;
using PublicCredit.Subjects;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Subjects;

/// <summary>Public ids, name search keys and inquiry purposes (ADR 0008; docs/domain.md#personal-information).</summary>
public class PublicSubjectIdTests
{
    [Fact]
    public void A_public_id_is_random_hex_with_a_prefix_that_no_identifier_can_have()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => PublicSubjectId.New()).ToList();

        Assert.Equal(1000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^p-[0-9a-f]{24}$", id));
        Assert.All(ids, id => Assert.False(PublicCredit.Identifiers.SubjectId.TryParse(id, Today, out _)));
    }

    [Theory]
    [InlineData(" P-0123456789ABCDEF01234567 ", "p-0123456789abcdef01234567")]
    [InlineData("p-0123456789abcdef01234567", "p-0123456789abcdef01234567")]
    public void A_public_id_is_read_in_any_case(string text, string expected)
    {
        Assert.True(PublicSubjectId.TryNormalise(text, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("p-0123456789abcdef0123456")]
    [InlineData("p-0123456789abcdef012345678")]
    [InlineData("p-0123456789abcdef0123456g")]
    [InlineData("q-0123456789abcdef01234567")]
    [InlineData(OrganisationId)]
    [InlineData(null)]
    public void Anything_else_is_not_a_public_id(string? text)
    {
        Assert.False(PublicSubjectId.TryNormalise(text, out _));
    }

    [Theory]
    [InlineData("Fuzhou ACME Foods", "fuzhou acme foods")]
    [InlineData("ＡＣＭＥ　食品", "acme 食品")]
    [InlineData("福州示例食品有限公司", "福州示例食品有限公司")]
    public void Names_are_folded_for_search_by_width_and_case(string name, string key)
    {
        Assert.Equal(key, SubjectNames.SearchKey(name));
    }

    [Fact]
    public void Staff_name_one_of_the_catalogs_purposes_and_put_free_text_in_a_one_line_note_of_at_most_200_characters()
    {
        var catalog = PublicCredit.Core.Tests.Catalog.DefaultCatalogTests.LoadDefault();
        var checker = Caller.Staff("key:c", Role.Checker, "mof");

        Assert.Equal(new InquiryReason("public-procurement"), InquiryPurpose.Require(checker, catalog, " public-procurement ", null));
        Assert.Equal(new InquiryReason("public-procurement", "政府采购资格审查"), InquiryPurpose.Require(checker, catalog, "public-procurement", "  政府采购资格审查 "));
        Assert.Equal(new InquiryReason("supervision", new string('因', 200)), InquiryPurpose.Require(checker, catalog, "supervision", new string('因', 200)));
        Assert.Equal(new InquiryReason("supervision"), InquiryPurpose.Require(checker, catalog, "supervision", "   "));
        Assert.Equal("purpose-required", Assert.Throws<DomainException>(() => InquiryPurpose.Require(checker, catalog, null, "why")).Code);
        Assert.Equal("purpose-required", Assert.Throws<DomainException>(() => InquiryPurpose.Require(checker, catalog, "   ", null)).Code);
        var unknown = Assert.Throws<DomainException>(() => InquiryPurpose.Require(checker, catalog, "政府采购资格审查", null));
        Assert.Equal(("purpose-unknown", "purpose"), (unknown.Code, Assert.Single(unknown.Errors).Field));
        Assert.All(catalog.Purposes, p => Assert.Contains(p.Code, unknown.Message, StringComparison.Ordinal));
        Assert.Equal("purpose-unknown", Assert.Throws<DomainException>(() => InquiryPurpose.Require(checker, catalog, "Supervision", null)).Code);
        Assert.Equal("note-too-long", Assert.Throws<DomainException>(() => InquiryPurpose.Require(checker, catalog, "supervision", new string('因', 201))).Code);
        Assert.Equal("note-invalid", Assert.Throws<DomainException>(() => InquiryPurpose.Require(checker, catalog, "supervision", "a\nb")).Code);
    }

    [Fact]
    public void A_subject_reading_its_own_data_is_recorded_as_self_service_whatever_it_says()
    {
        var catalog = PublicCredit.Core.Tests.Catalog.DefaultCatalogTests.LoadDefault();
        Assert.Equal(new InquiryReason("self-service"),
            InquiryPurpose.Require(Caller.Subject("t", PersonId, SubjectTokenOrigin.Operator), catalog, "anything", "a note"));
    }
}
