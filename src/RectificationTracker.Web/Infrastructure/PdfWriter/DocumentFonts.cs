using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>One face of a font file: the full typeface for measuring, and its bytes for cutting a subset.</summary>
public sealed class FontFace : IDisposable
{
    // Advances at size 1 by glyph id, NaN until measured (a race only measures a glyph twice).
    private readonly float[] advances;
    private readonly SKFont unitFont;

    private FontFace(string path, int index, byte[] data, SKTypeface typeface, bool canSubset)
    {
        Path = path;
        Index = index;
        Data = data;
        Typeface = typeface;
        unitFont = new SKFont(typeface, 1f) { Subpixel = true, Hinting = SKFontHinting.None, LinearMetrics = true };
        // A face whose tables cannot be read for a subset is embedded whole, as a face without TrueType outlines is.
        Outlines = canSubset ? TrueTypeFace.TryRead(data, index) : null;
        advances = new float[Math.Max(1, typeface.GlyphCount)];
        Array.Fill(advances, float.NaN);
        var metrics = unitFont.Metrics;
        Ascent = -metrics.Ascent;
        Descent = metrics.Descent;
    }

    public string Path { get; }

    public int Index { get; }

    /// <summary>The whole file (of a collection too): <see cref="TrueTypeSubsetter"/> cuts the face out of it.</summary>
    public byte[] Data { get; }

    public SKTypeface Typeface { get; }

    /// <summary>
    /// The face's TrueType tables as a subset needs them: such a face is embedded as a subset. Null for a face without
    /// TrueType outlines (CFF), which is embedded as Skia does it.
    /// </summary>
    internal TrueTypeFace? Outlines { get; }

    /// <summary>
    /// This face cut down to <paramref name="glyphs"/>, its character map to <paramref name="characters"/>, as a typeface
    /// for one document (see <see cref="TrueTypeSubsetter"/>); the whole face when it has no TrueType outlines.
    /// </summary>
    internal SKTypeface SubsetTypeface(IEnumerable<ushort> glyphs, IReadOnlyDictionary<int, ushort> characters) =>
        Outlines is { } outlines
            ? outlines.Subset(Data, glyphs, characters, static (file, length) => SKTypeface.FromData(SKData.CreateCopy(file.AsSpan(0, length)), 0)) ?? Typeface
            : Typeface;

    /// <summary>Ascent and descent at size 1 (positive).</summary>
    public float Ascent { get; }

    public float Descent { get; }

    internal static FontFace? Open(string path, int index)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        // Skia reads the file itself; only TrueType faces (a glyf table) are cut into subsets, so only their bytes are kept.
        var typeface = SKTypeface.FromFile(path, index);
        if (typeface is null)
        {
            return null;
        }

        const uint Glyf = ('g' << 24) | ('l' << 16) | ('y' << 8) | 'f';
        var canSubset = typeface.GetTableTags().Contains(Glyf);
        return new FontFace(path, index, canSubset ? File.ReadAllBytes(path) : [], typeface, canSubset);
    }

    public ushort Glyph(int codepoint)
    {
        lock (unitFont)
        {
            return unitFont.GetGlyph(codepoint);
        }
    }

    /// <summary>The advance of a glyph at size 1.</summary>
    public float Advance(ushort glyph)
    {
        if (glyph >= advances.Length)
        {
            return 0f;
        }

        var known = advances[glyph];
        if (!float.IsNaN(known))
        {
            return known;
        }

        Span<float> widths = stackalloc float[1];
        lock (unitFont)
        {
            unitFont.GetGlyphWidths([glyph], widths, [], null);
        }

        advances[glyph] = widths[0];
        return widths[0];
    }

    public void Dispose()
    {
        unitFont.Dispose();
        Typeface.Dispose();
    }
}

/// <summary>
/// A font family as the reports name it: Latin letters in the first face, Chinese in the next ones that have the
/// character (as the HTML reports' CSS font lists did before ADR 14).
/// </summary>
public sealed class FaceChain(string name, IReadOnlyList<FontFace> faces)
{
    // The Basic Multilingual Plane resolved once per character: face index << 16 | glyph, -1 until resolved.
    private readonly int[] bmp = Enumerable.Repeat(-1, 0x10000).ToArray();
    private readonly ConcurrentDictionary<int, (int Face, ushort Glyph)> astral = new();

    public string Name { get; } = name;

    public IReadOnlyList<FontFace> Faces { get; } = faces;

    /// <summary>The face and glyph that draw <paramref name="codepoint"/>: the first face having it, else the last face's box.</summary>
    public (int Face, ushort Glyph) Resolve(int codepoint)
    {
        if (codepoint is < 0 or > 0xFFFF)
        {
            return astral.GetOrAdd(codepoint, Find);
        }

        var packed = bmp[codepoint];
        if (packed < 0)
        {
            var (face, glyph) = Find(codepoint);
            bmp[codepoint] = packed = (face << 16) | glyph;
        }

        return (packed >> 16, (ushort)(packed & 0xFFFF));
    }

