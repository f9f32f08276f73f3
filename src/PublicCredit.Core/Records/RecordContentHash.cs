using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PublicCredit.Catalog;
using PublicCredit.Text;

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

    private const string AmountFormat = "0.######";

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// One buffer per thread, reused row after row: an import hashes a million rows, and a fresh buffer and formatted
    /// date strings per row were a sixth of what validating a row allocated (ADR 0024 §8).
    /// </summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? reused;

    public static string Compute(ValidRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Compute(record.Category.Code, record.Subject.Value, record.SubjectName, record.DocumentNumber, record.DecisionDate,
            record.Severity, record.LegalBasis, record.Facts, record.Content, record.Amount, record.LegalRepresentative, record.PublicUntil);
    }

    /// <summary>The same hash over a stored version's columns: what `pcredit ledger verify` compares with the ledger (ADR 0032).</summary>
    public static string Compute(RecordRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Compute(row.Category, row.SubjectId, row.SubjectName, row.DocumentNumber, row.DecisionDate,
            row.Severity, row.LegalBasis, row.Facts, row.Content, row.Amount, row.LegalRepresentative, row.PublicUntil);
    }

    private static string Compute(
        string category, string subject, string subjectName, string documentNumber, DateOnly decisionDate, NegativeGrade? severity,
        string legalBasis, string? facts, string? content, decimal? amount, string? legalRepresentative, DateOnly? publicUntil)
    {
        var buffer = reused ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Write(buffer, Tag);
        Write(buffer, category);
        Write(buffer, subject);
        Write(buffer, subjectName);
        Write(buffer, documentNumber);
        Write<DateOnly>(buffer, decisionDate, DateFormat);
        Write(buffer, severity is { } s ? s.Code() : null);
        Write(buffer, legalBasis);
        Write(buffer, facts);
        Write(buffer, content);
        Write(buffer, amount, AmountFormat);
        Write(buffer, legalRepresentative);
        Write(buffer, publicUntil, DateFormat);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity > 1 << 16)
        {
            reused = null; // one huge row does not keep a huge buffer alive for the rest of the thread's life
        }

        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The amount without trailing zeros: 12.50 and 12.5 are the same amount.</summary>
    public static string CanonicalAmount(decimal amount) => amount.ToString(AmountFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// A date (ISO) or an amount (<see cref="CanonicalAmount"/>) as its UTF-8 text — the same bytes as the formatted
    /// string's — or absent.
    /// </summary>
    private static void Write<T>(ArrayBufferWriter<byte> buffer, T? value, string format)
        where T : struct, IUtf8SpanFormattable
    {
        if (value is not { } present)
        {
            Write(buffer, (string?)null);
            return;
        }

        Span<byte> text = stackalloc byte[64];
        if (!present.TryFormat(text, out var length, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{typeof(T).Name} {present} does not fit 64 bytes of text.");
        }

        Write(buffer, text[..length]);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> utf8)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), utf8.Length);
        buffer.Advance(4);
        utf8.CopyTo(buffer.GetSpan(utf8.Length));
        buffer.Advance(utf8.Length);
    }

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
