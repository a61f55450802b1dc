using RectificationTracker.Web.Infrastructure.PdfWriter;
using SkiaSharp;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>The PDF writer's parts (ADR 14): line breaking, font subsets and tables over pages, read back as a reader would.</summary>
public sealed class PdfWriterTests : IClassFixture<PdfWriterTests.Fonts>
{
    private readonly DocumentFonts fonts;

    public PdfWriterTests(Fonts fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fonts = fixture.Value;
    }

    public sealed class Fonts : IDisposable
    {
        public DocumentFonts Value { get; } = new();

        public void Dispose() => Value.Dispose();
    }

    private TextStyle Song(float size = 10f) => new(fonts.Song, size, SKColors.Black);

    [Fact]
    public void Chinese_text_wraps_between_characters_within_the_width_and_loses_nothing()
    {
        const string text = "针对巡察反馈的问题,逐项制定整改措施,明确牵头领导、责任单位、责任人和整改时限,做到件件有着落、事事有回音。";
        var laid = TextLayout.Layout(text, Song(), 120f);

        Assert.True(laid.Lines.Count > 3, $"{laid.Lines.Count} lines");
        Assert.All(laid.Lines, l => Assert.True(l.Width <= 120.01f, $"a line is {l.Width} pt wide"));
        Assert.Equal(text, string.Concat(laid.Lines.Select(LineText)));
    }

    [Fact]
    public void Characters_measured_ahead_at_start_up_lay_out_exactly_as_characters_measured_on_first_use()
    {
        // The warm-up measures every common character before the first report (ADR 14); a line must break and
        // measure the same either way.
        using var prepared = new DocumentFonts();
        PdfWriterWarmUp.PrepareCharacters(prepared);
        const string text = "关于县人民检察院党组巡察整改情况的通报(第3期):完成率 87.5%,“回头看”发现问题12个。Liberation Serif";
        foreach (var (lazy, ahead) in new[] { (fonts.Song, prepared.Song), (fonts.Hei, prepared.Hei) })
        {
            foreach (var c in text)
            {
                var (face, glyph) = lazy.Resolve(c);
                Assert.Equal((face, glyph), ahead.Resolve(c));
                Assert.Equal(lazy.Faces[face].Advance(glyph), ahead.Faces[face].Advance(glyph));
            }

            var style = new TextStyle(lazy, 10.5f, SKColors.Black);
            var aheadStyle = new TextStyle(ahead, 10.5f, SKColors.Black);
            Assert.Equal(TextLayout.Layout(text, style, 150f).Lines.Select(l => (LineText(l), l.Width)),
                TextLayout.Layout(text, aheadStyle, 150f).Lines.Select(l => (LineText(l), l.Width)));
        }
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line_and_opening_punctuation_never_ends_one()
    {
        // Every width from one character to the whole text: no line starts with ,。、) or ends with (.
        const string text = "整改措施(问题3第2项)已完成,相关材料已归档。下一步:持续跟踪、巩固成效。";
        for (var width = 12f; width < 400f; width += 3.7f)
        {
            var lines = TextLayout.Layout(text, Song(), width).Lines.Select(LineText).ToList();
            Assert.Equal(text, string.Concat(lines));
            Assert.All(lines.Skip(1), l => Assert.DoesNotContain(l[0], ",。、):;"));
            Assert.All(lines.Take(lines.Count - 1), l => Assert.NotEqual('(', l[^1]));
        }
    }

    [Fact]
    public void Latin_words_stay_whole_unless_longer_than_the_line()
    {
        var words = TextLayout.Layout("资金 FundsRecovered 万元", Song(), 80f).Lines.Select(LineText).ToList();
        Assert.Contains(words, l => l.Contains("FundsRecovered", StringComparison.Ordinal));

        var hash = new string('a', 60);
        var split = TextLayout.Layout(hash, Song(), 50f);
        Assert.True(split.Lines.Count > 1);
        Assert.Equal(hash, string.Concat(split.Lines.Select(LineText)));
    }

    [Fact]
    public void A_subset_keeps_the_glyphs_used_where_they_were_and_empties_the_rest()
    {
        var face = fonts.Song.Faces.Single(f => f.Path.EndsWith("gbsn00lp.ttf", StringComparison.Ordinal));
        var used = face.Glyph('巡');
        var unused = face.Glyph('察');
        var subset = TrueTypeSubsetter.Subset(face.Data, face.Index, [used]);

        Assert.True(subset.Length < face.Data.Length / 4, $"subset {subset.Length} of {face.Data.Length} bytes");
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(subset), 0);
        Assert.NotNull(typeface);
        using var font = new SKFont(typeface, 20f);
        using var full = new SKFont(face.Typeface, 20f);
        Assert.Equal(used, font.GetGlyph('巡'));
        Assert.Equal(unused, font.GetGlyph('察')); // the character map is whole: ids stay valid
        Assert.Equal(full.GetGlyphWidths([used], null)[0], font.GetGlyphWidths([used], null)[0], 3);
        using var kept = font.GetGlyphPath(used);
        using var dropped = font.GetGlyphPath(unused);
        Assert.False(kept.Bounds.IsEmpty);
        Assert.True(dropped.Bounds.IsEmpty);
    }

