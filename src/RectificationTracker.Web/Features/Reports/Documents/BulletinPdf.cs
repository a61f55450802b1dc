using RectificationTracker.Web.Infrastructure.PdfWriter;
using SkiaSharp;

namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>
/// 关于巡察整改工作进展情况的通报, written straight to PDF (ADR 14): A4 portrait in the look of an official document —
/// red masthead and rule, 宋体 body with two-character indents, 黑体 headings kept with their first paragraph, tables
/// whose header repeats on every page, the issuer and date at the end. Every sentence comes from
/// <see cref="BulletinModel"/>, shared with the Word version.
/// </summary>
public static class BulletinPdf
{
    private static readonly SKColor MastheadRed = SKColor.Parse("#c00000");
    private static readonly SKColor TableHeaderFill = SKColor.Parse("#f2f2f2");

    public static void Write(BulletinModel model, DocumentFonts fonts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        Compose(model, fonts).Write(output, BulletinModel.Title, model.Stamp);
    }

    /// <summary>The bulletin laid out on its pages, not yet written (<see cref="NativeReport.Write"/> adds the footers and writes it).</summary>
    public static NativeReport Compose(BulletinModel model, DocumentFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fonts);
        var report = new NativeReport(fonts, PaperSize.A4, landscape: false);
        var doc = report.Doc;
        var mm = PageGeometry.Mm;
        var width = doc.Page.ContentWidth;
        var left = doc.Page.Left;
        var body = report.Song(12f, 1.7f) with { FirstLineIndent = 24f };

        // Masthead, issue number, issuer and date over a red rule.
        doc.Y += 4 * mm;
        var masthead = new TextStyle(fonts.Masthead, 30f, MastheadRed, 1.4f, 4f);
        doc.Y += doc.Text(BulletinModel.Masthead, masthead, left, doc.Y, width, TextAlign.Center) + (3 * mm);
        if (model.IssueLabel is { } issueLabel)
        {
            doc.Y += doc.Text(issueLabel, report.Song(12f, 1.7f), left, doc.Y, width, TextAlign.Center) + (2 * mm);
        }

        var issue = report.Song(11f, 1.7f);
        var issuer = TextLayout.Layout(model.Issuer, issue, (width / 2) - (8 * mm));
        var day = TextLayout.Layout(BulletinModel.Day(model.AsOf), issue, width / 3);
        doc.Text(issuer, left + (4 * mm), doc.Y, issuer.Width);
        doc.Text(day, left + width - (4 * mm) - day.Width, doc.Y, day.Width);
        doc.Y += Math.Max(issuer.Height, day.Height) + (1.5f * mm);
        doc.Fill(new SKRect(left, doc.Y, left + width, doc.Y + 2f), MastheadRed);
        doc.Y += 2f + (7 * mm);

        doc.Y += doc.Text(BulletinModel.Title, report.Hei(18f, 1.7f), left, doc.Y, width, TextAlign.Center) + (6 * mm);
        Paragraph(report, model.Opening, body);

        Heading(report, "一、总体进展情况", body);
        Paragraph(report, model.TotalsSentence, body);
        if (model.CategorySentence.Length > 0)
        {
            Paragraph(report, model.CategorySentence, body);
        }

        Paragraph(report, model.StateSentence, body);
        Paragraph(report, model.TimelinessSentence, body);

        Heading(report, "二、各单位整改进展及排名", body);
        Paragraph(report, model.UnitsIntro, body);
        if (model.Figures.ByUnit.Count > 0)
        {
            Table(report, BulletinModel.UnitHeader, model.UnitRows, [9f, 35f, 11f, 11f, 11f, 9f, 14f], wide: 1);
        }

        Heading(report, "三、逾期未完成事项", body);
        Paragraph(report, model.OverdueIntro, body);
        if (model.Overdue.Count > 0)
        {
            Table(report, BulletinModel.OverdueHeader, model.OverdueRows, [7f, 8f, 35f, 16f, 10f, 13f, 11f], wide: 2);
        }

        Heading(report, "四、整改成效", body);
        Paragraph(report, model.OutcomeSentence, body);

        Heading(report, "五、本期销号事项", body);
        Paragraph(report, model.ClosedSinceIntro, body);
        if (model.ClosedSince.Count > 0)
        {
            Table(report, BulletinModel.ClosedHeader, model.ClosedRows, [7f, 8f, 43f, 16f, 12f, 14f], wide: 2);
        }

        Signature(report, model);
        return report;
    }

    /// <summary>A body paragraph: justified, its first two lines kept together, 1.5 mm below.</summary>
    private static void Paragraph(NativeReport report, string text, TextStyle body) =>
        report.Paragraph(text, body, 1.5f * PageGeometry.Mm, TextAlign.Justify, keepLines: 2);

    /// <summary>A 13-pt 黑体 heading indented two characters, kept with the first lines of its paragraph.</summary>
    private static void Heading(NativeReport report, string text, TextStyle body) =>
        report.Heading(text, report.Hei(13f, 1.7f) with { FirstLineIndent = 26f }, 1.5f * PageGeometry.Mm, 2 * body.LineAdvance);

    /// <summary>A list table: header repeated on every page, column <paramref name="wide"/> left-aligned, the rest centred.</summary>
    private static void Table(NativeReport report, IReadOnlyList<string> header, IEnumerable<string[]> rows, float[] widths, int wide)
    {
        var doc = report.Doc;
        var text = report.Song(9.5f);
        var head = report.Hei(9.5f);
        doc.Y += 1 * PageGeometry.Mm;
        var table = new TableWriter(doc, widths,
            header.Select(h => new TableCell([new CellBlock(h, head, TextAlign.Center)], Fill: TableHeaderFill, Middle: true)).ToList(),
            new TableStyle(3f, 1.5f, 0.6f, NativeReport.Rule));
        table.Rows(rows.Select(row => new TableRow(row.Select((value, i) => TableCell.Of(value, text, i == wide ? TextAlign.Left : TextAlign.Center)).ToList())));

        doc.Y += 3 * PageGeometry.Mm;
    }

    /// <summary>The issuer and date, centred in a 60-mm block at the right, and the generated-by line under them.</summary>
    private static void Signature(NativeReport report, BulletinModel model)
    {
        var doc = report.Doc;
        var mm = PageGeometry.Mm;
        var style = report.Song(12f, 1.7f);
        var blockWidth = 60 * mm;
        var x = doc.Page.Left + doc.Page.ContentWidth - (8 * mm) - blockWidth;
        var issuer = TextLayout.Layout(model.Issuer, style, blockWidth);
        var day = TextLayout.Layout(BulletinModel.Day(model.AsOf), style, blockWidth);
        var generated = TextLayout.Layout(model.Signature, report.Song(8.5f, 1.7f, NativeReport.Muted), 100 * mm);
        var height = (12 * mm) + issuer.Height + day.Height + (4 * mm) + generated.Height;
        if (doc.Remaining < height)
        {
            doc.NewPage();
        }
        else
        {
            doc.Y += 12 * mm;
        }

        doc.Text(issuer, x, doc.Y, blockWidth, TextAlign.Center);
        doc.Y += issuer.Height;
        doc.Text(day, x, doc.Y, blockWidth, TextAlign.Center);
        doc.Y += day.Height + (4 * mm);
        doc.Text(generated, x - (40 * mm), doc.Y, 100 * mm, TextAlign.Right);
        doc.Y += generated.Height;
    }
}
