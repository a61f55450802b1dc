using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure.Pdf;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>Issue 15: reports embed TrueType (CID) fonts, not Type 3; the engine is warm right after start.</summary>
[Collection(ReportsFixture.Name)]
public sealed class ReportFontsTests(ReportsApp app)
{
    [Fact]
    public async Task The_ledger_and_the_sign_off_sheet_embed_only_cid_truetype_fonts_in_song_and_hei_faces()
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
    }

    [Fact]
    public async Task The_engine_starts_and_warms_its_browser_in_the_background_at_start_up()
    {
        var engine = app.Services.GetRequiredService<PdfEngine>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!engine.WarmedUp && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(engine.WarmedUp, "the engine did not warm up after start");
        Assert.NotNull(engine.BrowserProcessId);
    }
}

/// <summary>The app printing ledgers in parts of 40 rows, so a 130-row ledger is four parts joined.</summary>
public sealed class PartsApp : ReportsApp
{
    protected override int PartRows => 40;
}

/// <summary>A long ledger printed in parts and joined reads as one document.</summary>
public sealed class LedgerPartsTests(PartsApp app) : IClassFixture<PartsApp>
{
    [Fact]
    public async Task A_ledger_printed_in_parts_has_continuous_page_numbers_the_header_on_every_page_and_every_row_once_in_order()
    {
        var roundId = await app.AddRoundAsync("分段组", 130);
        using var client = await app.SignedInClientAsync("office");

        var bytes = await client.GetByteArrayAsync(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = roundId }, PaperSize.A4));
        var pdf = await PdfText.ReadAsync(bytes);

        Assert.True(pdf.Pages >= 5, $"130 rows in four parts printed on {pdf.Pages} pages");
        Assert.Equal(297, pdf.PageMillimetres.Width, 0);
        Assert.Equal(1, CountOf(pdf.Compact, "巡察反馈意见整改销号表")); // the title once, on page 1
        Assert.Contains("巡察反馈意见整改销号表", pdf.CompactPage(1), StringComparison.Ordinal);
        for (var page = 1; page <= pdf.Pages; page++)
        {
            var text = pdf.CompactPage(page);
            Assert.Equal(1, CountOf(text, $"第{page}页/共{pdf.Pages}页"));
            Assert.Equal(1, CountOf(text, "/共"));
            Assert.Contains("生成人:张敏", text, StringComparison.Ordinal);
            foreach (var header in new[] { "序号", "具体问题", "整改措施", "整改类型", "牵头领导", "责任单位", "责任人", "整改时限", "整改进展", "销号情况", "备注" })
            {
                Assert.Contains(header, text, StringComparison.Ordinal);
            }
        }

        var all = pdf.Compact;
        var last = -1;
        for (var i = 1; i <= 130; i++)
        {
            var measure = $"分段组措施{i:0000}";
            Assert.True(CountOf(all, measure) == 1, $"{measure} printed {CountOf(all, measure)} times");
            var at = all.IndexOf(measure, StringComparison.Ordinal);
            Assert.True(at > last, $"{measure} out of order");
            last = at;
        }

        Assert.All(await PdfFonts.ReadAsync(bytes), f => Assert.Equal("CID TrueType", f.Type));
        var engine = app.Services.GetRequiredService<PdfEngine>();
        Assert.Empty(Directory.GetDirectories(engine.WorkDirectory, "parts-*"));
        Assert.Empty(Directory.GetDirectories(engine.WorkDirectory, "render-*"));
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
