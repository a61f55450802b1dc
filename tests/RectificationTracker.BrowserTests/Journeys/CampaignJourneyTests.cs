using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using RectificationTracker.Domain.Intake;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

/// <summary>
/// Issue 13's "done means" through the browser at 1366×768: a feedback document whose stated total differs from the
/// counted one and that carries a classification mark; the list corrected (a problem edited, one deleted); the
/// pre-filled three-lists workbook downloaded, filled and imported; the owner urged; apply, return, re-apply carrying
/// the earlier evidence; review and sign-off; the 销号表 and the 通报 downloaded and read with pdftotext.
/// </summary>
[Collection(RunningApp.Name)]
public sealed class CampaignJourneyTests(AppFixture app)
{
    private const string Password = "tracker2026";
    private const string Measure = "制定中心组学习计划并按月组织专题学习,学习记录存档备查。";
    private const string ClosureSummary = "已印发中心组学习计划,1至3月专题学习3次,记录齐全。";

    [Fact]
    public async Task A_feedback_document_goes_from_intake_through_correction_three_lists_urging_return_and_sign_off_to_the_printed_documents()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var office = await SignInAsync("office");
        var unit = await SignInAsync("unit");
        var leader = await SignInAsync("leader");
        var work = Path.Combine(Path.GetTempPath(), "rt-journey-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            // Intake: the stated total (5 problems) differs from the counted one (4), and the classification marks are dropped.
            var form = new NewRoundPage(office);
            await form.GotoAsync();
            var roundName = "市委第一巡察组专项巡察(全流程)" + Guid.NewGuid().ToString("N")[..4];
            var round = await form.CreateAsync(roundName, "市委第一巡察组", "江城市人民检察院", Iso(today.AddDays(-30)), Iso(today.AddDays(90)));
            var roundId = int.Parse(office.Url[(office.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
            var intake = await round.OpenIntakeAsync();
            await intake.PasteAndReadAsync(Document);
            await Expect(office.GetByTestId("intake-totals-warning")).ToContainTextAsync("识别出4个问题");
            await Expect(office.GetByTestId("intake-totals")).ToContainTextAsync("已去除页面标记");
            await Expect(office.GetByTestId("intake-totals")).ToContainTextAsync("秘密★1年");
            await Shot(office, "journey-intake-totals.png");
            round = await intake.ConfirmAsync();
            await new HomePage(office).WaitUntilInteractiveAsync();
            await Expect(round.ProblemTitles).ToHaveCountAsync(4);
            await Expect(office.GetByText("内部资料 注意保存")).ToHaveCountAsync(0);

            // Correct the list: edit problem 2, delete problem 4 (no tasks) with a reason.
            var correct = new IssueListCorrection(office);
            await correct.EditProblemAsync(2, "调查研究不深入不扎实", "调查研究不深入不扎实,调研报告质量不高。");
            await Expect(round.ProblemTitles.Nth(1)).ToContainTextAsync("2. 调查研究不深入不扎实");
            var what = await correct.OpenDeleteProblemAsync(4);
            Assert.Contains("将删除问题4“学习笔记雷同", what, StringComparison.Ordinal);
            await Shot(office, "journey-delete-dialog.png");
            await correct.ConfirmDeleteAsync("原文重复录入");
            await Expect(round.ProblemTitles).ToHaveCountAsync(3);

            // The pre-filled workbook lists the corrected problems; fill problem 1's task (overdue deadline) and import it.
            await office.GotoAsync($"/rounds/{roundId}/three-lists");
            await new HomePage(office).WaitUntilInteractiveAsync();
            var lists = new ThreeListsPage(office);
            var template = Path.Combine(work, "template.xlsx");
            await lists.DownloadTemplateAsync(template);
            var filled = FillFirstProblem(template, Measure, "限期整改", "李建国", "第一检察部", "陈晓", today.AddDays(-1));
            await lists.UploadAsync("三个清单.xlsx", filled);
            var row = lists.Preview.Locator("tbody tr").Filter(new() { HasText = Measure[..10] });
            await Expect(row).ToContainTextAsync("第一检察部");
            await Expect(row).ToContainTextAsync("陈晓");
            await Expect(row).ToContainTextAsync("李建国");
            await Shot(office, "journey-three-lists-preview.png");
            await lists.ConfirmAsync();
            await Expect(office.GetByRole(AriaRole.Alert).Filter(new() { HasText = "导入" }).First).ToBeVisibleAsync();

            // The task: office urges the overdue owner.
            await office.GotoAsync($"/rounds/{roundId}");
            await new HomePage(office).WaitUntilInteractiveAsync();
            await office.GetByRole(AriaRole.Link, new() { Name = "任务 1-1" }).ClickAsync();
            await office.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/tasks/\d+$"));
            await new HomePage(office).WaitUntilInteractiveAsync();
            var officeTask = new TaskPage(office);
            var id = officeTask.Id;
            await office.GetByLabel("催办内容").FillAsync("该任务已逾期,请于本周内报送进展并申请销号。");
            await officeTask.Action("催办").ClickAsync();
            await Expect(office.GetByLabel("催办记录")).ToContainTextAsync("请于本周内报送进展");

            // The owner sees the urging in the bell, uploads, applies.
            var unitTask = new TaskPage(unit);
            await unitTask.GotoAsync(id);
            await unit.Locator(".rt-bell-button").ClickAsync();
            await Expect(unit.Locator("[data-testid=notice]", new() { HasText = "被催办" })).ToBeVisibleAsync();
            await unit.Keyboard.PressAsync("Escape");
            await unitTask.GotoAsync(id);
            await unitTask.UploadAsync("学习计划.pdf", "application/pdf", TestFiles.Pdf("plan"));
            await Expect(unit.GetByText("学习计划.pdf").First).ToBeVisibleAsync();
            await ApplyAsync(unit, unitTask, "已制定学习计划。", "学习计划.pdf");
            await Expect(unitTask.Title).ToContainTextAsync("待审核");

            // Office returns: the records are missing.
            await officeTask.GotoAsync(id);
            await officeTask.DecideAsync("审核意见(退回时必填)", "缺少学习记录,请补充。", "审核退回");
            await Expect(officeTask.Title).ToContainTextAsync("整改中");

            // The owner re-applies carrying the earlier plan forward with the new records.
            await unitTask.GotoAsync(id);
            await unitTask.UploadAsync("学习记录.txt", "text/plain", Encoding.UTF8.GetBytes("1至3月中心组专题学习记录。"));
            await Expect(unit.GetByText("学习记录.txt").First).ToBeVisibleAsync();
            await ApplyAsync(unit, unitTask, ClosureSummary, "学习计划.pdf", "学习记录.txt");
            await Expect(unitTask.Title).ToContainTextAsync("待审核");

            // Review and sign-off.
            await officeTask.GotoAsync(id);
            await officeTask.ActAsync("审核通过");
            await Expect(officeTask.Title).ToContainTextAsync("待审签");
            var leaderTask = new TaskPage(leader);
            await leaderTask.GotoAsync(id);
            await leaderTask.DecideAsync("审签意见(退回时必填)", "同意销号。", "审签同意");
            await Expect(leaderTask.Title).ToContainTextAsync("已销号");

            // The sign-off sheet holds both files of the signed application.
            var signOff = await PdfTextAsync(office, $"/reports/tasks/{id}/signoff.pdf", work);
            Assert.Contains("学习计划.pdf", signOff, StringComparison.Ordinal);
            Assert.Contains("学习记录.txt", signOff, StringComparison.Ordinal);

            // 销号表: the ledger's PDF of this round shows the signed closure summary.
            await office.GotoAsync($"/ledger?round={roundId}");
            await new HomePage(office).WaitUntilInteractiveAsync();
            var ledgerPdf = Path.Combine(work, "ledger.pdf");
            var download = await office.RunAndWaitForDownloadAsync(
                () => office.GetByRole(AriaRole.Button, new() { Name = "导出PDF" }).ClickAsync(), new() { Timeout = 90_000 });
            await download.SaveAsAsync(ledgerPdf);
            var ledger = Compact(Run("pdftotext", ledgerPdf, "-"));
            Assert.Contains("巡察反馈意见整改销号表", ledger, StringComparison.Ordinal);
            Assert.Contains(Compact(ClosureSummary), ledger, StringComparison.Ordinal);
            Assert.Contains("已销号", ledger, StringComparison.Ordinal);

            // 通报 of this round: masthead and issue number, no second-person wording.
            await office.GotoAsync($"/reports/bulletin?round={roundId}");
            await new HomePage(office).WaitUntilInteractiveAsync();
            var bulletinPdf = Path.Combine(work, "bulletin.pdf");
            var bulletinDownload = await office.RunAndWaitForDownloadAsync(
                () => office.GetByTestId("bulletin-pdf").ClickAsync(), new() { Timeout = 90_000 });
            await bulletinDownload.SaveAsAsync(bulletinPdf);
            var bulletin = Compact(Run("pdftotext", bulletinPdf, "-"));
            Assert.Contains("巡察整改工作情况通报", bulletin, StringComparison.Ordinal);
            Assert.Matches(@"\d{4}年第\d+期", bulletin);
            Assert.Contains(Compact(roundName), bulletin, StringComparison.Ordinal);
            Assert.DoesNotContain("您", bulletin, StringComparison.Ordinal);
            Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", bulletinPdf, Path.Combine(AppFixture.ScreenshotDirectory, "journey-bulletin"));
            Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", ledgerPdf, Path.Combine(AppFixture.ScreenshotDirectory, "journey-ledger"));
        }
        catch
        {
            // What each user saw when a step failed.
            await office.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "journey-failed-office.png"), FullPage = true });
            await unit.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "journey-failed-unit.png"), FullPage = true });
            await leader.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "journey-failed-leader.png"), FullPage = true });
            throw;
        }
        finally
        {
            foreach (var page in new[] { office, unit, leader })
            {
                await page.Context.CloseAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A feedback document stating 5 problems where 4 are written, with classification marks on lines of their own.</summary>
    private const string Document = """
        秘密★1年
        关于对江城市人民检察院党组开展专项巡察的反馈意见
        巡察共发现2个方面5个具体问题。
        二、存在的主要问题
        （一）理论学习不深入
        1．中心组学习不系统,学习计划执行不到位。
        内部资料 注意保存
        2．调查研究不深入,调研报告质量不高。
        （二）组织建设薄弱
        3．组织生活不规范,三会一课记录不全。
        4．学习笔记雷同,存在抄写现象。
        """;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Compact(string s) => new([.. s.Where(c => !char.IsWhiteSpace(c))]);

    private async Task<IPage> SignInAsync(string userName)
    {
        var page = await app.SignedInPageAsync(userName, Password);
        await page.SetViewportSizeAsync(1366, 768);
        return page;
    }

    /// <summary>申请销号 ticking the evidence checkboxes by file name (an earlier application's files are offered again).</summary>
    private static async Task ApplyAsync(IPage page, TaskPage task, string summary, params string[] evidence)
    {
        await page.GetByLabel("整改情况说明").FillAsync(summary);
        foreach (var name in evidence)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }).CheckAsync();
        }

        await task.ActAsync("提交销号申请");
    }

    private static async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, name) });
    }

    /// <summary>Downloads <paramref name="url"/> with the page's session and returns its text as pdftotext reads it.</summary>
    private static async Task<string> PdfTextAsync(IPage page, string url, string work)
    {
        var response = await page.Context.APIRequest.GetAsync(url, new() { Timeout = 90_000 });
        Assert.True(response.Ok, $"{url}: {response.Status}");
        var path = Path.Combine(work, Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, await response.BodyAsync());
        return Compact(Run("pdftotext", path, "-"));
    }

    /// <summary>Fills the task columns of the template's first problem row (the pre-filled 序号/方面/问题 are kept).</summary>
    private static byte[] FillFirstProblem(string template, string measure, string category, string leader, string unit, string person, DateOnly deadline)
    {
        var bytes = File.ReadAllBytes(template);
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var wb = doc.WorkbookPart!;
            var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First();
            var data = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            var row = data.Elements<Row>().First(r => r.RowIndex!.Value == 2);
            var values = new Dictionary<int, string>
            {
                [ThreeListColumns.TaskNumber] = "1",
                [ThreeListColumns.Measure] = measure,
                [ThreeListColumns.Category] = category,
                [ThreeListColumns.LeadLeader] = leader,
                [ThreeListColumns.ResponsibleUnit] = unit,
                [ThreeListColumns.ResponsiblePerson] = person,
                [ThreeListColumns.Deadline] = Iso(deadline),
            };
            foreach (var (column, value) in values)
            {
                var reference = $"{(char)('A' + column)}2";
                var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
                if (cell is null)
                {
                    cell = new Cell { CellReference = reference };
                    var after = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(c.CellReference?.Value, reference) < 0 && c.CellReference!.Value!.Length == reference.Length);
                    if (after is null)
                    {
                        row.PrependChild(cell);
                    }
                    else
                    {
                        after.InsertAfterSelf(cell);
                    }
                }

                cell.DataType = CellValues.InlineString;
                cell.CellValue = null;
                cell.RemoveAllChildren();
                cell.AppendChild(new InlineString(new Text(value)));
            }

            doc.Save();
        }

        return stream.ToArray();
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
