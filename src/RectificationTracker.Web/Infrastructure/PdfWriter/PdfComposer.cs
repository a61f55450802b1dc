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
public sealed class PdfComposer(PageGeometry geometry)
{
    private readonly List<PageRecording> pages = [];
    private readonly List<FontFace> faces = [];

    public PageGeometry Page { get; } = geometry;

    public int PageCount => pages.Count;

    /// <summary>Zero-based index of the page being drawn.</summary>
    public int PageIndex => pages.Count - 1;

    /// <summary>The vertical position where the next block goes on the current page.</summary>
    public float Y { get; set; }

    public float Remaining => Page.ContentBottom - Y;

    public void NewPage()
    {
        // A page is sized like the one before it (a long table's pages are much alike), so its buffers rarely grow.
        pages.Add(pages.Count == 0 ? new PageRecording() : new PageRecording(pages[^1]));
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

    private PageRecording Ops => pages[target ?? PageIndex];

    private int FaceId(FontFace face)
    {
        var id = faces.IndexOf(face);
        if (id < 0)
        {
            faces.Add(face);
            id = faces.Count - 1;
        }

        return id;
    }

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
            var spread = 0f;
            if (align == TextAlign.Justify && !line.EndsParagraph)
            {
                var glyphs = 0;
                for (var r = 0; r < line.Runs.Count; r++) // by index: no boxed enumerator per line
                {
                    glyphs += line.Runs[r].Glyphs.Length;
                }

                spread = glyphs > 1 ? Math.Max(0f, width - line.Indent - line.Width) / (glyphs - 1) : 0f;
            }

            var index = 0;
            for (var r = 0; r < line.Runs.Count; r++)
            {
                var run = line.Runs[r];
                if (spread > 0)
                {
                    var xs = new float[run.X.Length];
                    var from = run.X.Span;
                    for (var k = 0; k < xs.Length; k++)
                    {
                        xs[k] = from[k] + ((index + k) * spread);
                    }

                    run = run with { X = xs };
                }

                index += run.Glyphs.Length;
                // The baseline sits as CSS puts it: half the leading above the ascent.
                var face = run.Face;
                var contentHeight = (face.Ascent + face.Descent) * style.Size;
                var baseline = lineTop + ((style.LineAdvance - contentHeight) / 2) + (face.Ascent * style.Size);
                Ops.AddText(FaceId(face), style.Size, style.Color, run, x + dx, baseline);
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

    public void Fill(SKRect rect, SKColor color) => Ops.AddShape(new Shape(ShapeKind.Rect, rect, color, 0f, -1, null, null));

    /// <summary>
    /// A path filled and/or stroked (dashed when <paramref name="dash"/> is given). The composer keeps the path.
    /// </summary>
    public void Path(SKPath path, SKColor? fill, SKColor? stroke, float strokeWidth = 1f, float[]? dash = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Ops.Paths.Add(path);
        Ops.AddShape(new Shape(ShapeKind.Path, default, fill ?? SKColors.Transparent, strokeWidth, Ops.Paths.Count - 1, stroke, dash) { HasFill = fill is not null });
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
        for (var r = 0; r < line.Runs.Count; r++)
        {
            Ops.AddText(FaceId(line.Runs[r].Face), style.Size, style.Color, line.Runs[r], start, baseline);
        }
    }

    /// <summary>
    /// A straight line. A table's rules come cell by cell; on the page they are joined: a vertical line that continues
    /// one ending where it starts is drawn as one, and a horizontal line already drawn is not drawn again (a row's top
    /// is the row above's bottom), unless a fill or path came between, which must stay under the lines drawn after it.
    /// A ledger's 50,000 rule segments become about 6,000 lines, and look the same.
    /// </summary>
    public void Line(float x0, float y0, float x1, float y1, float width, SKColor color) =>
        Ops.AddLine(new Shape(ShapeKind.Line, new SKRect(x0, y0, x1, y1), color, width, -1, null, null));

    /// <summary>
    /// Writes the PDF (once: the paths drawn are released). Each face is embedded once, cut to the glyphs drawn with it.
    /// A long document is written in parts on as many cores as are free (<see cref="ReportCores"/>), or on
    /// <paramref name="writers"/> threads when given, and joined (<see cref="PdfJoin"/>).
    /// </summary>
    public void Write(Stream output, string title, string author, int? writers = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        // The character each glyph of each face drew (one glyph per character: TextLayout); a missing character's box
        // is glyph 0, which every subset keeps.
        var characters = faces.Select(_ => new Dictionary<int, ushort>()).ToList();
        foreach (var page in pages)
        {
            foreach (var span in page.Spans)
            {
                var map = characters[span.Face];
                for (var g = span.GlyphStart; g < span.GlyphStart + span.GlyphCount; g++)
                {
                    var glyph = page.Glyphs[g];
                    if (glyph != 0 && System.Text.Rune.DecodeFromUtf8(page.Utf8.AsSpan((int)page.Clusters[g]), out var rune, out _) == System.Buffers.OperationStatus.Done)
                    {
                        map.TryAdd(rune.Value, glyph);
                    }
                }
            }
        }

        var typefaces = new SKTypeface[faces.Count];
        try
        {
            for (var f = 0; f < faces.Count; f++)
            {
                typefaces[f] = faces[f].SubsetTypeface(characters[f].Values, characters[f]);
            }

            var now = DateTime.Now;
            SKDocumentPdfMetadata Metadata() => new()
            {
                Title = title,
                Author = author,
                Creator = "巡察整改销号管理系统",
                Producer = "巡察整改销号管理系统",
                Creation = now,
                Modified = now,
                RasterDpi = 300,
                EncodingQuality = 101,
            };

            var wanted = Math.Min(MaxParts, pages.Count / PagesPerPart);
            var borrowed = writers is null && wanted > 1 ? ReportCores.Borrow(wanted - 1) : 0;
            try
            {
                var ranges = Split(writers ?? (1 + borrowed));
                if (ranges.Count == 1)
                {
                    WritePages(output, Metadata(), typefaces, 0, pages.Count);
                    return;
                }

                // A long document on more than one core: each range of pages is a PDF of its own, written at once on
                // its own thread with the same font subsets, and the parts are joined in page order. Parallel.For returns
                // (or throws) only once every part has stopped, so no thread still draws when the typefaces are released.
                var parts = new MemoryStream[ranges.Count];
                Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = ranges.Count },
                    k => parts[k] = WritePart(Metadata(), typefaces, ranges[k]));
                PdfJoin.Join(parts.Select(p => new ReadOnlyMemory<byte>(p.GetBuffer(), 0, (int)p.Length)).ToArray(), output);
            }
            finally
            {
                ReportCores.Release(borrowed);
            }
        }
        finally
        {
            for (var f = 0; f < faces.Count; f++)
            {
                if (typefaces[f] is { } typeface && !ReferenceEquals(typeface, faces[f].Typeface))
                {
                    typeface.Dispose();
                }
            }

            foreach (var path in pages.SelectMany(p => p.Paths))
            {
                path.Dispose();
            }
        }
    }

