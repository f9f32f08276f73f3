using PublicCredit.Ledger;
using PublicCredit.Records;

namespace PublicCredit.Core.Tests.Records;

public class ChunkPayloadTests
{
    private static RecordRow Row(Guid id, string hash) => new()
    {
        Id = id,
        Version = 1,
        Department = "samr",
        DocumentNumber = "doc",
        Category = "admin-penalty",
        SubjectId = RecordSamples.OrganisationId,
        SubjectName = "某公司",
        LegalBasis = "法",
        RecordedBy = "import:x.csv",
        ContentHash = hash,
    };

    [Theory]
    [InlineData(2)]
    [InlineData(5000)]
    public void The_directly_written_chunk_payload_is_the_canonical_text_of_the_same_object(int count)
    {
        var rows = Enumerable.Range(0, count)
            .Select(i => Row(Guid.CreateVersion7(), Convert.ToHexStringLower(BitConverter.GetBytes((long)i * 7919)).PadLeft(64, 'a')))
            .ToList();

        var direct = SubmitRecords.ChunkPayload(rows);
        var generic = CanonicalJson.Serialize(new { count = rows.Count, records = rows.Select(r => new { id = r.Id, contentHash = r.ContentHash }) });

        Assert.Equal(generic, direct.Json);
        Assert.Equal(generic, CanonicalJson.Serialize<object>(direct));
        Assert.Equal(generic, CanonicalJson.Canonicalize(direct.Json));
    }
}
