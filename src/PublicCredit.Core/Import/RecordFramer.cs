namespace PublicCredit.Import;

/// <summary>One record's bytes as found in the file, with where it stands (for rejection reports and resuming).</summary>
internal readonly record struct FramedRecord(
    ReadOnlyMemory<byte> Bytes,
    bool TooLong,
    bool UnterminatedQuote,
    long Offset,
    long EndOffset,
    long Line);

/// <summary>
/// Splits a byte stream into records — lines, and for CSV lines whose quoted fields may span line breaks — in
/// constant memory: a record longer than the limit is skipped to its end and reported, never buffered whole, so a
/// 50 MB line costs 1 MB. Works on bytes, so a broken UTF-8 sequence stays inside its own record (ADR 0007).
/// </summary>
internal sealed class RecordFramer(Stream stream, bool quoteAware, int maxRecordBytes)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private readonly byte[] record = new byte[Math.Min(maxRecordBytes, 64 * 1024)];
    private byte[] recordStore = [];
    private int bufferLength;
    private int bufferPosition;
    private long bufferStartOffset;
    private long line = 1;

    /// <summary>Continues at a record boundary found earlier (a checkpoint of a resumed import).</summary>
    public void Seek(long offset, long atLine)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        bufferStartOffset = offset;
        bufferLength = 0;
        bufferPosition = 0;
        line = atLine;
    }

    public bool TryNext(out FramedRecord framed)
    {
        var length = 0;
        var tooLong = false;
        var inQuotes = false;
        var afterClosingQuote = false;
        var started = false;
        var atRecordStart = true;
        byte previous = 0;
        long offset = 0;
        long startLine = line;
        var store = recordStore.Length > 0 ? recordStore : record;
        while (true)
        {
            if (bufferPosition == bufferLength && !Fill())
            {
                if (!started)
                {
                    framed = default;
                    return false;
                }

                framed = new FramedRecord(store.AsMemory(0, length), tooLong, inQuotes, offset, bufferStartOffset + bufferPosition, startLine);
                return true;
            }

            if (!started)
            {
                started = true;
                offset = bufferStartOffset + bufferPosition;
                startLine = line;
            }

            // The bytes up to the next one that matters are taken as a block (a vectorised search, one copy); only a
            // quote (CSV) or a line break is looked at on its own.
            var available = buffer.AsSpan(bufferPosition, bufferLength - bufferPosition);
            var at = quoteAware ? available.IndexOfAny((byte)'"', (byte)'\n') : available.IndexOf((byte)'\n');
            var run = at < 0 ? available : available[..at];
            if (run.Length > 0)
            {
                Append(ref store, ref length, ref tooLong, run);
                (previous, afterClosingQuote, atRecordStart) = (run[^1], false, false);
                bufferPosition += run.Length;
            }

            if (at < 0)
            {
                continue;
            }

            var b = available[at];
            bufferPosition++;
            if (b == (byte)'\n')
            {
                line++;
                if (!inQuotes)
                {
                    framed = new FramedRecord(store.AsMemory(0, TrimCarriageReturn(store, length)), tooLong, false, offset,
                        bufferStartOffset + bufferPosition, startLine);
                    return true;
                }

                afterClosingQuote = false;
            }
            else if (inQuotes)
            {
                (inQuotes, afterClosingQuote) = (false, true);
            }
            else
            {
                // RFC 4180: a quote opens a quoted field only at the start of a field; inside one, "" is a quote (the
                // first closes, the second opens again). Elsewhere it is an ordinary byte, which the row check reports.
                inQuotes = atRecordStart || previous == (byte)',' || afterClosingQuote;
                afterClosingQuote = false;
            }

            Append(ref store, ref length, ref tooLong, new ReadOnlySpan<byte>(in b));
            (previous, atRecordStart) = (b, false);
        }
    }

    /// <summary>
    /// Adds bytes to the record, growing the one reusable store up to the limit (it is kept for the records that
    /// follow); past the limit the record is too long and the rest of it is only scanned for its end.
    /// </summary>
    private void Append(ref byte[] store, ref int length, ref bool tooLong, ReadOnlySpan<byte> bytes)
    {
        if (tooLong)
        {
            return;
        }

        if (length + bytes.Length > maxRecordBytes)
        {
            tooLong = true;
            bytes = bytes[..(maxRecordBytes - length)];
        }

        if (length + bytes.Length > store.Length)
        {
            var grown = new byte[Math.Min(maxRecordBytes, Math.Max(store.Length * 2, length + bytes.Length))];
            store.AsSpan(0, length).CopyTo(grown);
            store = recordStore = grown;
        }

        bytes.CopyTo(store.AsSpan(length));
        length += bytes.Length;
    }

    private static int TrimCarriageReturn(byte[] bytes, int length) =>
        length > 0 && bytes[length - 1] == (byte)'\r' ? length - 1 : length;

    private bool Fill()
    {
        bufferStartOffset += bufferLength;
        bufferLength = stream.Read(buffer, 0, buffer.Length);
        bufferPosition = 0;
        return bufferLength > 0;
    }
}