    [Fact]
    public void A_subset_with_its_characters_maps_exactly_those_characters_and_is_smaller()
    {
        var face = fonts.Song.Faces.Single(f => f.Path.EndsWith("gbsn00lp.ttf", StringComparison.Ordinal));
        var glyphs = "巡察整改".Select(c => face.Glyph(c)).ToList();
        var whole = TrueTypeSubsetter.Subset(face.Data, face.Index, glyphs);
        var trimmed = TrueTypeSubsetter.Subset(face.Data, face.Index, glyphs, "巡察整改".ToDictionary(c => (int)c, c => face.Glyph(c)));

        Assert.True(trimmed.Length < whole.Length, $"{trimmed.Length} vs {whole.Length} bytes");
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(trimmed), 0);
        using var font = new SKFont(typeface, 20f);
        Assert.All("巡察整改", c => Assert.Equal(face.Glyph(c), font.GetGlyph(c)));
        Assert.Equal(0, font.GetGlyph('销')); // not in the document, not in the map
    }

    [Fact]
    public void Subsets_written_one_after_another_do_not_carry_bytes_of_the_one_before()
    {
        // Subset files are written into pooled buffers: a small subset written after a large one must be the same file
        // as when written first (every byte written or cleared), and valid.
        var face = fonts.Song.Faces.Single(f => f.Path.EndsWith("gbsn00lp.ttf", StringComparison.Ordinal));
        const string few = "销号";
        const string many = "巡察整改销号管理系统市委第二巡察组对江城市两级检察院常规巡察反馈意见";
        var fewMap = few.ToDictionary(c => (int)c, c => face.Glyph(c));
        var manyMap = many.Distinct().ToDictionary(c => (int)c, c => face.Glyph(c));

        var fewFirst = TrueTypeSubsetter.Subset(face.Data, face.Index, fewMap.Values, fewMap);
        var manyFirst = TrueTypeSubsetter.Subset(face.Data, face.Index, manyMap.Values, manyMap);
        var fewAfter = TrueTypeSubsetter.Subset(face.Data, face.Index, fewMap.Values, fewMap);
        var manyAgain = TrueTypeSubsetter.Subset(face.Data, face.Index, manyMap.Values, manyMap);

        Assert.Equal(fewFirst, fewAfter);
        Assert.Equal(manyFirst, manyAgain);
        Assert.True(fewFirst.Length < manyFirst.Length);
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(fewAfter), 0);
        using var font = new SKFont(typeface, 20f);
        using var kept = font.GetGlyphPath(face.Glyph('销'));
        Assert.False(kept.Bounds.IsEmpty);
        Assert.Equal(0, font.GetGlyph('巡'));
    }

    [Fact]
    public void A_font_whose_tables_cannot_be_read_is_not_cut_into_subsets()
    {
        Assert.Null(TrueTypeFace.TryRead([], 0));
        Assert.Null(TrueTypeFace.TryRead(new byte[64], 0)); // no glyf/loca
        var face = fonts.Song.Faces.Single(f => f.Path.EndsWith("gbsn00lp.ttf", StringComparison.Ordinal));
        Assert.NotNull(TrueTypeFace.TryRead(face.Data, face.Index));
    }

    [Fact]
    public void A_collection_face_is_cut_out_as_a_standalone_font()
    {
        var face = fonts.Hei.Faces.Single(f => f.Path.EndsWith("wqy-microhei.ttc", StringComparison.Ordinal));
        Assert.True(TrueTypeSubsetter.FaceCount(face.Data) > 1);
        var subset = TrueTypeSubsetter.Subset(face.Data, face.Index, [face.Glyph('销'), face.Glyph('号')]);

        using var typeface = SKTypeface.FromData(SKData.CreateCopy(subset), 0);
        Assert.NotNull(typeface);
        Assert.Equal("WenQuanYi Micro Hei", typeface.FamilyName);
    }

    [Fact]
    public async Task A_table_repeats_its_header_continues_a_row_taller_than_a_page_and_keeps_a_heading_with_its_row()
    {
        var doc = new PdfComposer(PageGeometry.Of(210, 297));
        doc.NewPage();
        var style = Song(10f);
        var table = new TableWriter(doc, [1f, 4f], [TableCell.Of("编号", style), TableCell.Of("内容", style)], new TableStyle(3f, 1.5f, 0.6f, SKColors.Black));
        for (var i = 1; i <= 30; i++)
        {
            table.Row([TableCell.Of($"R{i:00}", style), TableCell.Of($"第{i}行", style)]);
        }

        // A heading that would fall at the foot of page 2, then a row too tall for any page.
        while (doc.Remaining > 40)
        {
            table.Row([TableCell.Of("填充", style), TableCell.Of("填充行", style)]);
        }

        table.Row([TableCell.Of("分组:第二轮", style)], keepWithNext: true);
        var tall = string.Join("\n", Enumerable.Range(1, 90).Select(i => $"长行第{i:00}段"));
        table.Row([TableCell.Of("LONG", style), TableCell.Of(tall, style)]);
        table.Flush();

        using var output = new MemoryStream();
        doc.Write(output, "表格测试", "测试");
        var pdf = await PdfText.ReadAsync(output.ToArray());

        Assert.True(pdf.Pages >= 3, $"{pdf.Pages} pages");
        Assert.All(Enumerable.Range(1, pdf.Pages), p => Assert.Contains("编号内容", pdf.CompactPage(p), StringComparison.Ordinal));
        var headingPage = Enumerable.Range(1, pdf.Pages).Single(p => pdf.CompactPage(p).Contains("分组:第二轮", StringComparison.Ordinal));
        Assert.Contains("长行第01段", pdf.CompactPage(headingPage), StringComparison.Ordinal);
        for (var i = 1; i <= 90; i++)
        {
            Assert.Contains($"长行第{i:00}段", pdf.Compact, StringComparison.Ordinal);
        }

        Assert.NotEqual(
            Enumerable.Range(1, pdf.Pages).Single(p => pdf.CompactPage(p).Contains("长行第01段", StringComparison.Ordinal)),
            Enumerable.Range(1, pdf.Pages).Single(p => pdf.CompactPage(p).Contains("长行第90段", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_tables_header_is_never_left_alone_at_the_foot_of_a_page()
    {
        var doc = new PdfComposer(PageGeometry.Of(210, 297));
        doc.NewPage();
        var style = Song(10f);
        var tableStyle = new TableStyle(3f, 1.5f, 0.6f, SKColors.Black);
        // Text down the page until there is room for the header and a little more, not for the header and its row.
        var filler = TextLayout.Layout("正文段落", style, doc.Page.ContentWidth);
        var header = new[] { TableCell.Of("编号", style), TableCell.Of("内容", style) };
        var twoLines = new[] { TableCell.Of("R01", style), TableCell.Of("第一行\n第二行", style) };
        var probe = new TableWriter(new PdfComposer(PageGeometry.Of(210, 297)), [1f, 4f], header, tableStyle);
        var headerAndRow = probe.Measure(header) + probe.Measure(twoLines);
        while (doc.Remaining > headerAndRow - 5f)
        {
            doc.Text(filler, doc.Page.Left, doc.Y, doc.Page.ContentWidth);
            doc.Y += filler.Height;
        }

        Assert.True(doc.Remaining > probe.Measure(header) + 20, "the page's foot has room for the header alone");
        var table = new TableWriter(doc, [1f, 4f], header, tableStyle);
        table.Row(twoLines);

        using var output = new MemoryStream();
        doc.Write(output, "表头测试", "测试");
        var pdf = await PdfText.ReadAsync(output.ToArray());

        Assert.Equal(2, pdf.Pages);
        Assert.DoesNotContain("编号内容", pdf.CompactPage(1), StringComparison.Ordinal);
        Assert.Contains("编号内容R01第一行第二行", pdf.CompactPage(2), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tables_rules_are_drawn_once_each_row_and_column_edge_ruled_across_the_whole_table()
    {
        var doc = new PdfComposer(PageGeometry.Of(210, 297));
        doc.NewPage();
        var style = Song(10f);
        var table = new TableWriter(doc, [1f, 4f], [TableCell.Of("编号", style), TableCell.Of("内容", style)], new TableStyle(3f, 1.5f, 0.6f, SKColors.Black));
        var tops = new List<float> { doc.Y };
        for (var i = 1; i <= 20; i++)
        {
            table.Row([TableCell.Of($"R{i:00}", style), TableCell.Of(i % 5 == 0 ? "两行的内容\n第二行" : $"第{i}行", style)]);
            tops.Add(doc.Y);
        }

        using var output = new MemoryStream();
        doc.Write(output, "表格线", "测试");
        var lines = StrokedLines(output.ToArray());

        var left = doc.Page.Left;
        var right = doc.Page.Left + doc.Page.ContentWidth;
        var middle = left + (doc.Page.ContentWidth / 5);
        var (top, bottom) = (tops[0], doc.Y);
        // The header's bottom and every row's bottom: each boundary one line across the table, none drawn twice.
        var boundaries = lines.Where(l => Math.Abs(l.Y0 - l.Y1) < 0.01).ToList();
        Assert.Equal(tops.Count + 1, boundaries.Count);
        Assert.All(boundaries, l => Assert.True(Math.Abs(Math.Min(l.X0, l.X1) - left) < 0.01 && Math.Abs(Math.Max(l.X0, l.X1) - right) < 0.01, $"{l}"));
        // Three column edges, each one line from the header's top to the last row's bottom.
        var edges = lines.Where(l => Math.Abs(l.X0 - l.X1) < 0.01).OrderBy(l => l.X0).ToList();
        Assert.Equal(3, edges.Count);
        Assert.Equal(new[] { left, middle, right }, edges.Select(l => l.X0), new FloatTolerance());
        Assert.All(edges, l => Assert.True(Math.Abs(Math.Min(l.Y0, l.Y1) - top) < 0.01 && Math.Abs(Math.Max(l.Y0, l.Y1) - bottom) < 0.01, $"{l}"));
    }

    [Fact]
    public async Task Rows_laid_out_on_a_second_thread_come_out_exactly_as_rows_added_one_by_one()
    {
        var style = Song(10f);
        var rows = new List<TableRow>();
        for (var i = 1; i <= 400; i++)
        {
            if (i % 37 == 1)
            {
                rows.Add(new TableRow([new TableCell([new CellBlock($"分组{i}", style)], ColSpan: 2)], KeepWithNext: true));
            }

            var text = i % 97 == 0 ? string.Join("\n", Enumerable.Range(1, 80).Select(k => $"第{i}行长段{k:00}")) : $"第{i}行:整改措施{new string('措', i % 40)}";
            rows.Add(new TableRow([TableCell.Of($"R{i:000}", style), TableCell.Of(text, style)]));
        }

        async Task<PdfText> Write(bool pipelined)
        {
            var doc = new PdfComposer(PageGeometry.Of(210, 297));
            doc.NewPage();
            var table = new TableWriter(doc, [1f, 4f], [TableCell.Of("编号", style), TableCell.Of("内容", style)], new TableStyle(3f, 1.5f, 0.6f, SKColors.Black));
            if (pipelined)
            {
                table.Rows(rows);
            }
            else
            {
                foreach (var row in rows)
                {
                    table.Row(row.Cells, row.KeepWithNext);
                }
            }

            table.Flush();
            using var output = new MemoryStream();
            doc.Write(output, "表格", "测试");
            return await PdfText.ReadAsync(output.ToArray());
        }

        var one = await Write(pipelined: false);
        var both = await Write(pipelined: true);
        Assert.True(one.Pages > 10, $"{one.Pages} pages");
        Assert.Equal(one.Pages, both.Pages);
        Assert.All(Enumerable.Range(1, one.Pages), p => Assert.Equal(one.CompactPage(p), both.CompactPage(p)));
    }

    [Fact]
    public void A_row_that_cannot_be_laid_out_fails_the_table_and_stops_the_layout_thread()
    {
        var doc = new PdfComposer(PageGeometry.Of(210, 297));
        doc.NewPage();
        var table = new TableWriter(doc, [1f, 4f], [TableCell.Of("编号", Song()), TableCell.Of("内容", Song())], new TableStyle(3f, 1.5f, 0.6f, SKColors.Black));
        IEnumerable<TableRow> Rows()
        {
            yield return new TableRow([TableCell.Of("R1", Song()), TableCell.Of("第一行", Song())]);
            throw new InvalidOperationException("行数据读取失败");
        }

        var failure = Assert.Throws<InvalidOperationException>(() => table.Rows(Rows()));
        Assert.Equal("行数据读取失败", failure.Message);
    }

    [Fact]
    public async Task Text_of_one_face_runs_on_over_lines_and_cells_as_one_text_object_and_reads_back_in_order()
    {
        // Chinese only: every line of every cell is drawn with the same face, size and colour.
        var style = Song(10f);
        var doc = new PdfComposer(PageGeometry.Of(210, 297));
        doc.NewPage();
        var table = new TableWriter(doc, [1f, 3f], [TableCell.Of("编号", style), TableCell.Of("整改措施", style)], new TableStyle(3f, 1.5f, 0.6f, SKColors.Black));
        var rows = Enumerable.Range(1, 12).Select(i => (Code: $"第{RectificationTracker.Domain.Common.ChineseNumerals.Format(i)}项", Text: "建立健全整改台账" + new string('措', 10 + (i * 5)))).ToList();
        foreach (var (code, text) in rows)
        {
            table.Row([TableCell.Of(code, style), TableCell.Of(text, style)]);
        }

        // Mixed: the digits and Latin letters are another face, so the text alternates faces within a line.
        var mixed = new PdfComposer(PageGeometry.Of(210, 297));
        mixed.NewPage();
        var faces = new List<FontFace>(); // the face of each run drawn, in order
        for (var i = 1; i <= 12; i++)
        {
            var laid = TextLayout.Layout($"第{i}项整改措施 R{i:00} 已于2026-0{(i % 9) + 1}-1{i % 10}完成,问题{i}已整改到位{new string('措', i * 4)}", style, 200f);
            mixed.Text(laid, mixed.Page.Left, mixed.Y, 200f);
            mixed.Y += laid.Height;
            faces.AddRange(laid.Lines.SelectMany(l => l.Runs).Select(r => r.Face));
        }

        var lineBreaks = faces.Count - faces.Where((f, k) => k > 0 && f != faces[k - 1]).Count() - 1; // runs continuing the run before
        var one = Write(doc);
        var several = Write(mixed);

        Assert.Equal(1, TextObjects(one));
        // One text object per change of face, none where a line or cell ends and the next goes on in the same face.
        Assert.True(lineBreaks > 5, $"{lineBreaks} lines go on in the face the line before ended in");
        Assert.Equal(faces.Where((f, k) => k > 0 && f != faces[k - 1]).Count() + 1, TextObjects(several));
        var read = await PdfText.ReadAsync(one);
        Assert.Equal(1, read.Pages);
        Assert.Equal(PdfText.Squeeze("编号整改措施" + string.Concat(rows.Select(r => r.Code + r.Text))), read.CompactPage(1));
        var mixedText = await PdfText.ReadAsync(several);
        Assert.Contains("第12项整改措施R12已于2026-04-12完成,问题12已整改到位" + new string('措', 48), mixedText.CompactPage(1), StringComparison.Ordinal);

        static byte[] Write(PdfComposer composer)
        {
            using var output = new MemoryStream();
            composer.Write(output, "文字", "测试");
            return output.ToArray();
        }

        static int TextObjects(byte[] pdf) =>
            ContentStreams(pdf).Sum(c => System.Text.RegularExpressions.Regex.Count(c, @"(?m)^BT$"));
    }

    [Fact]
    public async Task A_long_document_written_in_parts_on_two_cores_is_the_same_document_as_written_in_one()
    {
        // A table of mixed text (Chinese in one face, digits and Latin in another) over some 60 pages, with the footer's
        // page numbers, and a heading in 黑体 on the first page only.
        var style = Song(10f);
        byte[] Write(int writers)
        {
            var doc = new PdfComposer(PageGeometry.Of(210, 297));
            doc.NewPage();
            doc.Y += doc.Text("巡察反馈意见整改销号表", new TextStyle(fonts.Hei, 18f, SKColors.Black), doc.Page.Left, doc.Y, doc.Page.ContentWidth, TextAlign.Center);
            var table = new TableWriter(doc, [1f, 4f], [TableCell.Of("编号", style), TableCell.Of("整改措施", style)], new TableStyle(3f, 1.5f, 0.6f, SKColors.Black));
            table.Rows(Enumerable.Range(1, 2600).Select(i =>
                new TableRow([TableCell.Of($"R{i:000}", style), TableCell.Of($"第{i}项:已于2026-0{(i % 9) + 1}-1{i % 10}完成{new string('改', i % 30)}", style)])));
            table.Flush();
            var count = doc.PageCount;
            for (var i = 0; i < count; i++)
            {
                var number = TextLayout.Layout($"第 {i + 1} 页 / 共 {count} 页", style, doc.Page.ContentWidth);
                doc.DrawOn(i, () => doc.Text(number, doc.Page.Left, doc.Page.Height - 20f, doc.Page.ContentWidth, TextAlign.Center));
            }

            using var output = new MemoryStream();
            doc.Write(output, "长表", "测试", writers);
            return output.ToArray();
        }

        var whole = Write(writers: 1);
        var joined = Write(writers: 2);

        var one = await PdfText.ReadAsync(whole);
        var two = await PdfText.ReadAsync(joined);
        Assert.True(one.Pages >= 2 * PdfComposer.PagesPerPart, $"{one.Pages} pages");
        Assert.Equal(one.Pages, two.Pages);
        Assert.All(Enumerable.Range(1, one.Pages), p => Assert.Equal(one.CompactPage(p), two.CompactPage(p)));
        Assert.Contains($"第{one.Pages}页/共{one.Pages}页", two.CompactPage(one.Pages), StringComparison.Ordinal);

        // It is one document: parts were written, but the file has one catalog, one information dictionary and one
        // page tree root, a cross-reference table that points at every object exactly (a reader that does not repair
        // files relies on it), and each font file once.
        var raw = System.Text.Encoding.Latin1.GetString(joined);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(raw, @"/Type /Catalog\b"));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(raw, @"/Producer "));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(raw, @"/Type /Pages\n/Count " + one.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture) + @"\b"));
        AssertCrossReferenceTableExact(joined);
        var wholeRaw = System.Text.Encoding.Latin1.GetString(whole);
        Assert.Equal(FontFiles(wholeRaw), FontFiles(raw));
        Assert.True(joined.Length < whole.Length * 1.05, $"{joined.Length} bytes joined, {whole.Length} in one part");

        // And it looks the same: a page of each part, rendered.
        Assert.Equal(await RenderAsync(whole, 2), await RenderAsync(joined, 2));
        Assert.Equal(await RenderAsync(whole, one.Pages - 1), await RenderAsync(joined, one.Pages - 1));

        static int FontFiles(string pdf) =>
            System.Text.RegularExpressions.Regex.Matches(pdf, @"/FontFile2 (\d+) 0 R").Select(m => m.Groups[1].Value).Distinct().Count();
    }

    /// <summary>Every object the cross-reference table lists in use starts where it says, and every reference names one of them.</summary>
    private static void AssertCrossReferenceTableExact(byte[] pdf)
    {
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        var startxref = int.Parse(System.Text.RegularExpressions.Regex.Match(raw, @"startxref\n(\d+)\n%%EOF\n$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var table = System.Text.RegularExpressions.Regex.Match(raw[startxref..], @"^xref\n0 (\d+)\n");
        Assert.True(table.Success, "no cross-reference table where startxref points");
        var size = int.Parse(table.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var inUse = new HashSet<int>();
        for (var n = 0; n < size; n++)
        {
            var entry = raw.Substring(startxref + table.Length + (n * 20), 20);
            if (entry[17] == 'n')
            {
                var offset = int.Parse(entry[..10], System.Globalization.CultureInfo.InvariantCulture);
                Assert.StartsWith($"{n} 0 obj\n", raw[offset..(offset + 20)], StringComparison.Ordinal);
                inUse.Add(n);
            }
        }

        Assert.Contains($"/Size {size}\n", raw[startxref..], StringComparison.Ordinal);
        var references = System.Text.RegularExpressions.Regex.Matches(raw, @"[\s\[<](\d+) 0 R\b").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.DoesNotContain(references, r => !inUse.Contains(r));
        Assert.Equal(raw.Split(" 0 obj\n").Length - 1, inUse.Count);
    }

    /// <summary>One page rendered to PNG at 40 dpi by poppler (what a reader shows).</summary>
    private static async Task<byte[]> RenderAsync(byte[] pdf, int page)
    {
        var path = Path.Combine(Path.GetTempPath(), "rt-render-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path + ".pdf", pdf);
        try
        {
            var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var process = System.Diagnostics.Process.Start("pdftoppm", ["-r", "40", "-f", number, "-l", number, "-png", "-singlefile", path + ".pdf", path])!;
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return await File.ReadAllBytesAsync(path + ".png");
        }
        finally
        {
            File.Delete(path + ".pdf");
            File.Delete(path + ".png");
        }
    }

    private sealed class FloatTolerance : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 0.01;

        public int GetHashCode(float obj) => 0;
    }

    /// <summary>The straight lines stroked on a PDF's pages ("x y m x y l S"), in the composer's page coordinates.</summary>
    private static List<(float X0, float Y0, float X1, float Y1)> StrokedLines(byte[] pdf)
    {
        var lines = new List<(float, float, float, float)>();
        foreach (var content in ContentStreams(pdf))
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(content, @"(-?[\d.]+) (-?[\d.]+) m\n(-?[\d.]+) (-?[\d.]+) l\nS"))
            {
                float F(int g) => float.Parse(m.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture);
                lines.Add((F(1), F(2), F(3), F(4)));
            }
        }

        return lines;
    }

    /// <summary>The PDF's compressed streams other than embedded fonts (the pages' content), inflated.</summary>
    private static List<string> ContentStreams(byte[] pdf)
    {
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        var contents = new List<string>();
        foreach (System.Text.RegularExpressions.Match stream in System.Text.RegularExpressions.Regex.Matches(raw, @"<<(?<dict>[^>]*?/FlateDecode[^>]*?)>>\s*stream\r?\n"))
        {
            if (stream.Groups["dict"].Value.Contains("/Length1", StringComparison.Ordinal))
            {
                continue; // an embedded font
            }

            var start = stream.Index + stream.Length;
            var end = raw.IndexOf("endstream", start, StringComparison.Ordinal);
            using var inflated = new MemoryStream();
            using (var z = new System.IO.Compression.ZLibStream(new MemoryStream(pdf, start, end - start), System.IO.Compression.CompressionMode.Decompress))
            {
                z.CopyTo(inflated);
            }

            contents.Add(System.Text.Encoding.Latin1.GetString(inflated.ToArray()));
        }

        return contents;
    }

    private static string LineText(TextLine line) =>
        string.Concat(line.Runs.Select(r => System.Text.Encoding.UTF8.GetString(r.Utf8.Span)));
}
