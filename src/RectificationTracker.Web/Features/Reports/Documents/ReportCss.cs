namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>The print styles shared by every report (kept in C#: Razor treats '@page' as a directive).</summary>
public static class ReportCss
{
    /// <summary>
    /// 宋体-style text face. Only TrueType-outline fonts: Chromium embeds them as CID TrueType subsets, while
    /// the OpenType/CFF Noto CJK fonts become Type 3 glyph programs (about 3× slower to print and twice the
    /// size; ADR 10). Latin letters and digits in Liberation Serif (Times metrics, as official documents
    /// use); Chinese in 文鼎简报宋 (GB2312), then 文鼎明体 (wider coverage); Noto only for a character neither has.
    /// </summary>
    public const string Song = "'Liberation Serif', 'AR PL SungtiL GB', 'AR PL UMing CN', 'Noto Serif CJK SC', serif";

    /// <summary>黑体 for headings, table headers and labels (TrueType: 文泉驿微米黑, then 正黑).</summary>
    public const string Hei = "'Liberation Sans', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif";

    /// <summary>The Debian packages holding the faces above (scripts/common.sh installs them).</summary>
    public static readonly IReadOnlyList<string> FontPackages =
        ["fonts-liberation2", "fonts-arphic-gbsn00lp", "fonts-arphic-uming", "fonts-wqy-microhei", "fonts-wqy-zenhei"];

    /// <summary>The "第 X 页 / 共 Y 页" box, also drawn alone on the stamp pages of a document printed in parts.</summary>
    public const string PageNumberBox = "@bottom-center { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"; white-space: nowrap; font: 9pt " + Song + "; color: #222; }";

    /// <param name="pageNumbers">False for the parts of a long document: its page numbers are stamped on after the parts are joined.</param>
    public static string Page(PaperSize paper, bool landscape, ReportStamp stamp, bool pageNumbers = true)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        return PageSize(paper, landscape) + " margin: 14mm 12mm 16mm 12mm;"
            + " @bottom-left { content: " + ReportText.CssString(stamp.FooterText) + "; font: 8pt " + Song + "; color: #444; }"
            + (pageNumbers ? " " + PageNumberBox : "")
            + " @bottom-right { content: \"巡察整改销号管理系统\"; font: 8pt " + Song + "; color: #444; } }";
    }

    /// <summary>"@page { size: A4 landscape;" (left open for the margins and boxes).</summary>
    public static string PageSize(PaperSize paper, bool landscape) => "@page { size: " + paper + (landscape ? " landscape" : " portrait") + ";";

    /// <summary>
    /// <paramref name="pages"/> empty pages of the report's paper and margins carrying only "第 X 页 / 共 Y 页":
    /// laid over a document joined from parts, it gives the whole document continuous page numbers.
    /// </summary>
    public static string PageNumberSheet(PaperSize paper, bool landscape, int pages)
    {
        var html = new System.Text.StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>")
            .Append(PageSize(paper, landscape)).Append(" margin: 14mm 12mm 16mm 12mm; ").Append(PageNumberBox).Append(" }")
            .Append(' ').Append(PrintOnly).Append(" body { margin: 0; } div { height: 1px; break-after: page; } div:last-child { break-after: auto; }</style></head><body>");
        for (var i = 0; i < pages; i++)
        {
            html.Append("<div></div>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>The engine's warm-up page: one line in each face the reports use, and the page footer.</summary>
    public static string WarmUpPage =>
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + PageSize(PaperSize.A4, landscape: true)
        + " margin: 14mm 12mm 16mm 12mm; " + PageNumberBox + " } " + Base + "</style></head><body><h1>巡察整改销号表</h1>"
        + "<p>整改措施 2026-12-01 <b>牵头领导</b></p></body></html>";

    /// <summary>
    /// The documents are only ever printed: nothing is laid out for the screen. Chromium lays a page out for its
    /// window when it loads and again, from scratch, for print; hiding the body on screen skips the first layout
    /// (a third of a 500-row ledger's time, ADR 10) and prints exactly the same pages.
    /// </summary>
    public const string PrintOnly = "@media screen { body { display: none; } }";

    // No synthetic bold anywhere: these faces have no bold, and Chromium prints emboldened glyphs as
    // Type 3. Emphasis is 黑体 at its normal weight, as in official documents (GB/T 9704).
    public const string Base = $$"""
        {{PrintOnly}}
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: {{Song}}; font-size: 9pt; color: #111; line-height: 1.4; }
        b, strong, th, h1, h2, h3, .hei { font-family: {{Hei}}; font-weight: normal; }
        h1 { font-size: 20pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1pt; }
        .meta { display: flex; flex-wrap: wrap; gap: 1mm 8mm; font-size: 9.5pt; margin: 0 0 2mm; }
        .summary { font-size: 9.5pt; margin: 0 0 3mm; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 0.6pt solid #333; padding: 1.5pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #e8ecf2; text-align: center; vertical-align: middle; }
        .c { text-align: center; }
        .muted { color: #555; }
        .small { font-size: 7.5pt; }
        .red { color: #b00020; font-family: {{Hei}}; }
        """;

    public const string SignOff = $$"""
        h1 { margin-bottom: 3mm; }
        h2 { font-size: 12pt; margin: 5mm 0 2mm; }
        body { font-size: 10pt; }
        .form th { background: #f3f5f8; text-align: center; }
        .form td, .form th { padding: 3pt 5pt; }
        .pre { white-space: pre-wrap; }
        .list { font-size: 9pt; }
        .mono { font-family: 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 8.5pt; }
        ol.rules { margin: 1mm 0 0 5mm; padding: 0; }
        .signatures { margin-top: 10mm; break-inside: avoid; }
        .signatures td { border: none; width: 33%; padding: 0 4mm; vertical-align: bottom; }
        .signatures .role { font-family: {{Hei}}; margin-bottom: 14mm; }
        .signatures .line { border-bottom: 0.8pt solid #222; margin-bottom: 2mm; }
        .signatures .date { text-align: right; letter-spacing: 12pt; }
        """;

    /// <summary>
    /// The bulletin: 宋体 body, 黑体 headings, red masthead and rule. The masthead alone keeps Noto Serif CJK
    /// Black (the heavy 小标宋 look no TrueType face here has): a dozen glyphs as Type 3, once per bulletin.
    /// </summary>
    public const string Bulletin = """
        body { font-size: 12pt; line-height: 1.7; }
        .masthead { color: #c00000; font-family: 'Noto Serif CJK SC', serif; font-weight: 900; font-size: 30pt; text-align: center; letter-spacing: 4pt; margin: 4mm 0 3mm; }
        .issue { display: flex; justify-content: space-between; font-size: 11pt; padding: 0 4mm; }
        .rule { border-top: 2pt solid #c00000; margin: 1.5mm 0 7mm; }
        h1 { font-size: 18pt; margin: 0 0 6mm; letter-spacing: 0; }
        h2 { font-size: 13pt; margin: 5mm 0 1.5mm; text-indent: 2em; break-after: avoid; page-break-after: avoid; }
        .keep { break-inside: avoid; page-break-inside: avoid; }
        .issue-no { text-align: center; font-size: 12pt; margin: 0 0 2mm; }
        tr { break-inside: avoid; }
        thead { display: table-header-group; }
        p { margin: 0 0 1.5mm; text-indent: 2em; text-align: justify; }
        p.lead { text-indent: 2em; }
        .list { font-size: 9.5pt; line-height: 1.4; margin: 1mm 0 3mm; }
        .list th { background: #f2f2f2; }
        .sign { margin: 12mm 8mm 0 auto; width: 60mm; text-align: center; break-inside: avoid; }
        .sign .gen { margin-top: 4mm; font-size: 8.5pt; color: #555; text-align: right; width: 100mm; margin-left: -40mm; }
        """;
}
