using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.ThreeLists;

namespace RectificationTracker.Web.Tests.ThreeLists;

public sealed class FormulaTextExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"点击\")")]
    [InlineData("+1+1")]
    [InlineData("-减少审批环节")]
    [InlineData("@SUM(A1)")]
    public void Text_that_looks_like_a_formula_is_exported_with_the_quote_prefix_style(string measure)
    {
        var row = new[] { "(一)方面", "1", "问题", "1", measure, "限期整改", "李建国", "政治部", "", "张三", "2026-09-30" };
        using var buffer = new MemoryStream();
        ThreeListWorkbook.Write(buffer, [row], ["政治部"], ["李建国"], "测试");

        using var doc = SpreadsheetDocument.Open(new MemoryStream(buffer.ToArray()), false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == ThreeListWorkbook.DataSheet);
        var cells = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();
        var measureCell = cells.Single(c => c.CellReference!.Value == ThreeListColumns.Letter(4) + "2");
        var plainCell = cells.Single(c => c.CellReference!.Value == ThreeListColumns.Letter(2) + "2");
        var formats = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();

        Assert.Null(measureCell.CellFormula);
        Assert.Equal(measure, measureCell.InlineString!.InnerText);
        Assert.True(formats[(int)measureCell.StyleIndex!.Value].QuotePrefix?.Value);
        Assert.False(formats[(int)(plainCell.StyleIndex?.Value ?? 0)].QuotePrefix?.Value ?? false);
    }
}
