using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>
/// The bulletin as an editable Word document (people edit bulletins before sending): the same sentences
/// and tables as the PDF, in real paragraphs and tables, A4 portrait, with East Asian fonts set
/// (仿宋 body, 黑体 headings, 宋体 title) so it opens in the usual official-document look.
/// </summary>
public static class BulletinDocument
{
    private const string Body = "仿宋";
    private const string Heading = "黑体";
    private const string TitleFont = "宋体";
    private const string Red = "C00000";

    public static void Write(BulletinModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        AddStyles(main);
        var body = new DocumentFormat.OpenXml.Wordprocessing.Body();

        body.Append(Para(BulletinModel.Masthead, TitleFont, 52, bold: true, color: Red, center: true));
        if (model.IssueLabel is { } issueLabel)
        {
            body.Append(Para(issueLabel, Body, 24, center: true));
        }

        var issue = Para(model.Issuer, Body, 24);
        issue.Append(new Run(new TabChar()), TextRun(BulletinModel.Day(model.AsOf), Body, 24));
        issue.ParagraphProperties!.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Color = Red, Space = 4 }));
        issue.ParagraphProperties.Append(new Tabs(new TabStop { Val = TabStopValues.Right, Position = 9000 }));
        body.Append(issue);
        body.Append(Para(BulletinModel.Title, TitleFont, 36, bold: true, center: true, spaceBefore: 360));
        body.Append(Text(model.Opening));

        body.Append(Head("一、总体进展情况"));
        body.Append(Text(model.TotalsSentence));
        if (model.CategorySentence.Length > 0)
        {
            body.Append(Text(model.CategorySentence));
        }

        body.Append(Text(model.StateSentence));
        body.Append(Text(model.TimelinessSentence));

        body.Append(Head("二、各单位整改进展及排名"));
        body.Append(Text(model.UnitsIntro));
        if (model.Figures.ByUnit.Count > 0)
        {
            body.Append(Table(BulletinModel.UnitHeader, model.UnitRows, [700, 3000, 900, 900, 900, 800, 1100], wide: 1));
        }

        body.Append(Head("三、逾期未完成事项"));
        body.Append(Text(model.OverdueIntro));
        if (model.Overdue.Count > 0)
        {
            body.Append(Table(BulletinModel.OverdueHeader, model.OverdueRows, [600, 700, 3200, 1500, 900, 1200, 1000], wide: 2));
        }

        body.Append(Head("四、整改成效"));
        body.Append(Text(model.OutcomeSentence));

        body.Append(Head("五、本期销号事项"));
        body.Append(Text(model.ClosedSinceIntro));
        if (model.ClosedSince.Count > 0)
        {
            body.Append(Table(BulletinModel.ClosedHeader, model.ClosedRows, [600, 700, 3900, 1500, 1100, 1300], wide: 2));
        }

        body.Append(Para(model.Issuer, Body, 32, right: true, spaceBefore: 600));
        body.Append(Para(BulletinModel.Day(model.AsOf), Body, 32, right: true));
        body.Append(Para(model.Signature, Body, 18, right: true, color: "555555", spaceBefore: 240));

        // A4 portrait with the usual official-document margins (in twentieths of a point).
        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();

        // Who generated it and when go to the document's properties, where a filed copy keeps them unseen.
        doc.PackageProperties.Title = BulletinModel.Title + (model.IssueLabel is null ? "" : "(" + model.IssueLabel + ")");
        doc.PackageProperties.Creator = model.Stamp.GeneratedByName;
        doc.PackageProperties.Created = model.Stamp.GeneratedAtLocal;
        doc.PackageProperties.Description = "生成人:" + model.Stamp.GeneratedByName + ";生成时间:" + model.Stamp.GeneratedAtText + model.Stamp.FingerprintText;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = Body },
                    new FontSize { Val = "32" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, After = "0" }))),
            new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 9 }, new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = 0 }),
                new StyleRunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = Heading }))
            { Type = StyleValues.Paragraph, StyleId = "Heading1" });
        styles.Styles.Save();
    }

    private static Paragraph Head(string text)
    {
        var p = Para(text, Heading, 32, indent: true);
        var style = p.ParagraphProperties!.PrependChild(new ParagraphStyleId { Val = "Heading1" });
        p.ParagraphProperties.InsertAfter(new KeepNext(), style); // a heading never stands alone at the foot of a page
        return p;
    }

    private static Paragraph Text(string text) => Para(text, Body, 32, indent: true, justify: true);

    private static Paragraph Para(string text, string font, int halfPoints, bool bold = false, string? color = null, bool center = false,
        bool right = false, bool indent = false, bool justify = false, int spaceBefore = 0)
    {
        var props = new ParagraphProperties();
        if (spaceBefore > 0)
        {
            props.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "240", Line = "600", LineRule = LineSpacingRuleValues.AtLeast });
        }

        if (indent)
        {
            props.Append(new Indentation { FirstLineChars = 200 });
        }

        if (center || right || justify)
        {
            props.Append(new Justification { Val = center ? JustificationValues.Center : right ? JustificationValues.Right : JustificationValues.Both });
        }

        return new Paragraph(props, TextRun(text, font, halfPoints, bold, color));
    }

    private static Run TextRun(string text, string font, int halfPoints, bool bold = false, string? color = null)
    {
        var rp = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font, Hint = FontTypeHintValues.EastAsia });
        if (bold)
        {
            rp.Append(new Bold());
        }

        if (color is not null)
        {
            rp.Append(new Color { Val = color });
        }

        var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        rp.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Run(rp, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table Table(IReadOnlyList<string> header, IEnumerable<string[]> rows, int[] widths, int wide)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center }, border, new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(header, widths, wide: -1, head: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, widths, wide, head: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] widths, int wide, bool head)
    {
        var row = new TableRow();
        var rowProps = new TableRowProperties(new CantSplit());
        if (head)
        {
            rowProps.Append(new TableHeader());
        }

        row.Append(rowProps);
        for (var i = 0; i < cells.Count; i++)
        {
            var p = new Paragraph(
                new ParagraphProperties(
                    new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto, Before = "20", After = "20" },
                    new Justification { Val = i == wide ? JustificationValues.Left : JustificationValues.Center }),
                TextRun(cells[i], head ? Heading : Body, 21));
            var cellProps = new TableCellProperties(
                new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (head)
            {
                cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "F2F2F2", Color = "auto" });
            }

            cellProps.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });

            row.Append(new TableCell(cellProps, p));
        }

        return row;
    }
}