    /// <summary>A document is written in parts only when each part has at least this many pages.</summary>
    public const int PagesPerPart = 24;

    /// <summary>At most this many parts (more threads gain little: the join and each part's fonts cost more).</summary>
    public const int MaxParts = 4;

    /// <summary>Consecutive page ranges of about equal writing work, one per writer, none shorter than half of <see cref="PagesPerPart"/>.</summary>
    private List<Range> Split(int writers)
    {
        var count = Math.Max(1, Math.Min(writers, pages.Count / PagesPerPart));
        if (count == 1)
        {
            return [0..pages.Count];
        }

        // Skia's work on a page goes with its text objects, glyphs and shapes.
        var weights = pages.Select(p => (p.Spans.Count * 8L) + p.GlyphCount + (p.Shapes.Count * 2L)).ToArray();
        var total = weights.Sum();
        var ranges = new List<Range>(count);
        var start = 0;
        long sum = 0;
        for (var i = 0; i < pages.Count && ranges.Count < count - 1; i++)
        {
            sum += weights[i];
            if (sum * count >= total * (ranges.Count + 1) && i + 1 - start >= PagesPerPart / 2 && pages.Count - (i + 1) >= PagesPerPart / 2)
            {
                ranges.Add(start..(i + 1));
                start = i + 1;
            }
        }

        ranges.Add(start..pages.Count);
        return ranges;
    }

    private MemoryStream WritePart(SKDocumentPdfMetadata metadata, SKTypeface[] typefaces, Range range)
    {
        var stream = new MemoryStream();
        var (offset, length) = range.GetOffsetAndLength(pages.Count);
        WritePages(stream, metadata, typefaces, offset, offset + length);
        return stream;
    }

