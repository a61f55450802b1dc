using SkiaSharp;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>Page size and margins in points (1/72 inch).</summary>
public sealed record PageGeometry(float Width, float Height, float Top, float Right, float Bottom, float Left)
{
    public const float Mm = 72f / 25.4f;

    /// <summary>The reports' page: 14 mm top, 12 mm sides, 16 mm bottom (the footer sits in the bottom margin).</summary>
    public static PageGeometry Of(float widthMm, float heightMm) => new(widthMm * Mm, heightMm * Mm, 14 * Mm, 12 * Mm, 16 * Mm, 12 * Mm);

    public float ContentWidth => Width - Left - Right;

    public float ContentBottom => Height - Bottom;
}

/// <summary>
/// A document written straight to PDF with Skia, without a browser: the caller lays text out and places it page by
/// page; drawing is recorded, so the page count is known before anything is written ("第 X 页 / 共 Y 页"), and each
/// font is embedded as a subset of the glyphs actually drawn (<see cref="TrueTypeSubsetter"/>).
/// </summary>
public sealed class PdfComposer(DocumentFonts fonts, PageGeometry geometry)
{
    private readonly List<List<Op>> pages = [];

    public DocumentFonts Fonts { get; } = fonts;

    public PageGeometry Page { get; } = geometry;

    public int PageCount => pages.Count;

    /// <summary>Zero-based index of the page being drawn.</summary>
    public int PageIndex => pages.Count - 1;

    /// <summary>The vertical position where the next block goes on the current page.</summary>
    public float Y { get; set; }

    public float Remaining => Page.ContentBottom - Y;

    public void NewPage()
    {
        pages.Add([]);
        Y = Page.Top;
    }

    /// <summary>Switches drawing to an earlier page (for footers once the page count is known).</summary>
    public void DrawOn(int pageIndex, Action draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        target = pageIndex;
        try
        {
            draw();
        }
        finally
        {
            target = null;
        }
    }

    private int? target;

    private List<Op> Ops => pages[target ?? PageIndex];

    /// <summary>Draws lines <paramref name="first"/>.. of laid text, the first line's top at <paramref name="top"/>, aligned in a box of <paramref name="width"/>.</summary>
    public void Text(LaidText text, float x, float top, float width, TextAlign align = TextAlign.Left, int first = 0, int count = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var style = text.Style;
        var end = (int)Math.Min((long)first + count, text.Lines.Count);
        for (var i = first; i < end; i++)
        {
            var line = text.Lines[i];
            var lineTop = top + ((i - first) * style.LineAdvance);
            var dx = line.Indent + align switch
            {
                TextAlign.Center => (width - line.Indent - line.Width) / 2,
                TextAlign.Right => width - line.Indent - line.Width,
                _ => 0f,
            };
            var glyphs = line.Runs.Sum(r => r.Glyphs.Length);
            var spread = align == TextAlign.Justify && !line.EndsParagraph && glyphs > 1
                ? Math.Max(0f, width - line.Indent - line.Width) / (glyphs - 1)
                : 0f;
            var index = 0;
            foreach (var source in line.Runs)
            {
                var run = source;
                if (spread > 0)
                {
                    var xs = new float[run.X.Length];
                    for (var k = 0; k < xs.Length; k++)
                    {
                        xs[k] = run.X[k] + ((index + k) * spread);
                    }

                    run = run with { X = xs };
                }

                index += run.Glyphs.Length;
                // The baseline sits as CSS puts it: half the leading above the ascent.
                var face = run.Face;
                var contentHeight = (face.Ascent + face.Descent) * style.Size;
                var baseline = lineTop + ((style.LineAdvance - contentHeight) / 2) + (face.Ascent * style.Size);
                Ops.Add(new TextOp(x + dx, baseline, style.Size, style.Color, run));
            }
        }
    }

