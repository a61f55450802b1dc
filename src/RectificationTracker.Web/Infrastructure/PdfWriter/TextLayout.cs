using System.Text;
using SkiaSharp;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>How a piece of text is set: family, size in points, colour, line height (× size) and extra space after each character.</summary>
/// <param name="FirstLineIndent">Indent of each paragraph's first line in points (official documents indent two characters).</param>
public sealed record TextStyle(FaceChain Chain, float Size, SKColor Color, float LineHeight = 1.4f, float LetterSpacing = 0f, float FirstLineIndent = 0f)
{
    public float LineAdvance => Size * LineHeight;
}

public enum TextAlign
{
    Left,
    Center,
    Right,

    /// <summary>Both edges straight: the space left on a line is spread between its characters (not on a paragraph's last line).</summary>
    Justify,
}

/// <summary>
/// Glyphs of one face on one line, with their x offsets from the line's start, and the characters they draw (UTF-8,
/// with each glyph's byte offset in <see cref="Utf8"/>): a PDF reader copies and searches these, whatever the font's own
/// character map says. The runs of a line are slices of the line's own buffers (one set of arrays per line, not per run).
/// </summary>
public sealed record GlyphRun(FontFace Face, ReadOnlyMemory<ushort> Glyphs, ReadOnlyMemory<float> X, ReadOnlyMemory<byte> Utf8, ReadOnlyMemory<uint> Clusters);

/// <summary>One laid-out line: its runs, its width, its indent, and whether a paragraph ends with it.</summary>
public sealed record TextLine(IReadOnlyList<GlyphRun> Runs, float Width, float Indent = 0f, bool EndsParagraph = true);

/// <summary>Text broken into lines for a width, in one style.</summary>
public sealed record LaidText(TextStyle Style, IReadOnlyList<TextLine> Lines)
{
    public float Height => Lines.Count * Style.LineAdvance;

    public float Width => Lines.Count == 0 ? 0 : Lines.Max(l => l.Width);
}

/// <summary>
/// Line breaking for Chinese official documents: a line may break between any two Chinese characters and at
/// spaces; Latin words and numbers stay whole unless longer than the line (then they break anywhere, as CSS
/// <c>overflow-wrap: anywhere</c>); closing punctuation never starts a line and opening punctuation never ends one.
/// </summary>
public static class TextLayout
{
    private const string NoLineStart = "，。、；：？！）》」』】〕”’…—·%,.;:!?)]}>°";
    private const string NoLineEnd = "（《「『【〔“‘([{<";

    public static LaidText Layout(string? text, TextStyle style, float maxWidth)
    {
        ArgumentNullException.ThrowIfNull(style);
        var lines = new List<TextLine>();
        if (string.IsNullOrEmpty(text))
        {
            return new LaidText(style, lines);
        }

        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            LayoutParagraph(paragraph, style, Math.Max(maxWidth, style.Size), lines);
        }

