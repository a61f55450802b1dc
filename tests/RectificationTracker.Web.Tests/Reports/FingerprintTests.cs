using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>
/// Every printed 销号表 and 销号审签单 carries the history chain's head as a 数据指纹, and the same head is
/// anchored in the file outside the database (docs/adr/0006): a filed copy can later prove the history.
/// </summary>
[Collection(ReportsFixture.Name)]
public sealed class FingerprintTests(ReportsApp app)
{
    [Fact]
    public async Task The_ledger_and_the_sign_off_sheet_print_the_chains_head_which_is_anchored_outside_the_database()
    {
        int closedTask;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            closedTask = await db.Tasks.Where(t => t.State == TaskState.Closed).Select(t => t.Id).FirstAsync();
        }

        var office = await app.ActorAsync("office");
        using var ledger = new MemoryStream();
        using var sheet = new MemoryStream();
        await app.WithAsync<ReportService, ReportOutcome>(r => r.LedgerPdfAsync(office, new LedgerFilter(), PaperSize.A4, ledger));
        var anchorsAfterLedger = app.Services.GetRequiredService<HistoryAnchors>().ReadAll().Anchors;
        await app.WithAsync<ReportService, ReportOutcome>(r => r.SignOffPdfAsync(office, closedTask, sheet));

        var ledgerText = (await PdfText.ReadAsync(ledger.ToArray())).Compact;
        var sheetText = (await PdfText.ReadAsync(sheet.ToArray())).Compact;
        var anchored = anchorsAfterLedger[^1];
        Assert.Contains("数据指纹:" + anchored.Fingerprint, ledgerText, StringComparison.Ordinal);
        // The ledger's own download row moved the head on: the sheet prints (and anchors) the newer head.
        var latest = app.Services.GetRequiredService<HistoryAnchors>().ReadAll().Anchors[^1];
        Assert.True(latest.Count > anchored.Count);
        Assert.Contains("数据指纹:" + latest.Fingerprint, sheetText, StringComparison.Ordinal);

        // On the portrait sheet the footer takes two lines; the fingerprint keeps one line of its own, never split
        // (it is read off the paper and typed into verify-history --anchor).
        var sheetLines = (await PdfText.ReadAsync(sheet.ToArray())).PageTexts[0].Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("数据指纹:" + latest.Fingerprint, sheetLines);
        Assert.Contains(sheetLines, l => l.StartsWith("生成时间:", StringComparison.Ordinal) && l.Contains("生成人:", StringComparison.Ordinal));
    }
}