    /// <summary>
    /// Draws laid text across the page in the flow, starting at <see cref="Y"/> and continuing on new pages as needed
    /// (a paragraph splits between lines); with <paramref name="keepLines"/> the first lines stay together.
    /// </summary>
    public void Flow(LaidText text, TextAlign align = TextAlign.Left, int keepLines = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var advance = text.Style.LineAdvance;
        if (Remaining < Math.Min(keepLines, text.Lines.Count) * advance)
        {
            NewPage();
        }

        var first = 0;
        while (first < text.Lines.Count)
        {
            var fit = Math.Max(1, (int)Math.Floor((Remaining + 0.01f) / advance));
            var count = Math.Min(fit, text.Lines.Count - first);
            Text(text, Page.Left, Y, Page.ContentWidth, align, first, count);
            Y += count * advance;
            first += count;
            if (first < text.Lines.Count)
            {
                NewPage();
            }
        }
    }

    /// <summary>Lays out and draws a string in one go; returns its height.</summary>
    public float Text(string text, TextStyle style, float x, float top, float width, TextAlign align = TextAlign.Left)
    {
        var laid = TextLayout.Layout(text, style, width);
        Text(laid, x, top, width, align);
        return laid.Height;
    }

    public void Fill(SKRect rect, SKColor color) => Ops.Add(new RectOp(rect, color));

    /// <summary>
    /// A path filled and/or stroked (dashed when <paramref name="dash"/> is given). The composer keeps the path.
    /// </summary>
    public void Path(SKPath path, SKColor? fill, SKColor? stroke, float strokeWidth = 1f, float[]? dash = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Ops.Add(new PathOp(path, fill, stroke, strokeWidth, dash));
    }

    /// <summary>One line of text with its baseline at <paramref name="baseline"/> (as SVG places text), anchored at <paramref name="x"/>.</summary>
    public void TextOnBaseline(string text, TextStyle style, float x, float baseline, TextAlign anchor = TextAlign.Left)
    {
        ArgumentNullException.ThrowIfNull(style);
        var laid = TextLayout.Layout(text, style, float.MaxValue / 4);
        if (laid.Lines.Count == 0)
        {
            return;
        }

        var line = laid.Lines[0];
        var start = anchor switch
        {
            TextAlign.Center => x - (line.Width / 2),
            TextAlign.Right => x - line.Width,
            _ => x,
        };
        foreach (var run in line.Runs)
        {
            Ops.Add(new TextOp(start, baseline, style.Size, style.Color, run));
        }
    }

    public void Line(float x0, float y0, float x1, float y1, float width, SKColor color) => Ops.Add(new LineOp(x0, y0, x1, y1, width, color));