        return new LaidText(style, lines);
    }

    // One buffer of characters per thread, reused paragraph after paragraph (a long report lays out ~100,000).
    [ThreadStatic]
    private static List<Cluster>? scratch;

    private readonly record struct Cluster(int Codepoint, int Face, ushort Glyph, float Advance);

    private static void LayoutParagraph(string text, TextStyle style, float maxWidth, List<TextLine> lines)
    {
        var clusters = scratch ??= new List<Cluster>(256);
        clusters.Clear();
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == '\t')
            {
                c = ' ';
            }
            else if (Rune.IsControl(rune))
            {
                continue;
            }

            var (face, glyph) = style.Chain.Resolve(c);
            clusters.Add(new Cluster(c, face, glyph, (style.Chain.Faces[face].Advance(glyph) * style.Size) + style.LetterSpacing));
        }

        if (clusters.Count == 0)
        {
            lines.Add(new TextLine([], 0));
            return;
        }

        var firstLine = lines.Count;
        var start = 0;
        while (start < clusters.Count)
        {
            // Spaces at the start of a wrapped line are dropped.
            if (lines.Count > 0 && start > 0)
            {
                while (start < clusters.Count && clusters[start].Codepoint == ' ')
                {
                    start++;
                }

                if (start == clusters.Count)
                {
                    break;
                }
            }

            var indent = start == 0 ? Math.Min(style.FirstLineIndent, maxWidth / 2) : 0f;
            var width = indent;
            var end = start;
            var lastBreak = -1;
            while (end < clusters.Count)
            {
                if (end > start && CanBreakBefore(clusters, end))
                {
                    lastBreak = end;
                }

                if (end > start && width + clusters[end].Advance > maxWidth + 0.01f && clusters[end].Codepoint != ' ')
                {
                    break;
                }

                width += clusters[end].Advance;
                end++;
            }

            if (end < clusters.Count && lastBreak > start)
            {
                end = lastBreak;
            }
            else if (end < clusters.Count)
            {
                // No break opportunity on the line: it breaks where the text no longer fits, but closing punctuation
                // stays with the character before it (hanging past the edge) and opening punctuation moves down.
                while (end - 1 > start && IsNoLineEnd(clusters[end - 1].Codepoint))
                {
                    end--;
                }

                if (IsNoLineEnd(clusters[end - 1].Codepoint))
                {
                    end++; // a line of nothing but an opening bracket takes the character after it
                }

                while (end < clusters.Count && IsNoLineStart(clusters[end].Codepoint))
                {
                    end++;
                }
            }

            lines.Add(Line(style.Chain, clusters, start, end) with { Indent = indent, EndsParagraph = false });
            start = end;
        }

        if (lines.Count > firstLine)
        {
            lines[^1] = lines[^1] with { EndsParagraph = true };
        }
    }

    private static bool CanBreakBefore(List<Cluster> clusters, int i)
    {
        var prev = clusters[i - 1].Codepoint;
        var cur = clusters[i].Codepoint;
        if (cur == ' ')
        {
            return false; // a space stays at the end of the line it follows
        }

        if (prev == ' ')
        {
            return true;
        }

        if (IsNoLineStart(cur) || IsNoLineEnd(prev))
        {
            return false;
        }

        return IsWide(prev) || IsWide(cur) || prev == '/' || prev == '-';
    }

    private static bool IsNoLineStart(int c) => c <= 0xFFFF && NoLineStart.Contains((char)c, StringComparison.Ordinal);

    private static bool IsNoLineEnd(int c) => c <= 0xFFFF && NoLineEnd.Contains((char)c, StringComparison.Ordinal);

    /// <summary>Chinese characters, full-width forms and CJK punctuation: a line may break on either side.</summary>
    private static bool IsWide(int c) =>
        c >= 0x2E80 && (c <= 0x9FFF || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000);

    private static TextLine Line(FaceChain chain, List<Cluster> clusters, int start, int end)
    {
        // Trailing spaces take no width.
        var last = end;
        while (last > start && clusters[last - 1].Codepoint == ' ')
        {
            last--;
        }

        // One set of buffers for the line, sliced into its runs (a run is a stretch of one face).
        var count = last - start;
        var glyphs = new ushort[count];
        var xs = new float[count];
        var offsets = new uint[count];
        var length = 0;
        for (var k = start; k < last; k++)
        {
            length += new Rune(clusters[k].Codepoint).Utf8SequenceLength;
        }

        var utf8 = new byte[length];
        var runs = new List<GlyphRun>(2);
        var x = 0f;
        var bytes = 0;
        var i = start;
        while (i < last)
        {
            var face = clusters[i].Face;
            var runBytes = bytes;
            var j = i;
            for (; j < last && clusters[j].Face == face; j++)
            {
                glyphs[j - start] = clusters[j].Glyph;
                xs[j - start] = x;
                offsets[j - start] = (uint)(bytes - runBytes);
                bytes += new Rune(clusters[j].Codepoint).EncodeToUtf8(utf8.AsSpan(bytes));
                x += clusters[j].Advance;
            }

            runs.Add(new GlyphRun(chain.Faces[face], glyphs.AsMemory(i - start, j - i), xs.AsMemory(i - start, j - i),
                utf8.AsMemory(runBytes, bytes - runBytes), offsets.AsMemory(i - start, j - i)));
            i = j;
        }

        return new TextLine(runs, x);
    }

}
