namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>The print styles shared by every report (kept in C#: Razor treats '@page' as a directive).</summary>
public static class ReportCss
{
    public static string Page(PaperSize paper, bool landscape, ReportStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        return "@page { size: " + paper + (landscape ? " landscape" : " portrait") + "; margin: 14mm 12mm 16mm 12mm;"
            + " @bottom-left { content: " + ReportText.CssString(stamp.FooterText) + "; font: 8pt 'Noto Sans CJK SC', sans-serif; color: #444; }"
            + " @bottom-center { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"; font: 9pt 'Noto Sans CJK SC', sans-serif; color: #222; }"
            + " @bottom-right { content: \"巡察整改销号管理系统\"; font: 8pt 'Noto Sans CJK SC', sans-serif; color: #444; } }";
    }

    public const string Base = """
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: 'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif; font-size: 9pt; color: #111; line-height: 1.4; }
        h1 { font-family: 'Noto Serif CJK SC', 'Noto Serif CJK', serif; font-weight: 700; font-size: 20pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1pt; }
        .meta { display: flex; flex-wrap: wrap; gap: 1mm 8mm; font-size: 9.5pt; margin: 0 0 2mm; }
        .meta b { font-weight: 700; }
        .summary { font-size: 9.5pt; margin: 0 0 3mm; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 0.6pt solid #333; padding: 1.5pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #e8ecf2; font-weight: 700; text-align: center; vertical-align: middle; }
        .c { text-align: center; }
        .muted { color: #555; }
        .small { font-size: 7.5pt; }
        .red { color: #b00020; font-weight: 700; }
        """;

    public const string SignOff = """
        h1 { margin-bottom: 3mm; }
        h2 { font-family: 'Noto Serif CJK SC', serif; font-size: 12pt; margin: 5mm 0 2mm; }
        body { font-size: 10pt; }
        .form th { background: #f3f5f8; text-align: center; }
        .form td, .form th { padding: 3pt 5pt; }
        .pre { white-space: pre-wrap; }
        .list { font-size: 9pt; }
        .mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 8.5pt; }
        ol.rules { margin: 1mm 0 0 5mm; padding: 0; }
        .signatures { margin-top: 10mm; break-inside: avoid; }
        .signatures td { border: none; width: 33%; padding: 0 4mm; vertical-align: bottom; }
        .signatures .role { font-weight: 700; margin-bottom: 14mm; }
        .signatures .line { border-bottom: 0.8pt solid #222; margin-bottom: 2mm; }
        .signatures .date { text-align: right; letter-spacing: 12pt; }
        """;

    /// <summary>The bulletin: serif (宋体/仿宋-like) body, sans-serif (黑体-like) headings, red masthead and rule.</summary>
    public const string Bulletin = """
        body { font-family: 'Noto Serif CJK SC', 'Noto Serif CJK', serif; font-size: 12pt; line-height: 1.7; }
        .masthead { color: #c00000; font-family: 'Noto Serif CJK SC', serif; font-weight: 900; font-size: 30pt; text-align: center; letter-spacing: 4pt; margin: 4mm 0 3mm; }
        .issue { display: flex; justify-content: space-between; font-size: 11pt; padding: 0 4mm; }
        .rule { border-top: 2pt solid #c00000; margin: 1.5mm 0 7mm; }
        h1 { font-family: 'Noto Serif CJK SC', serif; font-size: 18pt; margin: 0 0 6mm; letter-spacing: 0; }
        h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-weight: 700; font-size: 13pt; margin: 5mm 0 1.5mm; text-indent: 2em; }
        p { margin: 0 0 1.5mm; text-indent: 2em; text-align: justify; }
        p.lead { text-indent: 2em; }
        .list { font-size: 9.5pt; line-height: 1.4; margin: 1mm 0 3mm; }
        .list th { background: #f2f2f2; font-family: 'Noto Sans CJK SC', sans-serif; }
        .sign { margin: 12mm 8mm 0 auto; width: 60mm; text-align: center; break-inside: avoid; }
        .sign .gen { margin-top: 4mm; font-size: 8.5pt; color: #555; text-align: right; width: 100mm; margin-left: -40mm; }
        """;
}
