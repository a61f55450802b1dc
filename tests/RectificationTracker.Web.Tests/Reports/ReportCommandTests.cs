using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Cli;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary><c>report …</c>: operators render the same reports without the UI.</summary>
[Collection(ReportsFixture.Name)]
public sealed class ReportCommandTests(ReportsApp app) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rt-report-cli-").FullName;

    private Task<int> RunAsync(params string[] args) =>
        OperatorCommands.RunAsync(["report", .. args, .. app.CommandSettings]);

    [Fact]
    public async Task Ledger_as_of_a_later_date_judges_deadlines_on_that_date_in_pdf_and_xlsx()
    {
        var roundId = await app.AddRoundAsync("戊组", 4); // deadlines 2027-01-15, not yet assigned
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            // Assigned work is what can be overdue: move the round's tasks on as the workflow would.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Tasks\" SET \"State\" = {0} WHERE \"RoundId\" = {1}", nameof(TaskState.InProgress), roundId);
        }

        var pdf = Path.Combine(_folder, "台账.pdf");
        var xlsx = Path.Combine(_folder, "台账.xlsx");

        Assert.Equal(0, await RunAsync("ledger", "--round", roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as-of", "2027-02-14", "--out", pdf));
        Assert.Equal(0, await RunAsync("ledger", "--round", roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as-of", "2027-02-14", "--out", xlsx));

        var text = (await PdfText.ReadAsync(await File.ReadAllBytesAsync(pdf))).Compact;
        Assert.Contains("截至日期:2027年2月14日", text, StringComparison.Ordinal);
        Assert.Contains("逾期4项", text, StringComparison.Ordinal);
        Assert.Contains("逾期30天", text, StringComparison.Ordinal);
        Assert.Contains("生成人:系统运维(命令行)", text, StringComparison.Ordinal);
        using (var doc = SpreadsheetDocument.Open(xlsx, false))
        {
            var strings = doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
            Assert.Contains("戊组措施0004", strings);
            Assert.Contains("逾期30天", strings);
        }

        Assert.False(File.Exists(pdf + ".part"));
        Assert.Contains(await app.HistoryAsync(), h => h.ActorId == ReportCommand.Operator.UserId && h.Action == "Download" && h.RoundId == roundId);
    }

    [Fact]
    public async Task Flowchart_and_sign_off_sheet_are_written_as_pdf()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var closed = await db.Tasks.Where(t => t.State == TaskState.Closed).Select(t => new { t.Id, t.Measure }).FirstAsync();
        var flow = Path.Combine(_folder, "流程图.pdf");
        var sheet = Path.Combine(_folder, "审签单.pdf");

        Assert.Equal(0, await RunAsync("flowchart", "--out", flow));
        Assert.Equal(0, await RunAsync("signoff", "--task", closed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", sheet));

        Assert.Contains("巡察整改工作流程图", (await PdfText.ReadAsync(await File.ReadAllBytesAsync(flow))).Compact, StringComparison.Ordinal);
        var sheetText = (await PdfText.ReadAsync(await File.ReadAllBytesAsync(sheet))).Compact;
        Assert.Contains("巡察反馈意见整改销号审签单", sheetText, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(closed.Measure), sheetText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bulletin", "--out", "x.xlsx")]
    [InlineData("bulletin", "--as-of", "2026-10-01", "--since", "2026-10-01", "--out", "x.pdf")]
    [InlineData("ledger", "--out", "x.docx", "--since", "2026-10-01")]
    [InlineData("ledger")]
    [InlineData("ledger", "--out", "x.docx")]
    [InlineData("flowchart", "--out", "x.xlsx")]
    [InlineData("signoff", "--out", "x.pdf")]
    [InlineData("ledger", "--round", "abc", "--out", "x.pdf")]
    [InlineData("ledger", "--as-of", "2027/01/01", "--out", "x.pdf")]
    public async Task Bad_arguments_exit_with_2_and_write_nothing(params string[] args)
    {
        var relative = args.Select(a => a.StartsWith("x.", StringComparison.Ordinal) ? Path.Combine(_folder, a) : a).ToArray();

        Assert.Equal(2, await RunAsync(relative));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_missing_round_exits_with_1_and_leaves_no_file()
    {
        var pdf = Path.Combine(_folder, "x.pdf");

        Assert.Equal(1, await RunAsync("ledger", "--round", "987654", "--out", pdf));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
