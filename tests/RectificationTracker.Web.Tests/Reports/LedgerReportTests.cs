using System.Net;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>The ledger PDF (巡察反馈意见整改销号表) read back with pdftotext, through the real endpoint and logins.</summary>
[Collection(ReportsFixture.Name)]
public sealed class LedgerReportTests(ReportsApp app)
{
    [Fact]
    public async Task Office_prints_a_round_with_title_rows_footer_and_the_header_repeated_on_page_two()
    {
        var roundId = await app.RoundIdAsync("市委第二巡察组");
        await using var db = await app.Db.CreateDbContextAsync();
        var measures = await db.Tasks.Where(t => t.RoundId == roundId).Select(t => t.Measure).ToListAsync();
        var otherRound = await db.Tasks.Where(t => t.RoundId != roundId).Select(t => t.Measure).FirstAsync();
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = roundId }, PaperSize.A4));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("巡察反馈意见整改销号表-" + DemoCampaignContent.RoundBName, response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var pdf = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.True(pdf.Pages >= 2, $"{measures.Count} rows should need several pages, got {pdf.Pages}");
        Assert.Equal(297, pdf.PageMillimetres.Width, 0); // A4 landscape
        Assert.Equal(210, pdf.PageMillimetres.Height, 0);
        var first = pdf.CompactPage(1);
        Assert.Contains("巡察反馈意见整改销号表", first, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(DemoCampaignContent.RoundBName), first, StringComparison.Ordinal);
        Assert.Contains($"共{measures.Count}项", first, StringComparison.Ordinal);
        foreach (var measure in measures)
        {
            Assert.Contains(PdfText.Squeeze(measure), pdf.Compact, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(PdfText.Squeeze(otherRound), pdf.Compact, StringComparison.Ordinal);
        for (var page = 1; page <= pdf.Pages; page++)
        {
            var text = pdf.CompactPage(page);
            Assert.Contains($"第{page}页/共{pdf.Pages}页", text, StringComparison.Ordinal);
            Assert.Contains("生成人:张敏", text, StringComparison.Ordinal);
            Assert.Contains("生成时间:", text, StringComparison.Ordinal);
            foreach (var header in new[] { "序号", "具体问题", "整改措施", "整改类型", "牵头领导", "责任单位", "责任人", "整改时限", "整改进展", "销号情况", "备注" })
            {
                Assert.Contains(header, text, StringComparison.Ordinal);
            }
        }

        var office = await app.ActorAsync("office");
        var recorded = Assert.Single(await app.HistoryAsync(), h => h.EntityType == "Report" && h.Action == "Download" && h.RoundId == roundId && h.ActorId == office.UserId);
        Assert.Contains("PDF", recorded.Details, StringComparison.Ordinal);
        Assert.Contains($"{measures.Count} 项", recorded.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_count_grows_with_rows_and_every_row_is_printed_once()
    {
        var small = await app.AddRoundAsync("甲组", 3);
        var large = await app.AddRoundAsync("乙组", 90);
        using var client = await app.SignedInClientAsync("office");

        var smallPdf = await PdfText.ReadAsync(await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = small }, PaperSize.A4)));
        var largePdf = await PdfText.ReadAsync(await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = large }, PaperSize.A4)));

        Assert.Equal(1, smallPdf.Pages);
        Assert.True(largePdf.Pages >= 3, $"90 rows printed on {largePdf.Pages} pages");
        for (var i = 1; i <= 90; i++)
        {
            var measure = $"乙组措施{i:0000}";
            Assert.True(CountOf(largePdf.Compact, measure) == 1, $"{measure} printed {CountOf(largePdf.Compact, measure)} times");
        }

        // No row is split across pages: each page ends on a whole row, so each page's rows are whole.
        for (var page = 1; page <= largePdf.Pages; page++)
        {
            var text = largePdf.CompactPage(page);
            Assert.Equal(CountOf(text, "乙组措施"), CountOf(text, "乙组问题"));
        }
    }

    [Fact]
    public async Task A3_is_printed_on_A3_landscape()
    {
        var roundId = await app.AddRoundAsync("丙组", 5);
        using var client = await app.SignedInClientAsync("office");

        var pdf = await PdfText.ReadAsync(await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = roundId }, PaperSize.A3)));

        Assert.Equal(420, pdf.PageMillimetres.Width, 0); // A3 landscape
        Assert.Equal(297, pdf.PageMillimetres.Height, 0);
        Assert.Contains("丙组措施0005", pdf.Compact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_current_ledger_filter_gives_the_same_rows_as_the_ledger_page()
    {
        var office = await app.ActorAsync("office");
        var filter = new LedgerFilter { State = TaskState.Closed, Text = "制度" };
        var page = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(office, filter with { PageSize = 200 }));
        Assert.True(page.Total > 0, "the demo should have closed tasks about 制度");
        using var client = await app.SignedInClientAsync("office");

        var pdf = await PdfText.ReadAsync(await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(filter, PaperSize.A4)));

        Assert.Contains($"共{page.Total}项", pdf.CompactPage(1), StringComparison.Ordinal);
        Assert.Contains("状态已销号", pdf.CompactPage(1), StringComparison.Ordinal);
        Assert.Contains("关键词“制度”", pdf.CompactPage(1), StringComparison.Ordinal);
        foreach (var row in page.Rows)
        {
            Assert.Contains(PdfText.Squeeze(row.Measure), pdf.Compact, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_user_of_another_unit_cannot_print_a_city_round_or_unit_and_the_attempt_is_recorded()
    {
        var cityRound = await app.RoundIdAsync("市委第二巡察组");
        var cityDepartment = await app.UnitIdAsync("第一检察部");
        var west = await app.ActorAsync("westcounty");
        using var client = await app.SignedInClientAsync("westcounty");

        using var byRound = await client.GetAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = cityRound + 1000 }, PaperSize.A4));
        using var byUnit = await client.GetAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { UnitId = cityDepartment }, PaperSize.A4));
        using var xlsxByUnit = await client.GetAsync(ReportEndpoints.LedgerXlsxUrl(new LedgerFilter { UnitId = cityDepartment }));

        Assert.Equal(HttpStatusCode.NotFound, byRound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byUnit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, xlsxByUnit.StatusCode);
        Assert.Contains("未找到要导出的内容,或您无权访问。", await byUnit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var history = await app.HistoryAsync();
        Assert.Contains(history, h => h.Action == "Denied" && h.EntityType == "Unit" && h.EntityId == cityDepartment && h.ActorId == west.UserId);
        Assert.Contains(history, h => h.Action == "Denied" && h.EntityType == "Round" && h.EntityId == cityRound + 1000 && h.ActorId == west.UserId);
        Assert.DoesNotContain(history, h => h.Action == "Download" && h.EntityType == "Report" && h.ActorId == west.UserId && h.Details!.Contains("第一检察部", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_user_printing_everything_gets_only_their_own_rows()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var cityMeasure = await db.Tasks.Where(t => t.ResponsibleUnit!.Name == "第一检察部").Select(t => t.Measure).FirstAsync();
        var westMeasures = await db.Tasks.Where(t => t.ResponsibleUnit!.Path.StartsWith(db.Units.Single(u => u.Name == "西河县人民检察院").Path))
            .Select(t => t.Measure).ToListAsync();
        using var client = await app.SignedInClientAsync("westcounty");

        var pdf = await PdfText.ReadAsync(await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter(), PaperSize.A4)));

        Assert.DoesNotContain(PdfText.Squeeze(cityMeasure), pdf.Compact, StringComparison.Ordinal);
        Assert.NotEmpty(westMeasures);
        Assert.All(westMeasures, m => Assert.Contains(PdfText.Squeeze(m), pdf.Compact, StringComparison.Ordinal));
        Assert.Contains("生成人:林峰", pdf.Compact, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
