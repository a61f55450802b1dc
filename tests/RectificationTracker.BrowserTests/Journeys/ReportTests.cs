using System.Diagnostics;
using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using RectificationTracker.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

/// <summary>Reports from the browser: the paper choice on the ledger reaches the PDF; the flowchart page draws the chart.</summary>
[Collection(RunningApp.Name)]
public sealed class ReportTests(AppFixture app)
{
    [Fact]
    public async Task Office_chooses_A3_on_the_ledger_and_downloads_an_A3_pdf_of_the_ledger()
    {
        var page = await app.NewPageAsync();
        try
        {
            var home = await new LoginPage(page).LoginAsync("office", DemoOrganisation.DemoPassword);
            await page.GotoAsync("/ledger");
            await home.WaitUntilInteractiveAsync();

            await page.GetByLabel("纸张", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "A3 横向" });
            // The export runs in the background with a progress bar; the file arrives as a download when ready.
            var export = page.GetByRole(AriaRole.Button, new() { Name = "导出PDF" });
            var download = await page.RunAndWaitForDownloadAsync(() => export.ClickAsync(), new() { Timeout = 60_000 });

            Assert.StartsWith("巡察反馈意见整改销号表", download.SuggestedFilename, StringComparison.Ordinal);
            var path = Path.Combine(Path.GetTempPath(), "rt-browser-ledger-" + Guid.NewGuid().ToString("N") + ".pdf");
            await download.SaveAsAsync(path);
            try
            {
                var info = Run("pdfinfo", path);
                Assert.Matches(@"Page size:\s+119[01]\.\d+ x 841\.\d+ pts \(A3\)", info); // Chromium rounds 420 mm to whole CSS pixels (1191.12 pt)
                Assert.Contains("巡察反馈意见整改销号表", Run("pdftotext", path, "-"), StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_flowchart_is_reached_from_the_navigation_and_draws_every_step()
    {
        var page = await app.NewPageAsync();
        try
        {
            var home = await new LoginPage(page).LoginAsync("office", DemoOrganisation.DemoPassword);
            await home.Navigation.GetByText("整改流程图").ClickAsync();

            var chart = page.Locator("svg.rt-flowchart");
            await Expect(chart).ToBeVisibleAsync();
            foreach (var step in new[] { "巡察反馈", "三张清单", "登记挂账、交办", "整改落实", "巡察办审核", "牵头领导审签", "销号", "审核退回", "审签退回", "重新挂账" })
            {
                await Expect(chart).ToContainTextAsync(step);
            }

            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "导出PDF" })).ToHaveAttributeAsync("href", "/reports/flowchart.pdf");
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "flowchart.png"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
