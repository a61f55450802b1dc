using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>The ledger's .xlsx keeps text that looks like a formula as text for an office suite that re-saves it.</summary>
public sealed class LedgerFormulaTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"点击\")")]
    [InlineData("+1+1")]
    [InlineData("-减少审批环节")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Text_that_looks_like_a_formula_is_written_with_the_quote_prefix_style(string text)
    {
        var row = new LedgerRow(1, 1, "专项巡察", 1, "方面", 1, "问题", 1, text, TaskCategory.Deadline, "李建国", "办公室",
            text, new DateOnly(2026, 9, 30), TaskState.InProgress, null, null, TaskLight.Green, null, "已召开会议");
        var model = new LedgerReportModel("巡察反馈意见整改销号表", "专项巡察", null, "全部", [row], PaperSize.A4,
            new ReportStamp("张敏", new DateTime(2026, 5, 1, 9, 0, 0), new DateOnly(2026, 5, 1)));
        using var buffer = new MemoryStream();

        LedgerWorkbook.Write(model, buffer);

        using var document = SpreadsheetDocument.Open(new MemoryStream(buffer.ToArray()), false);
        var part = document.WorkbookPart!;
        var strings = part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        var formats = part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var cells = part.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, StringComparer.Ordinal);
        var dataRow = (LedgerWorkbook.HeaderRow + 1).ToString(CultureInfo.InvariantCulture);
        bool Quoted(Cell c) => formats[(int)(c.StyleIndex?.Value ?? 0)].QuotePrefix?.Value ?? false;

        foreach (var column in new[] { "F", "J" }) // 整改措施 (a left-aligned text column), 责任人 (a centred one)
        {
            var cell = cells[column + dataRow];
            Assert.Null(cell.CellFormula);
            Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
            // XML reads a bare CR back as LF (line-end normalisation); the text is otherwise as written.
            Assert.Equal(text.Replace('\r', '\n'), strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]);
            Assert.True(Quoted(cell), $"{column}{dataRow} has no quote prefix");
        }

        // Ordinary text keeps the plain style, with the same borders and alignment as the quoted one.
        var plain = cells["E" + dataRow];
        Assert.False(Quoted(plain));
        var measureFormat = formats[(int)cells["F" + dataRow].StyleIndex!.Value];
        var plainFormat = formats[(int)plain.StyleIndex!.Value];
        Assert.Equal(plainFormat.BorderId!.Value, measureFormat.BorderId!.Value);
        Assert.Equal(plainFormat.Alignment!.Horizontal!.Value, measureFormat.Alignment!.Horizontal!.Value);
    }
}
