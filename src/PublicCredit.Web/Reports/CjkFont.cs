using SkiaSharp;

namespace PublicCredit.Web.Reports;

/// <summary>
/// The CJK typeface reports embed (docs/web.md#credit-report: Chinese must render in the PDF on any reader, so the font travels
/// inside the file). Looked up once, from the files of Debian's font packages — fonts-wqy-zenhei first, then
/// fonts-noto-cjk — never from the network; scripts/test.sh installs fonts-wqy-zenhei. Without any of them a report
/// cannot be printed correctly, so the lookup fails with a message naming the packages instead of printing boxes.
/// </summary>
public sealed class CjkFont : IDisposable
{
    /// <summary>Regular face first, then bold; a collection (.ttc) is searched for its Simplified Chinese face.</summary>
    /// <remarks>
    /// TrueType outlines come first: Skia embeds them as a CID font whose text extracts correctly. Noto Sans CJK has
    /// CFF outlines, which Skia's PDF backend draws as Type 3 glyphs whose text maps shared glyphs to the Kangxi
    /// radical code points (⽤ for 用), so copying or searching a report's text would fail; it is the fallback.
    /// </remarks>
    public static readonly IReadOnlyList<(string Regular, string? Bold)> KnownFiles =
    [
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", null),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", null),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        ("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf"),
    ];

    private readonly Lazy<byte[]> bytes;

    private CjkFont(SKTypeface regular, int faceIndex, SKTypeface bold, string file)
    {
        Regular = regular;
        Bold = bold;
        File = file;
        FaceIndex = faceIndex;
        bytes = new Lazy<byte[]>(() => System.IO.File.ReadAllBytes(file));
    }

    /// <summary>Which face of a collection (.ttc) <see cref="Regular"/> is.</summary>
    public int FaceIndex { get; }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public string File { get; }

    /// <summary>The faces as installed, for measuring (and for drawing where they cannot be cut down).</summary>
    public ReportFace Whole => new(Regular, Bold, owned: false);

    /// <summary>
    /// Faces holding only the glyphs of <paramref name="texts"/> (<see cref="TrueTypeSubset"/>), so the PDF embeds
    /// kilobytes instead of the whole face; the installed faces where the outlines are not TrueType.
    /// </summary>
    public ReportFace For(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!ReferenceEquals(Bold, Regular) || !TrueTypeSubset.CanSubset(bytes.Value, FaceIndex))
        {
            return Whole;
        }

        using var font = new SKFont(Regular);
        var glyphs = new HashSet<ushort>();
        foreach (var text in texts)
        {
            glyphs.UnionWith(font.GetGlyphs(text));
        }

        var subset = SKTypeface.FromData(SKData.CreateCopy(TrueTypeSubset.Subset(bytes.Value, FaceIndex, glyphs)));
        return subset is null ? Whole : new ReportFace(subset, subset, owned: true);
    }

    /// <summary>Names a font file to use before the known ones (an operator's choice).</summary>
    public const string FileVariable = "PCREDIT_REPORT_FONT";

    /// <summary>The first installed font of <see cref="KnownFiles"/>; throws with the packages to install when none is.</summary>
    public static CjkFont Find(IEnumerable<(string Regular, string? Bold)>? candidates = null)
    {
        var chosen = Environment.GetEnvironmentVariable(FileVariable);
        candidates ??= string.IsNullOrWhiteSpace(chosen) ? KnownFiles : [(chosen, null), .. KnownFiles];
        foreach (var (regularFile, boldFile) in candidates)
        {
            if (!System.IO.File.Exists(regularFile) || Load(regularFile) is not { } regular)
            {
                continue;
            }

            var bold = boldFile is not null && System.IO.File.Exists(boldFile) ? Load(boldFile) : null;
            return new CjkFont(regular.Face, regular.Index, bold?.Face ?? regular.Face, regularFile);
        }

        throw new InvalidOperationException(
            "No CJK font for credit reports: install Debian's fonts-wqy-zenhei (or fonts-noto-cjk), e.g. " +
            "'apt-get install fonts-wqy-zenhei'. Looked for: " + string.Join(", ", candidates.Select(c => c.Regular)));
    }

    /// <summary>A collection holds one face per region (JP, KR, SC, TC, HK): take the Simplified Chinese one.</summary>
    private static (SKTypeface Face, int Index)? Load(string file)
    {
        SKTypeface? first = null;
        for (var index = 0; index < 16; index++)
        {
            var face = SKTypeface.FromFile(file, index);
            if (face is null)
            {
                break;
            }

            if (face.FamilyName.EndsWith(" SC", StringComparison.Ordinal) || face.FamilyName.Contains("WenQuanYi", StringComparison.Ordinal))
            {
                if (!ReferenceEquals(first, face))
                {
                    first?.Dispose();
                }

                return (face, index);
            }

            if (first is null)
            {
                first = face;
            }
            else
            {
                face.Dispose();
            }
        }

        return first is null ? null : (first, 0);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(Bold, Regular))
        {
            Bold.Dispose();
        }

        Regular.Dispose();
    }
}

/// <summary>
/// The typefaces one report is drawn with. Where the package has no bold face, headings stay regular: Skia draws
/// emboldened text as outlines, which would bloat every page and take the text out of the PDF.
/// </summary>
public sealed class ReportFace(SKTypeface regular, SKTypeface bold, bool owned) : IDisposable
{
    public SKFont At(float size, bool strong = false) => new(strong ? bold : regular, size);

    public void Dispose()
    {
        if (owned)
        {
            regular.Dispose();
        }
    }
}
