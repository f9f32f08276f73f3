using System.Text;
using PublicCredit.Import;

namespace PublicCredit.Core.Tests.Import;

/// <summary>
/// Records framed from the file's bytes (ADR 0007): a line break inside a quoted CSV field belongs to the record, the
/// line numbers and byte offsets are what the rejection file and a resumed run rely on (ADR 0026 §5).
/// </summary>
public sealed class RecordFramerTests
{
    private static List<(string Text, long Line, long Offset, long EndOffset, bool TooLong, bool Unterminated)> Frame(
        byte[] bytes, bool quoteAware = true, int maxRecordBytes = 1 << 20)
    {
        var framer = new RecordFramer(new MemoryStream(bytes), quoteAware, maxRecordBytes);
        var records = new List<(string, long, long, long, bool, bool)>();
        while (framer.TryNext(out var framed))
        {
            records.Add((Encoding.UTF8.GetString(framed.Bytes.Span), framed.Line, framed.Offset, framed.EndOffset, framed.TooLong, framed.UnterminatedQuote));
        }

        return records;
    }

    [Fact]
    public void Quoted_line_breaks_doubled_quotes_and_stray_quotes_frame_as_the_CSV_rules_say()
    {
        var text = "a,\"第一行\n第二行\",c\r\n" + // a quoted line break; CRLF end
                   "\"他说\"\"好\"\"\",x\n" +       // doubled quotes inside a quoted field
                   "名\"称,\"y\"\n" +               // a stray quote inside an unquoted field is an ordinary byte
                   "\n" +                           // an empty line is a record
                   "\"\"\"\n\",末";                  // a field of one quote then a quoted line break; no final line break
        var bytes = Encoding.UTF8.GetBytes(text);
        var lengths = text.Split('\n').Select(l => Encoding.UTF8.GetByteCount(l) + 1).ToArray();

        var records = Frame(bytes);

        Assert.Equal(
        [
            ("a,\"第一行\n第二行\",c", 1L, 0L, (long)(lengths[0] + lengths[1]), false, false),
            ("\"他说\"\"好\"\"\",x", 3L, lengths[0] + lengths[1], lengths[..3].Sum(), false, false),
            ("名\"称,\"y\"", 4L, lengths[..3].Sum(), lengths[..4].Sum(), false, false),
            ("", 5L, lengths[..4].Sum(), lengths[..5].Sum(), false, false),
            ("\"\"\"\n\",末", 6L, lengths[..5].Sum(), bytes.Length, false, false),
        ], records);
    }

    [Fact]
    public void A_quoted_field_across_many_buffers_is_one_record_and_the_lines_after_it_are_counted()
    {
        // 64 KB buffers: the field spans several, with line breaks and doubled quotes at every distance from an edge.
        var field = string.Concat(Enumerable.Range(0, 9000).Select(i => i % 7 == 0 ? "行\n" : i % 11 == 0 ? "\"\"" : "字段x"));
        var text = $"first\n\"{field}\",tail\nlast\n";

        var records = Frame(Encoding.UTF8.GetBytes(text));

        Assert.Equal(3, records.Count);
        Assert.Equal($"\"{field}\",tail", records[1].Text);
        Assert.Equal((2L, 2L + field.Count(c => c == '\n') + 1), (records[1].Line, records[2].Line));
        Assert.Equal("last", records[2].Text);
    }

    [Fact]
    public void A_record_past_the_limit_is_flagged_with_its_first_bytes_and_the_next_record_is_whole()
    {
        // The long record's quoted field goes on past the limit and over a line break: its end is still found.
        var text = "short\n" + "a,\"" + new string('x', 5000) + "\ny\"\nnext\n";

        var records = Frame(Encoding.UTF8.GetBytes(text), maxRecordBytes: 4096);

        Assert.Equal(["short", "a,\"" + new string('x', 4093), "next"], records.Select(r => r.Text));
        Assert.Equal([false, true, false], records.Select(r => r.TooLong));
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public void An_unclosed_quote_runs_to_the_end_of_the_file_and_is_flagged()
    {
        var records = Frame(Encoding.UTF8.GetBytes("a,b\n\"open,\nstill open\n"));

        Assert.Equal([("a,b", false), ("\"open,\nstill open\n", true)], records.Select(r => (r.Text, r.Unterminated)));
    }

    [Fact]
    public void Without_CSV_quoting_every_line_break_ends_a_record()
    {
        var records = Frame(Encoding.UTF8.GetBytes("{\"a\":\"x\n{\"b\":1}\n"), quoteAware: false);

        Assert.Equal(["{\"a\":\"x", "{\"b\":1}"], records.Select(r => r.Text));
    }
}
