using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure.PdfWriter;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>Issue 15: reports embed TrueType (CID) subsets, not Type 3 or whole font files; no browser is involved.</summary>
[Collection(ReportsFixture.Name)]
public sealed class ReportFontsTests(ReportsApp app)
{
    [Fact]
    public async Task The_ledger_and_the_sign_off_sheet_embed_only_cid_truetype_subsets_in_song_and_hei_faces()
    {
        var roundId = await app.AddRoundAsync("字体组", 12);
        using var client = await app.SignedInClientAsync("office");

        var ledger = await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = roundId }, PaperSize.A4));
        var fonts = await PdfFonts.ReadAsync(ledger);

        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Equal("CID TrueType", f.Type));
        Assert.Contains(fonts, f => f.Name.Contains("BousungEG", StringComparison.Ordinal)); // 文鼎简报宋: 宋体 body
        Assert.Contains(fonts, f => f.Name.Contains("WenQuanYiMicroHei", StringComparison.Ordinal)); // 黑体: title, headers
        Assert.Contains("字体组措施0012", (await PdfText.ReadAsync(ledger)).Compact, StringComparison.Ordinal);
        // Subsets, not the 5-MB font files: a 12-row ledger is small.
        Assert.True(ledger.Length < 400_000, $"a 12-row ledger is {ledger.Length} bytes");
    }

    [Fact]
    public async Task The_health_check_reports_the_report_fonts()
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["report-engine"].Status);
        Assert.Equal("报表字体齐全", report.Entries["report-engine"].Description);
        Assert.True(app.Services.GetRequiredService<DocumentFonts>().CanDrawChinese);
    }
}

/// <summary>A long ledger reads as one document: the header on every page, continuous page numbers, every row once.</summary>
[Collection(ReportsFixture.Name)]
public sealed class LongLedgerTests(ReportsApp app)
{
    [Fact]
    public async Task A_long_ledger_has_continuous_page_numbers_the_header_on_every_page_and_every_row_once_in_order()
    {
        var roundId = await app.AddRoundAsync("长表组", 130);
        using var client = await app.SignedInClientAsync("office");

        var bytes = await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = roundId }, PaperSize.A4));
        var pdf = await PdfText.ReadAsync(bytes);

        Assert.True(pdf.Pages >= 5, $"130 rows printed on {pdf.Pages} pages");
        Assert.Equal(297, pdf.PageMillimetres.Width, 0);
        Assert.Equal(1, CountOf(pdf.Compact, "巡察反馈意见整改销号表")); // the title once, on page 1
        Assert.Contains("巡察反馈意见整改销号表", pdf.CompactPage(1), StringComparison.Ordinal);
        for (var page = 1; page <= pdf.Pages; page++)
        {
            var text = pdf.CompactPage(page);
            Assert.Equal(1, CountOf(text, $"第{page}页/共{pdf.Pages}页"));
            Assert.Equal(1, CountOf(text, "/共"));
            Assert.Contains("生成人:张敏", text, StringComparison.Ordinal);
            foreach (var header in new[] { "序号", "具体问题", "整改措施", "整改", "类型", "牵头", "领导", "责任单位", "责任人", "整改时限", "整改进展", "销号情况", "备注" })
            {
                Assert.Contains(header, text, StringComparison.Ordinal);
            }
        }

        var all = pdf.Compact;
        var last = -1;
        for (var i = 1; i <= 130; i++)
        {
            var measure = $"长表组措施{i:0000}";
            Assert.True(CountOf(all, measure) == 1, $"{measure} printed {CountOf(all, measure)} times");
            var at = all.IndexOf(measure, StringComparison.Ordinal);
            Assert.True(at > last, $"{measure} out of order");
            last = at;
        }

        Assert.All(await PdfFonts.ReadAsync(bytes), f => Assert.Equal("CID TrueType", f.Type));
    }

    [Fact]
    public async Task Ten_ledgers_downloaded_at_once_all_arrive_complete()
    {
        var roundId = await app.AddRoundAsync("并发组", 60);
        using var client = await app.SignedInClientAsync("office");
        var url = new Uri(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = roundId }, PaperSize.A4), UriKind.Relative);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(url)));
        try
        {
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
                Assert.Contains("并发组措施0060", text.Compact, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
