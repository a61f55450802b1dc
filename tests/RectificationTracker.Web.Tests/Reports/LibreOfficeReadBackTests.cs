using System.Diagnostics;
using System.Text;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>
/// The ledger .xlsx and the bulletin .docx opened by a real office suite: LibreOffice headless (Debian's
/// libreoffice-calc/-writer, installed by scripts/test.sh) converts them, and the result is read back.
/// </summary>
[Collection(ReportsFixture.Name)]
public sealed class LibreOfficeReadBackTests(ReportsApp app) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rt-lo-").FullName;

    [Fact]
    public async Task The_ledger_workbook_converts_to_csv_with_its_chinese_text_and_real_dates_and_prints_as_pdf()
    {
        var roundId = await app.AddRoundAsync("办公软件读回", 12);
        var office = await app.ActorAsync("office");
        var xlsx = Path.Combine(_folder, "ledger.xlsx");
        await using (var file = File.Create(xlsx))
        {
            var outcome = await app.WithAsync<ReportService, ReportOutcome>(r => r.LedgerXlsxAsync(office, new LedgerFilter { RoundId = roundId }, file));
            Assert.Equal(ReportStatus.Ok, outcome.Status);
        }

        // 44,34,76: comma-separated, quoted, UTF-8; formatted cell text as LibreOffice shows it.
        var csv = await ConvertAsync(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "csv");
        var lines = (await File.ReadAllTextAsync(csv, Encoding.UTF8)).Split('\n');
        var header = lines.First(l => l.Contains("整改措施", StringComparison.Ordinal));
        Assert.Contains("责任单位", header, StringComparison.Ordinal);
        var rows = lines.Where(l => l.Contains("办公软件读回措施", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, rows.Count);
        Assert.Contains("办公软件读回措施0001", rows[0], StringComparison.Ordinal);
        Assert.Contains("2027-01-15", rows[0], StringComparison.Ordinal); // a real date cell, shown in its yyyy-mm-dd format
        Assert.Contains("孙丽", rows[0], StringComparison.Ordinal);

        var pdf = await ConvertAsync(xlsx, "pdf", "pdf");
        var text = await PdfText.ReadAsync(await File.ReadAllBytesAsync(pdf));
        Assert.True(text.Pages >= 1);
        Assert.Contains("办公软件读回措施0012", text.Compact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bulletin_docx_converts_to_pdf_with_its_masthead_title_and_chinese_paragraphs()
    {
        var office = await app.ActorAsync("office");
        var docx = Path.Combine(_folder, "bulletin.docx");
        BulletinModel? model;
        await using (var file = File.Create(docx))
        {
            var outcome = await app.WithAsync<BulletinService, ReportOutcome>(b => b.DocxAsync(office, new BulletinRequest(), file));
            Assert.Equal(ReportStatus.Ok, outcome.Status);
            model = await app.WithAsync<BulletinService, BulletinModel?>(b => b.ModelAsync(office, new BulletinRequest()));
        }

        var pdf = await ConvertAsync(docx, "pdf", "pdf");
        var text = await PdfText.ReadAsync(await File.ReadAllBytesAsync(pdf));

        Assert.InRange(text.Pages, 2, 30);
        Assert.InRange(text.PageMillimetres.Width, 209, 211); // A4 portrait as Word would print it
        var compact = text.Compact;
        Assert.Contains(BulletinModel.Masthead, compact, StringComparison.Ordinal);
        Assert.Contains(BulletinModel.Title, compact, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(model!.TotalsSentence), compact, StringComparison.Ordinal);
        Assert.Contains("各单位整改进展及排名", compact, StringComparison.Ordinal);
    }

    /// <summary>soffice --headless --convert-to, with a profile of its own so parallel runs do not share one.</summary>
    private static async Task<string> ConvertAsync(string input, string filter, string extension)
    {
        var outDir = Directory.CreateTempSubdirectory("rt-lo-out-").FullName;
        var profile = Directory.CreateTempSubdirectory("rt-lo-profile-").FullName;
        var start = new ProcessStartInfo("soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, input })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var output = Path.Combine(outDir, Path.GetFileNameWithoutExtension(input) + "." + extension);
        Assert.True(process.ExitCode == 0 && File.Exists(output), $"soffice failed ({process.ExitCode}): {await stdout} {await stderr}");
        Directory.Delete(profile, recursive: true);
        return output;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
