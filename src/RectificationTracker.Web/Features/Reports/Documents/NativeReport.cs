using SkiaSharp;
using RectificationTracker.Web.Infrastructure.PdfWriter;

namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>
/// The look shared by the reports written straight to PDF (ADR 14): the same faces, sizes and colours the HTML
/// reports set in <see cref="ReportCss"/>, the paper, and the page footer ("第 X 页 / 共 Y 页" between the
/// generated-at line with its 数据指纹 and the system's name).
/// </summary>
public sealed class NativeReport
{
    public static readonly SKColor Ink = SKColor.Parse("#111111");
    public static readonly SKColor Muted = SKColor.Parse("#555555");
    public static readonly SKColor Red = SKColor.Parse("#b00020");
    public static readonly SKColor Rule = SKColor.Parse("#333333");
    public static readonly SKColor HeaderFill = SKColor.Parse("#e8ecf2");
    public static readonly SKColor GroupFill = SKColor.Parse("#f5f1e6");
    private static readonly SKColor FooterInk = SKColor.Parse("#444444");
    private static readonly SKColor PageNumberInk = SKColor.Parse("#222222");

    public NativeReport(DocumentFonts fonts, PaperSize paper, bool landscape)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        Fonts = fonts;
        var (w, h) = paper == PaperSize.A3 ? (297f, 420f) : (210f, 297f);
        Doc = new PdfComposer(landscape ? PageGeometry.Of(h, w) : PageGeometry.Of(w, h));
        Doc.NewPage();
    }

    public DocumentFonts Fonts { get; }

    public PdfComposer Doc { get; }

    public TextStyle Song(float size, float lineHeight = 1.4f, SKColor? color = null) => new(Fonts.Song, size, color ?? Ink, lineHeight);

    public TextStyle Hei(float size, float lineHeight = 1.4f, SKColor? color = null) => new(Fonts.Hei, size, color ?? Ink, lineHeight);

    /// <summary>A centred 黑体 title (the HTML reports' h1: 20 pt, 1 pt letter spacing, 4 mm below).</summary>
    public void Title(string title)
    {
        var style = new TextStyle(Fonts.Hei, 20f, Ink, 1.4f, 1f);
        Doc.Y += Doc.Text(title, style, Doc.Page.Left, Doc.Y, Doc.Page.ContentWidth, TextAlign.Center) + (4 * PageGeometry.Mm);
    }

    /// <summary>
    /// A line of "label: value" items side by side, 8 mm apart, wrapping to the next line as whole items (a value too
    /// long for a line wraps under itself).
    /// </summary>
    public void LabelledItems(IEnumerable<(string Label, string Value)> items, float size, float spaceBelow)
    {
        ArgumentNullException.ThrowIfNull(items);
        var labelStyle = Hei(size);
        var valueStyle = Song(size);
        var gap = 8 * PageGeometry.Mm;
        var rowGap = 1 * PageGeometry.Mm;
        var x = 0f;
        var lineHeight = 0f;
        var width = Doc.Page.ContentWidth;
        foreach (var (label, value) in items)
        {
            var laidLabel = TextLayout.Layout(label, labelStyle, width);
            var laidValue = TextLayout.Layout(value, valueStyle, float.MaxValue / 4);
            var itemWidth = laidLabel.Width + laidValue.Width;
            if (x > 0 && x + itemWidth > width)
            {
                Doc.Y += lineHeight + rowGap;
                x = 0;
                lineHeight = 0;
            }

            if (itemWidth > width - x)
            {
                laidValue = TextLayout.Layout(value, valueStyle, width - x - laidLabel.Width);
            }

            Doc.Text(laidLabel, Doc.Page.Left + x, Doc.Y, laidLabel.Width);
            Doc.Text(laidValue, Doc.Page.Left + x + laidLabel.Width, Doc.Y, laidValue.Width);
            x += laidLabel.Width + laidValue.Width + gap;
            lineHeight = Math.Max(lineHeight, Math.Max(laidLabel.Height, laidValue.Height));
        }

        Doc.Y += lineHeight + spaceBelow;
    }

    /// <summary>
    /// A section heading 5 mm below the text before it (by default the HTML reports' h2: 黑体 12 pt, 2 mm below), never
    /// alone at a page's foot: it starts a new page unless <paramref name="keepBelow"/> points fit under it.
    /// </summary>
    public void Heading(string text, TextStyle? style = null, float spaceBelow = 2 * PageGeometry.Mm, float keepBelow = 40f)
    {
        var laid = TextLayout.Layout(text, style ?? Hei(12f), Doc.Page.ContentWidth);
        if (Doc.Remaining < (5 * PageGeometry.Mm) + laid.Height + spaceBelow + keepBelow)
        {
            Doc.NewPage();
        }
        else
        {
            Doc.Y += 5 * PageGeometry.Mm;
        }

        Doc.Text(laid, Doc.Page.Left, Doc.Y, Doc.Page.ContentWidth);
        Doc.Y += laid.Height + spaceBelow;
    }

    /// <summary>A paragraph across the page, continuing on the next page when it does not fit (its first <paramref name="keepLines"/> lines stay together).</summary>
    public void Paragraph(string text, TextStyle style, float spaceBelow, TextAlign align = TextAlign.Left, int keepLines = 1)
    {
        ArgumentNullException.ThrowIfNull(style);
        Doc.Flow(TextLayout.Layout(text, style, Doc.Page.ContentWidth), align, keepLines);
        Doc.Y += spaceBelow;
    }

    /// <summary>Draws every page's footer (now that the page count is known) and writes the PDF.</summary>
    public void Write(Stream output, string title, ReportStamp stamp, int? writers = null)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var page = Doc.Page;
        var left = Song(8f, 1.4f, FooterInk);
        var center = Song(9f, 1.4f, PageNumberInk);
        var footer = TextLayout.Layout(stamp.FooterText, left, page.ContentWidth * 0.45f);
        if (footer.Lines.Count > 1)
        {
            footer = TextLayout.Layout(stamp.FooterLines, left, page.ContentWidth * 0.45f);
        }

        var system = TextLayout.Layout("巡察整改销号管理系统", left, page.ContentWidth * 0.3f);
        var count = Doc.PageCount;
        for (var i = 0; i < count; i++)
        {
            var number = TextLayout.Layout($"第 {i + 1} 页 / 共 {count} 页", center, page.ContentWidth);
            Doc.DrawOn(i, () =>
            {
                // Vertically centred in the bottom margin, as CSS margin boxes are.
                var middle = page.Height - (page.Bottom / 2);
                Doc.Text(footer, page.Left, middle - (footer.Height / 2), footer.Width);
                Doc.Text(number, page.Left, middle - (number.Height / 2), page.ContentWidth, TextAlign.Center);
                Doc.Text(system, page.Width - page.Right - system.Width, middle - (system.Height / 2), system.Width);
            });
        }

        Doc.Write(output, title, stamp.GeneratedByName, writers);
    }
}
