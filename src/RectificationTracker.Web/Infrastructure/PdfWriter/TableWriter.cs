using SkiaSharp;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>A paragraph inside a table cell.</summary>
public sealed record CellBlock(string? Text, TextStyle Style, TextAlign Align = TextAlign.Left);

/// <summary>A table cell: paragraphs stacked top to bottom (vertically centred when <see cref="Middle"/>).</summary>
public sealed record TableCell(IReadOnlyList<CellBlock> Blocks, int ColSpan = 1, SKColor? Fill = null, bool Middle = false)
{
    public static TableCell Of(string? text, TextStyle style, TextAlign align = TextAlign.Left) => new([new CellBlock(text, style, align)]);
}

/// <summary>A table row for <see cref="TableWriter.Rows"/>; with <paramref name="KeepWithNext"/> it is placed together with the row after it.</summary>
public readonly record struct TableRow(IReadOnlyList<TableCell> Cells, bool KeepWithNext = false);

/// <summary>How a table is ruled and padded (points).</summary>
public sealed record TableStyle(float PaddingX, float PaddingY, float Border, SKColor BorderColor);

/// <summary>
/// A ruled table over pages, as the printed ledger was in HTML: fixed column widths, the header row repeated at
/// the top of every page and never left alone at a page's foot, a row never split across pages unless it alone is
/// taller than a page (then it continues line by line), and a row marked "keep with next" (a group heading) never left
/// alone at the foot of a page.
/// </summary>
public sealed class TableWriter
{
    private readonly PdfComposer doc;
    private readonly float[] widths;
    private readonly float left;
    private readonly TableStyle style;
    private readonly LaidRow? laidHeader;
    private LaidRow? held;
    private int headerOnPage = -1;

