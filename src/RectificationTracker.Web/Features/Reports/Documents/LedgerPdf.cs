using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Infrastructure.PdfWriter;

namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>
/// 巡察反馈意见整改销号表 (整改台账) written straight to PDF (ADR 14): the title block, then the twelve-column table
/// whose header row repeats on every page; a row is never split across pages unless it alone is taller than a page;
/// when the ledger spans rounds, each round starts with a heading row kept with its first task.
/// Same layout, faces and sizes as the HTML ledger it replaces (<c>LedgerReport.razor</c> in git history).
/// </summary>
public static class LedgerPdf
{
    private static readonly float[] Columns = [4.5f, 10f, 12f, 14f, 5.5f, 5f, 8f, 6.5f, 7f, 14.5f, 7f, 6f];

    private static readonly string[] Headers =
        ["序号", "问题类别\n(方面)", "具体问题", "整改措施", "整改\n类型", "牵头\n领导", "责任单位", "责任人", "整改时限", "整改进展", "销号情况", "备注"];

    public static void Write(LedgerReportModel model, DocumentFonts fonts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        var report = new NativeReport(fonts, model.Paper, landscape: true);
        var (size, lineHeight) = model.Paper == PaperSize.A3 ? (9.5f, 1.4f) : (8f, 1.3f);
        var text = report.Song(size, lineHeight);
        var small = report.Song(7.5f, lineHeight);
        var muted = report.Song(7.5f, lineHeight, NativeReport.Muted);
        var hei = report.Hei(size, lineHeight);
        var red = report.Hei(size, lineHeight, NativeReport.Red);

        report.Title(model.Title);
        var meta = new List<(string, string)>();
        if (model.RoundText is not null)
        {
            meta.Add(("巡察轮次:", model.RoundText));
        }

        if (model.InspectedUnitsText is not null)
        {
            meta.Add(("被巡察单位:", model.InspectedUnitsText));
        }

        meta.Add(("截至日期:", model.Stamp.AsOfText));
        meta.Add(("范围:", model.ScopeText));
        report.LabelledItems(meta, 9.5f, 2 * PageGeometry.Mm);
        report.Paragraph(model.SummaryText, report.Song(9.5f), 3 * PageGeometry.Mm);

        var header = Headers.Select(h => new TableCell([new CellBlock(h, hei, TextAlign.Center)], Fill: NativeReport.HeaderFill, Middle: true)).ToList();
        var table = new TableWriter(report.Doc, Columns, header, new TableStyle(3f, 1.5f, 0.6f, NativeReport.Rule));
        table.Rows(Rows());
        if (model.Rows.Count == 0)
        {
            table.Row([new TableCell([new CellBlock("该范围内没有整改任务。", report.Song(size, lineHeight, NativeReport.Muted), TextAlign.Center)], ColSpan: 12)]);
        }

        table.Flush();
        report.Write(output, model.Title, model.Stamp);

        // Built and laid out on a second thread while the rows before are placed (TableWriter.Rows).
        IEnumerable<TableRow> Rows()
        {
            int? round = null;
            var n = 0;
            foreach (var r in model.Rows)
            {
                n++;
                if (model.RoundText is null && r.RoundId != round)
                {
                    round = r.RoundId;
                    yield return new TableRow([new TableCell([new CellBlock("巡察轮次:" + r.RoundName, hei)], ColSpan: 12, Fill: NativeReport.GroupFill)], KeepWithNext: true);
                }

                TableCell Cell(string? value) => TableCell.Of(value, text);
                TableCell Centred(string? value) => TableCell.Of(value, text, TextAlign.Center);
                var closing = new List<CellBlock> { new(ReportText.StateText(r), text, TextAlign.Center) };
                if (r.ClosedOn is { } closed)
                {
                    closing.Add(new CellBlock(ReportText.Date(closed), small, TextAlign.Center));
                    closing.Add(new CellBlock("审签:" + r.ClosedByName, small, TextAlign.Center));
                }

                yield return new TableRow(
                [
                    new TableCell([new CellBlock(n.ToString(System.Globalization.CultureInfo.InvariantCulture), text, TextAlign.Center), new CellBlock(r.Code, muted, TextAlign.Center)]),
                    Cell(r.AspectLabel),
                    Cell(r.ProblemTitle),
                    Cell(r.Measure),
                    Centred(TaskNames.DisplayName(r.Category)),
                    Centred(r.LeadLeaderName),
                    Cell(r.ResponsibleUnitName),
                    Centred(r.ResponsiblePersonName),
                    Centred(ReportText.Deadline(r)),
                    Cell(r.LatestProgress),
                    new TableCell(closing),
                    TableCell.Of(ReportText.Remark(r), r.Light == TaskLight.Red ? red : text, TextAlign.Center),
                ]);
            }
        }
    }
}
