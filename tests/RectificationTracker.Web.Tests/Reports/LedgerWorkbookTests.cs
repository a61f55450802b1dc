using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>The ledger's .xlsx opened with the OpenXML SDK, as Excel would read it.</summary>
[Collection(ReportsFixture.Name)]
public sealed class LedgerWorkbookTests(ReportsApp app)
{
    [Fact]
    public async Task A_round_exports_one_row_per_task_with_a_frozen_filtered_header_and_real_dates()
    {
        var roundId = await app.AddRoundAsync("丁组", 40);
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.LedgerXlsxUrl(new LedgerFilter { RoundId = roundId }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using var sheet = Workbook.Open(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("巡察反馈意见整改销号表", sheet.Text("A1"));
        Assert.Contains("丁组专项巡察", sheet.Text("A2"), StringComparison.Ordinal);
        Assert.Equal(LedgerWorkbook.Headers, sheet.Row(LedgerWorkbook.HeaderRow).Select(h => h ?? ""));
        Assert.Equal(["序号", "编号", "巡察轮次", "问题类别(方面)", "具体问题", "整改措施", "整改类型", "牵头领导", "责任单位", "责任人", "整改时限", "整改进展", "销号状态", "销号日期", "审签人", "备注"],
            sheet.Row(LedgerWorkbook.HeaderRow));
        var data = Enumerable.Range(LedgerWorkbook.HeaderRow + 1, 40).Select(sheet.Row).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"丁组措施{i:0000}"), data.Select(r => r[5]));
        Assert.All(data, r => Assert.Equal("限期整改", r[6]));
        Assert.All(data, r => Assert.Equal("办公室", r[8]));
        Assert.Null(sheet.Cell($"F{LedgerWorkbook.HeaderRow + 41}"));

        // 整改时限 is a number formatted as a date, so Excel sorts and filters it as a date.
        var deadline = sheet.Cell($"K{LedgerWorkbook.HeaderRow + 1}")!;
        Assert.Null(deadline.DataType);
        Assert.Equal(new DateOnly(2027, 1, 15), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(deadline.CellValue!.Text, CultureInfo.InvariantCulture))));
        Assert.Equal("yyyy-mm-dd", sheet.NumberFormatOf(deadline));

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(LedgerWorkbook.HeaderRow, pane.VerticalSplit!.Value);
        Assert.Equal($"A{LedgerWorkbook.HeaderRow}:P{LedgerWorkbook.HeaderRow + 40}", sheet.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value);

        // Widths fit Chinese text: wide enough for the longest header and a 12-character unit name,
        // capped for the long-text columns (which wrap).
        var widths = sheet.Worksheet.Descendants<Column>().ToDictionary(c => (int)c.Min!.Value, c => c.Width!.Value);
        Assert.True(widths[1] >= 6 && widths[1] <= 10, $"序号 {widths[1]}");
        Assert.True(widths[4] >= 14, $"问题类别(方面) {widths[4]}");
        Assert.True(widths[6] <= 50, $"整改措施 {widths[6]}");
        Assert.True(widths[11] >= 10.5, $"整改时限 {widths[11]}");
    }

    [Fact]
    public async Task The_export_holds_exactly_the_ledger_page_rows_of_the_filter()
    {
        var office = await app.ActorAsync("office");
        var filter = new LedgerFilter { UnitId = await app.UnitIdAsync("办公室") };
        var expected = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(q => q.AllAsync(office, filter));
        using var client = await app.SignedInClientAsync("office");

        using var sheet = Workbook.Open(await client.GetByteArrayAsync(ReportEndpoints.LedgerXlsxUrl(filter)));

        var rows = Enumerable.Range(LedgerWorkbook.HeaderRow + 1, expected.Count).Select(sheet.Row).ToList();
        Assert.Equal(expected.Select(r => r.Code), rows.Select(r => r[1]));
        Assert.Equal(expected.Select(r => r.Measure), rows.Select(r => r[5]));
        Assert.Null(sheet.Cell($"A{LedgerWorkbook.HeaderRow + expected.Count + 1}"));
        var closed = expected.Where(r => r.ClosedOn is not null).ToList();
        Assert.NotEmpty(closed);
        foreach (var (row, i) in expected.Select((r, i) => (r, i)).Where(x => x.r.ClosedOn is not null))
        {
            var cell = sheet.Cell($"N{LedgerWorkbook.HeaderRow + 1 + i}")!;
            Assert.Equal(row.ClosedOn, DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture))));
            Assert.Equal(row.ClosedByName, rows[i][14]);
        }

        var recorded = await app.HistoryAsync();
        Assert.Contains(recorded, h => h.EntityType == "Report" && h.Action == "Download" && h.ActorId == office.UserId
            && h.Details!.Contains("Excel", StringComparison.Ordinal) && h.Details.Contains("办公室", StringComparison.Ordinal));
    }

    /// <summary>A workbook's only sheet, with cell texts resolved through the shared strings.</summary>
    private sealed class Workbook : IDisposable
    {
        private readonly SpreadsheetDocument _document;
        private readonly MemoryStream _stream;
        private readonly Dictionary<string, Cell> _cells;
        private readonly List<string> _strings;

        private Workbook(byte[] bytes)
        {
            _stream = new MemoryStream(bytes);
            _document = SpreadsheetDocument.Open(_stream, false);
            var part = _document.WorkbookPart!;
            Worksheet = part.WorksheetParts.Single().Worksheet;
            _strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            _cells = Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, StringComparer.Ordinal);
            Styles = part.WorkbookStylesPart!.Stylesheet;
        }

        public Worksheet Worksheet { get; }

        public Stylesheet Styles { get; }

        public static Workbook Open(byte[] bytes) => new(bytes);

        public Cell? Cell(string reference) => _cells.GetValueOrDefault(reference);

        public string? Text(string reference) => Cell(reference) is { } c ? TextOf(c) : null;

        public List<string?> Row(int row) =>
            Enumerable.Range(1, 16).Select(c => Text(LedgerWorkbook.ColumnName(c) + row.ToString(CultureInfo.InvariantCulture))).ToList();

        public string? NumberFormatOf(Cell cell)
        {
            var format = Styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            return Styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value)?.FormatCode?.Value;
        }

        private string? TextOf(Cell c) => c.DataType?.Value == CellValues.SharedString
            ? _strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
            : c.CellValue?.Text;

        public void Dispose()
        {
            _document.Dispose();
            _stream.Dispose();
        }
    }
}