    /// <param name="fractions">Column widths as fractions of the page's content width (they are scaled to sum to 1).</param>
    /// <param name="header">The header row repeated on every page; empty for a table without one (a form).</param>
    public TableWriter(PdfComposer doc, IReadOnlyList<float> fractions, IReadOnlyList<TableCell> header, TableStyle style)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(fractions);
        this.doc = doc;
        ArgumentNullException.ThrowIfNull(header);
        this.style = style;
        var sum = fractions.Sum();
        widths = fractions.Select(f => f / sum * doc.Page.ContentWidth).ToArray();
        left = doc.Page.Left;
        laidHeader = header.Count == 0 ? null : Lay(header);
    }

    /// <summary>Adds a row; with <paramref name="keepWithNext"/> it is placed together with the row after it.</summary>
    public void Row(IReadOnlyList<TableCell> cells, bool keepWithNext = false) => Add(Lay(cells), keepWithNext);

    /// <summary>
    /// Adds rows in order, as <see cref="Row"/> one by one would, on both cores: a second thread builds and lays out each
    /// row (line breaking, the larger part of a long table's cost) while this one places the rows laid before it.
    /// </summary>
    public void Rows(IEnumerable<TableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var placing = new CancellationTokenSource();
        using var laid = new System.Collections.Concurrent.BlockingCollection<(LaidRow Row, bool KeepWithNext)>(boundedCapacity: 256);
        var layout = Task.Run(() =>
        {
            try
            {
                foreach (var row in rows)
                {
                    laid.Add((Lay(row.Cells), row.KeepWithNext), placing.Token);
                }
            }
            finally
            {
                laid.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var (row, keepWithNext) in laid.GetConsumingEnumerable())
            {
                Add(row, keepWithNext);
            }
        }
        catch
        {
            placing.Cancel(); // the layout thread stops at its next row; wait for it before the collection goes
            ((IAsyncResult)layout).AsyncWaitHandle.WaitOne();
            throw;
        }

        layout.GetAwaiter().GetResult(); // a row that could not be laid out fails the table here
    }

    private void Add(LaidRow row, bool keepWithNext)
    {
        if (keepWithNext)
        {
            Flush();
            held = row;
            return;
        }

        if (held is { } heading)
        {
            held = null;
            KeepHeaderWith(heading.Height + Math.Min(row.Height, BodyHeight));
            EnsureHeader();
            if (heading.Height + Math.Min(row.Height, BodyHeight) > doc.Remaining && doc.Y > doc.Page.Top + HeaderHeight + 0.5f)
            {
                NextPage();
            }

            Place(heading);
        }

        Place(row);
    }

    /// <summary>Places a row still held back (a heading with nothing after it).</summary>
    public void Flush()
    {
        if (held is { } heading)
        {
            held = null;
            Place(heading);
        }
    }

    private float HeaderHeight => laidHeader?.Height ?? 0f;

    private float BodyHeight => doc.Page.ContentBottom - doc.Page.Top - HeaderHeight;

    /// <summary>The height a row of these cells takes (to keep a block of rows together).</summary>
    public float Measure(IReadOnlyList<TableCell> cells) => Lay(cells).Height;

    private void EnsureHeader()
    {
        if (headerOnPage != doc.PageIndex && laidHeader is { } head)
        {
            if (doc.Remaining < head.Height + 20)
            {
                doc.NewPage();
            }

            headerOnPage = doc.PageIndex;
            Draw(head, doc.Y, head.Height, null);
            doc.Y += head.Height;
        }
    }

    /// <summary>
    /// A header is never left alone at the foot of a page: when this page has no header yet and the header with
    /// <paramref name="below"/> points under it (the row it heads, or the first line of a row taller than a page) does
    /// not fit, the table starts on the next page.
    /// </summary>
    private void KeepHeaderWith(float below)
    {
        if (headerOnPage != doc.PageIndex && laidHeader is { } head && head.Height + below > doc.Remaining + 0.01f && doc.Y > doc.Page.Top + 0.5f)
        {
            doc.NewPage();
        }
    }

    private void NextPage()
    {
        doc.NewPage();
        EnsureHeader();
    }

    private void Place(LaidRow row)
    {
        KeepHeaderWith(row.Height <= BodyHeight + 0.01f ? row.Height : row.MinLine + (2 * style.PaddingY));
        EnsureHeader();
        if (row.Height <= doc.Remaining + 0.01f)
        {
            Draw(row, doc.Y, row.Height, null);
            doc.Y += row.Height;
            return;
        }

        if (row.Height <= BodyHeight + 0.01f)
        {
            NextPage();
            Draw(row, doc.Y, row.Height, null);
            doc.Y += row.Height;
            return;
        }

        // Taller than a page: continue it line by line.
        if (doc.Remaining < row.MinLine + (2 * style.PaddingY))
        {
            NextPage();
        }

        var from = new int[row.Cells.Count];
        while (true)
        {
            var available = doc.Remaining;
            var (height, next, done) = Slice(row, from, available);
            Draw(row, doc.Y, height, (from, next));
            doc.Y += height;
            if (done)
            {
                return;
            }

            from = next;
            NextPage();
        }
    }

    private LaidRow Lay(IReadOnlyList<TableCell> cells)
    {
        var laid = new List<LaidCell>(cells.Count);
        var column = 0;
        var height = 0f;
        var minLine = float.MaxValue;
        foreach (var cell in cells)
        {
            var span = Math.Max(1, cell.ColSpan);
            var width = 0f;
            for (var i = column; i < Math.Min(widths.Length, column + span); i++)
            {
                width += widths[i];
            }

            // Loops rather than LINQ: a long table lays out tens of thousands of cells (ADR 14, fourth pass).
            var inner = width - (2 * style.PaddingX);
            var blocks = new List<(LaidText Text, TextAlign Align)>(cell.Blocks.Count);
            var contentHeight = 0d; // summed as Enumerable.Sum does (in double), so the pages stay as they were
            for (var b = 0; b < cell.Blocks.Count; b++)
            {
                var block = cell.Blocks[b];
                var text = Layout(block.Text, block.Style, inner);
                blocks.Add((text, block.Align));
                contentHeight += text.Height;
                if (text.Lines.Count > 0)
                {
                    minLine = Math.Min(minLine, text.Style.LineAdvance);
                }
            }

            var offset = 0d;
            for (var i = 0; i < Math.Min(column, widths.Length); i++)
            {
                offset += widths[i];
            }

            laid.Add(new LaidCell(cell, left + (float)offset, width, blocks, (float)contentHeight));
            height = Math.Max(height, (float)contentHeight + (2 * style.PaddingY));
            column += span;
        }

        return new LaidRow(laid, height, minLine == float.MaxValue ? 10 : minLine);
    }

    /// <summary>
    /// Short texts repeat down a column (unit names, people, categories, dates): each is laid out once per width and style
    /// (laid text is immutable, so rows share it).
    /// </summary>
    private LaidText Layout(string? text, TextStyle textStyle, float width)
    {
        if (text is null || text.Length > 48)
        {
            return TextLayout.Layout(text, textStyle, width);
        }

        if (!repeated.TryGetValue((text, textStyle, width), out var laid))
        {
            laid = TextLayout.Layout(text, textStyle, width);
            if (repeated.Count < 20_000)
            {
                repeated[(text, textStyle, width)] = laid;
            }
        }

        return laid;
    }

    private readonly Dictionary<(string Text, TextStyle Style, float Width), LaidText> repeated = [];

    /// <summary>How many lines of each cell fit in <paramref name="available"/> points, starting at <paramref name="from"/>.</summary>
    private (float Height, int[] Next, bool Done) Slice(LaidRow row, int[] from, float available)
    {
        var next = new int[row.Cells.Count];
        var done = true;
        var height = 0f;
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var cell = row.Cells[c];
            var count = cell.LineCount;
            var used = 0f;
            var i = from[c];
            while (i < count && used + cell.LineHeight(i) + (2 * style.PaddingY) <= available)
            {
                used += cell.LineHeight(i);
                i++;
            }

            if (i == from[c] && i < count)
            {
                used += cell.LineHeight(i); // at least one line per page, whatever the page
                i++;
            }

            next[c] = i;
            done &= i >= count;
            height = Math.Max(height, used + (2 * style.PaddingY));
        }

        return (done ? height : Math.Max(height, available), next, done);
    }

    /// <param name="lines">For a row continued over pages: the line range of each cell drawn here.</param>
    private void Draw(LaidRow row, float top, float height, (int[] From, int[] To)? lines)
    {
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var cell = row.Cells[c];
            var rect = new SKRect(cell.X, top, cell.X + cell.Width, top + height);
            if (cell.Cell.Fill is { } fill)
            {
                doc.Fill(rect, fill);
            }

            var from = lines?.From[c] ?? 0;
            var to = lines?.To[c] ?? int.MaxValue;
            var y = top + style.PaddingY;
            if (cell.Cell.Middle && lines is null)
            {
                y += (height - (2 * style.PaddingY) - cell.ContentHeight) / 2;
            }

            var index = 0; // line index over all blocks of the cell
            foreach (var (text, align) in cell.Blocks)
            {
                var first = Math.Max(0, from - index);
                var last = Math.Min(text.Lines.Count, to - index);
                if (last > first)
                {
                    doc.Text(text, cell.X + style.PaddingX, y, cell.Width - (2 * style.PaddingX), align, first, last - first);
                    y += (last - first) * text.Style.LineAdvance;
                }

                index += text.Lines.Count;
            }
        }

        // Rules: one line per edge, shared by neighbours.
        var right = row.Cells[^1].X + row.Cells[^1].Width;
        doc.Line(left, top, right, top, style.Border, style.BorderColor);
        doc.Line(left, top + height, right, top + height, style.Border, style.BorderColor);
        doc.Line(left, top, left, top + height, style.Border, style.BorderColor);
        foreach (var cell in row.Cells)
        {
            doc.Line(cell.X + cell.Width, top, cell.X + cell.Width, top + height, style.Border, style.BorderColor);
        }
    }

    private sealed record LaidCell(TableCell Cell, float X, float Width, List<(LaidText Text, TextAlign Align)> Blocks, float ContentHeight)
    {
        /// <summary>The lines of all the cell's blocks.</summary>
        public int LineCount
        {
            get
            {
                var count = 0;
                foreach (var (text, _) in Blocks)
                {
                    count += text.Lines.Count;
                }

                return count;
            }
        }

        /// <summary>The height of line <paramref name="index"/> counted over all the cell's blocks.</summary>
        public float LineHeight(int index)
        {
            foreach (var (text, _) in Blocks)
            {
                if (index < text.Lines.Count)
                {
                    return text.Style.LineAdvance;
                }

                index -= text.Lines.Count;
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    private sealed record LaidRow(List<LaidCell> Cells, float Height, float MinLine);
}
