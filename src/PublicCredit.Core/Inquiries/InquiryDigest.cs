using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using PublicCredit.Ledger;

namespace PublicCredit.Inquiries;

/// <summary>
/// The digest of a batch of inquiries (ADR 0032 §4): the SHA-256 of each inquiry's canonical JSON (every column but the
/// batch id, the note only when there is one; the instant to the microsecond, as both databases keep it), sorted, then hashed together — so the digest
/// does not depend on the order a database returns the rows in, and any edited, added or deleted row changes it.
/// </summary>
public sealed class InquiryDigest
{
    private readonly List<byte[]> rows = [];

    /// <summary>One buffer for every row of the batch: the JSON writer asks its buffer for 4 KB at first, which per
    /// inquiry was 5 KB of garbage on the check's path (bench <c>InquiryDigestBenchmarks</c>).</summary>
    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    public int Count => rows.Count;

    public static string Of(IEnumerable<InquiryRow> inquiries)
    {
        ArgumentNullException.ThrowIfNull(inquiries);
        var digest = new InquiryDigest();
        foreach (var row in inquiries)
        {
            digest.Add(row);
        }

        return digest.Finish();
    }

    public void Add(InquiryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // A JSON array of the columns: nulls stay distinct from empty text, and no separator can be forged in a value.
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in (ReadOnlySpan<string?>)[row.Id.ToString(), LedgerChain.FormatInstant(row.At), row.SubjectId,
                         row.Department, row.Role, row.Actor, row.Purpose, row.Endpoint, row.Returned])
            {
                json.WriteStringValue(value);
            }

            // The note came later (ADR 0045): written only when there is one, so the digests of batches stored before
            // it still verify, and a note added to or removed from a stored row changes the digest.
            if (row.Note is not null)
            {
                json.WriteStringValue(row.Note);
            }

            json.WriteEndArray();
        }

        rows.Add(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The batch's digest, 64 lower-case hex digits.</summary>
    public string Finish()
    {
        rows.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            hash.AppendData(row);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
