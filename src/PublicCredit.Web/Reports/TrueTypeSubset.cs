using System.Buffers.Binary;

namespace PublicCredit.Web.Reports;

/// <summary>
/// Cuts a TrueType face down to the glyphs a report uses, so the font embedded in each PDF stays small (ADR 0015).
/// Skia's PDF backend as SkiaSharp ships it embeds a TrueType face whole — 9 MB for WenQuanYi Zen Hei — so the report
/// hands it a copy in which every other glyph is empty: glyph ids, the character map and the metrics stay as they
/// are (text extracts and measures exactly as with the full face), only the outlines of unused glyphs go, with the
/// embedded bitmap strikes and layout tables a report does not use. Reads one face of a .ttf or a .ttc collection.
/// </summary>
internal static class TrueTypeSubset
{
    // Tables a rasteriser needs for outlines and metrics; everything else (bitmap strikes, OpenType layout) is left out.
    private static readonly string[] Kept = ["OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep", "vhea", "vmtx"];

    /// <summary>True when the face at <paramref name="faceIndex"/> has TrueType outlines (a glyf table) this can cut.</summary>
    public static bool CanSubset(byte[] file, int faceIndex) => Tables(file, faceIndex) is { } tables && tables.ContainsKey("glyf") && tables.ContainsKey("loca");

    /// <summary>A single-face font file holding only <paramref name="glyphs"/> (plus .notdef and composite parts).</summary>
    public static byte[] Subset(byte[] file, int faceIndex, IEnumerable<ushort> glyphs)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(glyphs);
        var tables = Tables(file, faceIndex) ?? throw new InvalidOperationException("Not a TrueType font file.");
        var head = Slice(file, tables["head"]).ToArray();
        var maxp = Slice(file, tables["maxp"]);
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(maxp[4..]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var loca = tables["loca"].Offset;
        var glyfStart = tables["glyf"].Offset;
        var glyf = file.AsMemory(glyfStart, tables["glyf"].Length);
        int Offset(int glyph) => longLoca
            ? (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(loca + (glyph * 4)))
            : BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(loca + (glyph * 2))) * 2;

        var keep = new HashSet<int> { 0 };
        var pending = new Stack<int>(glyphs.Select(g => (int)g).Where(g => g < glyphCount));
        while (pending.Count > 0)
        {
            var glyph = pending.Pop();
            if (!keep.Add(glyph) && glyph != 0)
            {
                continue;
            }

            foreach (var part in Components(glyf.Span, Offset(glyph), Offset(glyph + 1)))
            {
                if (part < glyphCount && !keep.Contains(part))
                {
                    pending.Push(part);
                }
            }
        }

        // New glyf and long-format loca: kept glyphs copied, every other glyph empty.
        using var newGlyf = new MemoryStream();
        var newLoca = new byte[(glyphCount + 1) * 4];
        for (var g = 0; g < glyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(g * 4), (uint)newGlyf.Length);
            if (keep.Contains(g) && Offset(g + 1) > Offset(g))
            {
                newGlyf.Write(glyf.Span[Offset(g)..Offset(g + 1)]);
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(glyphCount * 4), (uint)newGlyf.Length);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // indexToLocFormat: long
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, not verified by readers

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var tag in Kept)
        {
            if (tables.TryGetValue(tag, out var range))
            {
                output[tag] = tag switch
                {
                    "glyf" => newGlyf.ToArray(),
                    "loca" => newLoca,
                    "head" => head,
                    _ => Slice(file, range).ToArray(),
                };
            }
        }

        return Write(output, BinaryPrimitives.ReadUInt32BigEndian(FaceStart(file, faceIndex)));
    }

    private static ReadOnlySpan<byte> FaceStart(byte[] file, int faceIndex)
    {
        if (file.Length >= 12 && file.AsSpan(0, 4).SequenceEqual("ttcf"u8))
        {
            var faces = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(8));
            if (faceIndex < 0 || faceIndex >= faces)
            {
                throw new ArgumentOutOfRangeException(nameof(faceIndex));
            }

            return file.AsSpan((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12 + (faceIndex * 4))));
        }

        return file;
    }

    private static Dictionary<string, (int Offset, int Length)>? Tables(byte[] file, int faceIndex)
    {
        var face = FaceStart(file, faceIndex);
        var version = BinaryPrimitives.ReadUInt32BigEndian(face);
        if (version != 0x00010000 && version != 0x74727565) // TrueType outlines only ('OTTO' is CFF)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(face[4..]);
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = face.Slice(12 + (i * 16), 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        return tables;
    }

    private static ReadOnlySpan<byte> Slice(byte[] file, (int Offset, int Length) range) => file.AsSpan(range.Offset, range.Length);

    /// <summary>The glyphs a composite glyph is built from (TrueType 'glyf' composite records).</summary>
    private static List<int> Components(ReadOnlySpan<byte> glyf, int start, int end)
    {
        var parts = new List<int>();
        if (end - start < 10 || BinaryPrimitives.ReadInt16BigEndian(glyf[start..]) >= 0)
        {
            return parts;
        }

        var at = start + 10;
        while (at + 4 <= end)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyf[at..]);
            parts.Add(BinaryPrimitives.ReadUInt16BigEndian(glyf[(at + 2)..]));
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
            at += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0; // scale forms
            if ((flags & 0x0020) == 0) // MORE_COMPONENTS
            {
                break;
            }
        }

        return parts;
    }

    private static byte[] Write(SortedDictionary<string, byte[]> tables, uint sfntVersion)
    {
        var count = tables.Count;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(header, sfntVersion);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)((count * 16) - (power * 16)));
        output.Write(header);

        var offset = 12 + (count * 16);
        var records = new byte[count * 16];
        var i = 0;
        foreach (var (tag, data) in tables)
        {
            var record = records.AsSpan(i++ * 16, 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            offset += (data.Length + 3) & ~3;
        }

        output.Write(records);
        foreach (var data in tables.Values)
        {
            output.Write(data);
            for (var pad = data.Length; pad % 4 != 0; pad++)
            {
                output.WriteByte(0);
            }
        }

        return output.ToArray();
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }

            sum += word;
        }

        return sum;
    }
}