    /// <summary>
    /// Resolves and measures every character from <paramref name="first"/> to <paramref name="last"/> (in the Basic
    /// Multilingual Plane) ahead of use, so a document's first use of a character costs no call into Skia.
    /// </summary>
    public void Prepare(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, 0xFFFF);
        for (var c = first; c <= last; c++)
        {
            var (face, glyph) = Resolve(c);
            Faces[face].Advance(glyph);
        }
    }

    private (int Face, ushort Glyph) Find(int codepoint)
    {
        for (var i = 0; i < Faces.Count; i++)
        {
            var glyph = Faces[i].Glyph(codepoint);
            if (glyph != 0)
            {
                return (i, glyph);
            }
        }

        return (Math.Max(0, Faces.Count - 1), (ushort)0);
    }
}

/// <summary>
/// The faces every native report uses (Debian packages, ADR 14): 宋体-style text in Liberation Serif
/// then 文鼎简报宋 then 文鼎明体; 黑体 in Liberation Sans then 文泉驿微米黑, 正黑 and 文鼎明体. Loaded once.
/// </summary>
public sealed class DocumentFonts : IDisposable
{
    private const string Fonts = "/usr/share/fonts/truetype/";

    private static readonly (string Path, int Index)[] SongFiles =
    [
        (Fonts + "liberation2/LiberationSerif-Regular.ttf", 0),
        (Fonts + "arphic-gbsn00lp/gbsn00lp.ttf", 0),
        (Fonts + "arphic/uming.ttc", 0),
    ];

    private static readonly (string Path, int Index)[] HeiFiles =
    [
        (Fonts + "liberation2/LiberationSans-Regular.ttf", 0),
        (Fonts + "wqy/wqy-microhei.ttc", 0),
        (Fonts + "wqy/wqy-zenhei.ttc", 0),
        (Fonts + "arphic/uming.ttc", 0),
    ];

    private static readonly (string Path, int Index)[] MonoFiles =
    [
        (Fonts + "liberation2/LiberationMono-Regular.ttf", 0),
        (Fonts + "arphic-gbsn00lp/gbsn00lp.ttf", 0),
        (Fonts + "arphic/uming.ttc", 0),
    ];

    /// <summary>The bulletin's red masthead: the heavy Song look (小标宋) of Noto Serif CJK Bold, then 文鼎简报宋.</summary>
    private static readonly (string Path, int Index)[] MastheadFiles =
    [
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
        (Fonts + "arphic-gbsn00lp/gbsn00lp.ttf", 0),
        (Fonts + "arphic/uming.ttc", 0),
    ];

    private readonly List<FontFace> opened = [];

    public DocumentFonts()
    {
        var byFile = new Dictionary<(string, int), FontFace>();
        FaceChain Chain(string name, (string Path, int Index)[] files)
        {
            var faces = new List<FontFace>();
            foreach (var file in files)
            {
                if (!byFile.TryGetValue(file, out var face))
                {
                    face = FontFace.Open(file.Path, file.Index);
                    if (face is null)
                    {
                        continue;
                    }

                    byFile[file] = face;
                    opened.Add(face);
                }

                faces.Add(face);
            }

            return new FaceChain(name, faces);
        }

        Song = Chain("宋体", SongFiles);
        Hei = Chain("黑体", HeiFiles);
        Mono = Chain("等宽", MonoFiles);
        Masthead = Chain("标宋", MastheadFiles);
        Missing = SongFiles.Concat(HeiFiles).Concat(MonoFiles).Concat(MastheadFiles).Select(f => f.Path).Distinct().Where(p => !File.Exists(p)).ToList();
    }

    /// <summary>The Debian packages holding the faces (scripts/common.sh installs them).</summary>
    public static readonly IReadOnlyList<string> Packages =
        ["fonts-liberation2", "fonts-arphic-gbsn00lp", "fonts-arphic-uming", "fonts-wqy-microhei", "fonts-wqy-zenhei", "fonts-noto-cjk"];

    public FaceChain Song { get; }

    public FaceChain Hei { get; }

    /// <summary>The bulletin's masthead (a CFF face: Skia embeds its few glyphs as Type 3).</summary>
    public FaceChain Masthead { get; }

    /// <summary>Hashes and codes: Liberation Mono.</summary>
    public FaceChain Mono { get; }

    /// <summary>Font files that are not installed (scripts/common.sh installs them); reports still print with the rest.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>True when both chains can draw Chinese.</summary>
    public bool CanDrawChinese => Song.Resolve('中').Glyph != 0 && Hei.Resolve('中').Glyph != 0;

    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (var chain in new[] { Song, Hei })
        {
            sb.Append(chain.Name).Append(": ").AppendJoin(", ", chain.Faces.Select(f => System.IO.Path.GetFileName(f.Path))).Append("; ");
        }

        return sb.ToString();
    }

    public void Dispose()
    {
        foreach (var face in opened)
        {
            face.Dispose();
        }
    }
}