    /// <summary>Writes the PDF (once: the paths drawn are released). Each face is embedded once, cut to the glyphs drawn with it.</summary>
    public void Write(Stream output, string title, string author)
    {
        ArgumentNullException.ThrowIfNull(output);
        var used = new Dictionary<FontFace, HashSet<ushort>>();
        foreach (var op in pages.SelectMany(p => p).OfType<TextOp>())
        {
            if (!used.TryGetValue(op.Run.Face, out var set))
            {
                used[op.Run.Face] = set = [];
            }

            set.UnionWith(op.Run.Glyphs);
        }

        var typefaces = new Dictionary<FontFace, SKTypeface>();
        try
        {
            foreach (var (face, glyphs) in used)
            {
                typefaces[face] = face.CanSubset
                    ? SKTypeface.FromData(SKData.CreateCopy(TrueTypeSubsetter.Subset(face.Data, face.Index, glyphs)), 0) ?? face.Typeface
                    : face.Typeface;
            }

            var metadata = new SKDocumentPdfMetadata
            {
                Title = title,
                Author = author,
                Creator = "巡察整改销号管理系统",
                Producer = "巡察整改销号管理系统",
                Creation = DateTime.Now,
                Modified = DateTime.Now,
                RasterDpi = 300,
                EncodingQuality = 101,
            };
            using var document = SKDocument.CreatePdf(output, metadata);
            using var paint = new SKPaint { IsAntialias = true };
            var fontCache = new Dictionary<(FontFace, float), SKFont>();
            try
            {
                foreach (var page in pages)
                {
                    var canvas = document.BeginPage(Page.Width, Page.Height);
                    // Shapes first, in order (cell fills lie under the text), then the page's text: one text blob per
                    // colour, each run positioned on its own baseline (one drawing call instead of one per run).
                    foreach (var op in page)
                    {
                        switch (op)
                        {
                            case RectOp r:
                                paint.Style = SKPaintStyle.Fill;
                                paint.Color = r.Color;
                                canvas.DrawRect(r.Rect, paint);
                                break;
                            case LineOp l:
                                paint.Style = SKPaintStyle.Stroke;
                                paint.Color = l.Color;
                                paint.StrokeWidth = l.Width;
                                canvas.DrawLine(l.X0, l.Y0, l.X1, l.Y1, paint);
                                break;
                            case PathOp p:
                                if (p.Fill is { } fill)
                                {
                                    paint.Style = SKPaintStyle.Fill;
                                    paint.Color = fill;
                                    canvas.DrawPath(p.Path, paint);
                                }

                                if (p.Stroke is { } stroke)
                                {
                                    using var dashed = p.Dash is { } intervals ? SKPathEffect.CreateDash(intervals, 0) : null;
                                    paint.Style = SKPaintStyle.Stroke;
                                    paint.Color = stroke;
                                    paint.StrokeWidth = p.Width;
                                    paint.PathEffect = dashed;
                                    canvas.DrawPath(p.Path, paint);
                                    paint.PathEffect = null;
                                }

                                break;
                        }
                    }

                    // The text in the order it was laid out (readers extract it in this order): one blob per stretch of
                    // one colour, one positioned run per stretch of one face and size: a few native calls per page.
                    var text = page.OfType<TextOp>().ToList();
                    var i = 0;
                    while (i < text.Count)
                    {
                        var colour = text[i].Color;
                        using var builder = new SKTextBlobBuilder();
                        while (i < text.Count && text[i].Color == colour)
                        {
                            var key = (text[i].Run.Face, text[i].Size);
                            var j = i;
                            int glyphCount = 0, byteCount = 0;
                            while (j < text.Count && text[j].Color == colour && text[j].Run.Face == key.Face && text[j].Size == key.Size)
                            {
                                glyphCount += text[j].Run.Glyphs.Length;
                                byteCount += text[j].Run.Utf8.Length;
                                j++;
                            }

                            if (!fontCache.TryGetValue(key, out var font))
                            {
                                font = new SKFont(typefaces[key.Face], key.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
                                fontCache[key] = font;
                            }

                            var run = builder.AllocatePositionedTextRun(font, glyphCount, byteCount, null);
                            var glyphs = run.Glyphs;
                            var positions = run.Positions;
                            var utf8 = run.Text;
                            var clusters = run.Clusters;
                            int g = 0, b = 0;
                            for (var k = i; k < j; k++)
                            {
                                var t = text[k];
                                t.Run.Glyphs.CopyTo(glyphs[g..]);
                                t.Run.Utf8.CopyTo(utf8[b..]);
                                for (var n = 0; n < t.Run.Glyphs.Length; n++)
                                {
                                    positions[g + n] = new SKPoint(t.X + t.Run.X[n], t.Baseline);
                                    clusters[g + n] = (uint)b + t.Run.Clusters[n];
                                }

                                g += t.Run.Glyphs.Length;
                                b += t.Run.Utf8.Length;
                            }

                            i = j;
                        }

                        using var blob = builder.Build();
                        if (blob is not null)
                        {
                            paint.Style = SKPaintStyle.Fill;
                            paint.Color = colour;
                            canvas.DrawText(blob, 0, 0, paint);
                        }
                    }

                    document.EndPage();
                }

                document.Close();
            }
            finally
            {
                foreach (var font in fontCache.Values)
                {
                    font.Dispose();
                }
            }
        }
        finally
        {
            foreach (var (face, typeface) in typefaces)
            {
                if (!ReferenceEquals(typeface, face.Typeface))
                {
                    typeface.Dispose();
                }
            }

            foreach (var path in pages.SelectMany(p => p).OfType<PathOp>())
            {
                path.Path.Dispose();
            }
        }
    }

    private abstract record Op;

    private sealed record TextOp(float X, float Baseline, float Size, SKColor Color, GlyphRun Run) : Op;

    private sealed record RectOp(SKRect Rect, SKColor Color) : Op;

    private sealed record LineOp(float X0, float Y0, float X1, float Y1, float Width, SKColor Color) : Op;

    private sealed record PathOp(SKPath Path, SKColor? Fill, SKColor? Stroke, float Width, float[]? Dash) : Op;
}