    /// <summary>Writes pages [<paramref name="from"/>, <paramref name="to"/>) as one PDF.</summary>
    private void WritePages(Stream output, SKDocumentPdfMetadata metadata, SKTypeface[] typefaces, int from, int to)
    {
        using var document = SKDocument.CreatePdf(output, metadata);
        using var paint = new SKPaint { IsAntialias = true };
        var fontCache = new Dictionary<(int, float), SKFont>();
        try
        {
            for (var p = from; p < to; p++)
            {
                var page = pages[p];
                var canvas = document.BeginPage(Page.Width, Page.Height);
                // Shapes first, in order (cell fills lie under the text), then the page's text.
                foreach (var shape in page.Shapes)
                {
                    switch (shape.Kind)
                    {
                        case ShapeKind.Rect:
                            paint.Style = SKPaintStyle.Fill;
                            paint.Color = shape.Color;
                            canvas.DrawRect(shape.Rect, paint);
                            break;
                        case ShapeKind.Line:
                            paint.Style = SKPaintStyle.Stroke;
                            paint.Color = shape.Color;
                            paint.StrokeWidth = shape.Width;
                            canvas.DrawLine(shape.Rect.Left, shape.Rect.Top, shape.Rect.Right, shape.Rect.Bottom, paint);
                            break;
                        case ShapeKind.Path:
                            var path = page.Paths[shape.PathIndex];
                            if (shape.HasFill)
                            {
                                paint.Style = SKPaintStyle.Fill;
                                paint.Color = shape.Color;
                                canvas.DrawPath(path, paint);
                            }

                            if (shape.Stroke is { } stroke)
                            {
                                using var dashed = shape.Dash is { } intervals ? SKPathEffect.CreateDash(intervals, 0) : null;
                                paint.Style = SKPaintStyle.Stroke;
                                paint.Color = stroke;
                                paint.StrokeWidth = shape.Width;
                                paint.PathEffect = dashed;
                                canvas.DrawPath(path, paint);
                                paint.PathEffect = null;
                            }

                            break;
                    }
                }

                // The text in the order it was laid out (readers extract it in this order): one blob per stretch of
                // one colour, one run per span (a stretch of one face and size: horizontal on one baseline, else
                // positioned glyph by glyph).
                var spans = page.Spans;
                var i = 0;
                while (i < spans.Count)
                {
                    var colour = spans[i].Color;
                    using var builder = new SKTextBlobBuilder();
                    for (; i < spans.Count && spans[i].Color == colour; i++)
                    {
                        var span = spans[i];
                        if (!fontCache.TryGetValue((span.Face, span.Size), out var font))
                        {
                            font = new SKFont(typefaces[span.Face], span.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
                            fontCache[(span.Face, span.Size)] = font;
                        }

                        SKTextRunBuffer run;
                        if (span.OneBaseline)
                        {
                            var horizontal = builder.AllocateHorizontalTextRun(font, span.GlyphCount, page.Positions[span.GlyphStart].Y, span.ByteCount, null);
                            var xs = horizontal.Positions;
                            for (var n = 0; n < span.GlyphCount; n++)
                            {
                                xs[n] = page.Positions[span.GlyphStart + n].X;
                            }

                            run = horizontal;
                        }
                        else
                        {
                            var positioned = builder.AllocatePositionedTextRun(font, span.GlyphCount, span.ByteCount, null);
                            page.Positions.AsSpan(span.GlyphStart, span.GlyphCount).CopyTo(positioned.Positions);
                            run = positioned;
                        }

                        page.Glyphs.AsSpan(span.GlyphStart, span.GlyphCount).CopyTo(run.Glyphs);

                        page.Utf8.AsSpan(span.ByteStart, span.ByteCount).CopyTo(run.Text);
                        var clusters = run.Clusters;
                        for (var n = 0; n < span.GlyphCount; n++)
                        {
                            clusters[n] = page.Clusters[span.GlyphStart + n] - (uint)span.ByteStart;
                        }
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
    private enum ShapeKind
    {
        Rect,
        Line,
        Path,
    }

    /// <summary>A rectangle, a line (from Rect's left-top to right-bottom) or a recorded path.</summary>
    private readonly record struct Shape(ShapeKind Kind, SKRect Rect, SKColor Color, float Width, int PathIndex, SKColor? Stroke, float[]? Dash)
    {
        public bool HasFill { get; init; }
    }

    /// <summary>
    /// Glyphs of one face, size and colour drawn one after the other (on one baseline or over several lines): a slice of
    /// the page's buffers.
    /// </summary>
    private record struct TextSpan(int Face, float Size, SKColor Color, int GlyphStart, int GlyphCount, int ByteStart, int ByteCount, bool OneBaseline);

    /// <summary>
    /// One page's drawing, held in a few flat buffers (a long report records ~100,000 runs: as separate objects they
    /// would keep the garbage collector copying them from generation to generation).
    /// </summary>
    private sealed class PageRecording
    {
        public PageRecording()
        {
        }

        public PageRecording(PageRecording like)
        {
            Shapes = new List<Shape>(like.Shapes.Count + 8);
            Spans = new List<TextSpan>(like.Spans.Count + 8);
            Glyphs = new ushort[Math.Max(512, like.glyphs + (like.glyphs / 8))];
            Positions = new SKPoint[Glyphs.Length];
            Clusters = new uint[Glyphs.Length];
            Utf8 = new byte[Math.Max(1536, like.bytes + (like.bytes / 8))];
        }

        public List<Shape> Shapes { get; } = [];

        /// <summary>Vertical lines that a line starting at their lower end continues: (x, width, colour) → shape index.</summary>
        private readonly Dictionary<(float X, float Width, SKColor Color), int> openVerticals = [];

        /// <summary>Horizontal lines drawn since the last fill or path.</summary>
        private readonly HashSet<(float Y, float X0, float X1, float Width, SKColor Color)> horizontals = [];

        public void AddShape(Shape shape)
        {
            openVerticals.Clear();
            horizontals.Clear();
            Shapes.Add(shape);
        }

        public void AddLine(Shape line)
        {
            var r = line.Rect;
            if (r.Left == r.Right && r.Top <= r.Bottom)
            {
                var key = (r.Left, line.Width, line.Color);
                if (openVerticals.TryGetValue(key, out var index) && Math.Abs(Shapes[index].Rect.Bottom - r.Top) < 0.01f)
                {
                    var open = Shapes[index];
                    if (r.Bottom > open.Rect.Bottom)
                    {
                        Shapes[index] = open with { Rect = new SKRect(open.Rect.Left, open.Rect.Top, open.Rect.Right, r.Bottom) };
                    }

                    return;
                }

                openVerticals[key] = Shapes.Count;
            }
            else if (r.Top == r.Bottom && !horizontals.Add((r.Top, r.Left, r.Right, line.Width, line.Color)))
            {
                return;
            }

            Shapes.Add(line);
        }

        public List<SKPath> Paths { get; } = [];

        public List<TextSpan> Spans { get; } = [];

        public ushort[] Glyphs { get; private set; } = new ushort[512];

        public SKPoint[] Positions { get; private set; } = new SKPoint[512];

        /// <summary>Each glyph's byte offset in <see cref="Utf8"/> (from the page's start).</summary>
        public uint[] Clusters { get; private set; } = new uint[512];

        public byte[] Utf8 { get; private set; } = new byte[1536];

        private int glyphs;

        public int GlyphCount => glyphs;
        private int bytes;

        public void AddText(int face, float size, SKColor color, GlyphRun run, float x, float baseline)
        {
            var n = run.Glyphs.Length;
            if (glyphs + n > Glyphs.Length)
            {
                var capacity = Math.Max(Glyphs.Length * 2, glyphs + n);
                Glyphs = Grow(Glyphs, capacity);
                Positions = Grow(Positions, capacity);
                Clusters = Grow(Clusters, capacity);
            }

            if (bytes + run.Utf8.Length > Utf8.Length)
            {
                Utf8 = Grow(Utf8, Math.Max(Utf8.Length * 2, bytes + run.Utf8.Length));
            }

            run.Glyphs.Span.CopyTo(Glyphs.AsSpan(glyphs));
            run.Utf8.Span.CopyTo(Utf8.AsSpan(bytes));
            var xs = run.X.Span;
            var clusters = run.Clusters.Span;
            for (var k = 0; k < n; k++)
            {
                Positions[glyphs + k] = new SKPoint(x + xs[k], baseline);
                Clusters[glyphs + k] = (uint)bytes + clusters[k];
            }

            // Text of one face, size and colour drawn one after the other is one span, across lines and cells: Skia writes
            // each span as one text object (BT … ET) whose glyphs move with Td, and its cost is mostly per span.
            if (Spans.Count > 0 && Spans[^1] is var last && last.Face == face && last.Size == size && last.Color == color)
            {
                Spans[^1] = last with
                {
                    GlyphCount = last.GlyphCount + n, ByteCount = last.ByteCount + run.Utf8.Length,
                    OneBaseline = last.OneBaseline && Positions[last.GlyphStart].Y == baseline,
                };
            }
            else
            {
                Spans.Add(new TextSpan(face, size, color, glyphs, n, bytes, run.Utf8.Length, OneBaseline: true));
            }

            glyphs += n;
            bytes += run.Utf8.Length;
        }

        private static T[] Grow<T>(T[] array, int capacity)
        {
            var grown = new T[capacity];
            array.CopyTo(grown, 0);
            return grown;
        }
    }
}
