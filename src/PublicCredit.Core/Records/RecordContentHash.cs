using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Records;

/// <summary>
/// "Identical content" of a record, defined once (ADR 0006): SHA-256, lower-case hex, over a tag and the normalised
/// fields in a fixed order, each as a 4-byte big-endian length and its UTF-8 bytes (length −1 for an absent field,
/// so absent and empty differ and no field can bleed into the next). The fields are the validated, normalised
/// values (<see cref="ValidRecord"/>): category code, subject id (normalised), subject name, document number,
/// decision date, severity code, legal basis, facts, content, amount (canonical decimal), legal representative and
/// the effective <c>publicUntil</c>. Not included: the department (the owner, not content), the declared subject
/// kind (implied by the id), and derived or procedural values (published, late, times, the reason of a correction).
/// </summary>
/// <remarks>
/// A binary framing rather than canonical JSON because an import hashes every one of a million rows; both are
/// unambiguous. The ledger carries each version's hash, so a record row edited in the database no longer matches
/// the event that created it.
/// </remarks>
public static class RecordContentHash
{
    private const string Tag = "pcredit-record-content/1";

    public static string Compute(ValidRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, Tag);
        Write(buffer, record.Category.Code);
        Write(buffer, record.Subject.Value);
        Write(buffer, record.SubjectName);
        Write(buffer, record.DocumentNumber);
        Write(buffer, Date(record.DecisionDate));
        Write(buffer, record.Severity is { } s ? RecordCodes.Of(s) : null);
        Write(buffer, record.LegalBasis);
        Write(buffer, record.Facts);
        Write(buffer, record.Content);
        Write(buffer, record.Amount is { } a ? CanonicalAmount(a) : null);
        Write(buffer, record.LegalRepresentative);
        Write(buffer, record.PublicUntil is { } p ? Date(p) : null);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The amount without trailing zeros: 12.50 and 12.5 are the same amount.</summary>
    public static string CanonicalAmount(decimal amount) => amount.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Write(ArrayBufferWriter<byte> buffer, string? text)
    {
        var prefix = buffer.GetSpan(4);
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(prefix, -1);
            buffer.Advance(4);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(text, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}
