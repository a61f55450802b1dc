using System.Text;
using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

/// <summary>
/// One task's whole life through the UI, each step by the user who does it in real life:
/// 巡察办 registers and assigns; 责任单位 reports, uploads and applies; 巡察办 returns with a reason;
/// the unit applies again; 巡察办 approves; the lead leader signs off; the history shows every step.
/// </summary>
[Collection(RunningApp.Name)]
public sealed class TaskLifeTests(AppFixture app)
{
    private const string Password = "tracker2026";
    private const string Measure = "制定党组研究党风廉政建设工作规则,每季度至少专题研究一次。";
    private const string ReturnReason = "佐证材料缺少党组会议纪要,请补充。";

    [Fact]
    public async Task Task_goes_from_registration_through_a_return_to_closed_and_the_history_shows_every_step()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var office = await SignInAsync("office");
        var unit = await SignInAsync("unit");
        var leader = await SignInAsync("leader");
        var west = await SignInAsync("westcounty");
        try
        {
            // 巡察办: round → aspect → problem → task, saved and assigned in one go.
            var form = new NewRoundPage(office);
            await form.GotoAsync();
            var round = await form.CreateAsync("市委第二巡察组常规巡察(流程测试)", "市委第二巡察组", "第一检察部", Iso(today.AddDays(-10)), Iso(today.AddDays(120)));
            await round.AddAspectAsync("落实全面从严治党主体责任不到位");
            await round.AddProblemAsync("党组会议研究党风廉政建设不够经常", "党组会议研究党风廉政建设不够经常。一是专题研究少。二是部署多督促少。");
            var taskForm = await round.AddTaskAsync();
            var officeTask = await taskForm.SaveAndAssignAsync(Measure, "李建国", "第一检察部", today.AddDays(60));
            await Expect(officeTask.Title).ToContainTextAsync("整改中");
            var id = officeTask.Id;

            // 责任单位: progress, a renamed executable is refused, the real report is accepted, apply.
            var unitTask = new TaskPage(unit);
            await unitTask.GotoAsync(id);
            await Expect(unit.GetByText(Measure, new() { Exact = true })).ToBeVisibleAsync();
            await unitTask.ReportProgressAsync("已起草工作规则初稿,正在征求党组成员意见。");
            await unitTask.UploadAsync("整改报告.pdf", "application/pdf", TestFiles.Executable());
            await Expect(unit.GetByText("可执行程序").First).ToBeVisibleAsync();
            // Over the size limit: the browser stream refuses it before the store sees it; the reason is shown.
            await unitTask.UploadAsync("扫描件.pdf", "application/pdf", [.. "%PDF-1.4\n"u8, .. new byte[AppFixture.MaxUploadBytes]]);
            await Expect(unit.GetByText("扫描件.pdf:文件超过大小上限").First).ToBeVisibleAsync();
            await Expect(unit.GetByLabel("正在上传")).ToHaveCountAsync(0);
            await unitTask.UploadAsync("工作规则.pdf", "application/pdf", TestFiles.Pdf("工作规则"));
            await Expect(unit.GetByText("工作规则.pdf").First).ToBeVisibleAsync();
            await unitTask.ApplyAsync("已制定《党组研究党风廉政建设工作规则》并印发。", "工作规则.pdf");
            await Expect(unitTask.Title).ToContainTextAsync("待审核");

            // 巡察办: a return needs a reason; with one, the task goes back to the unit.
            await officeTask.GotoAsync(id);
            await officeTask.Action("审核退回").ClickAsync();
            await Expect(office.GetByText("须填写理由").First).ToBeVisibleAsync();
            await officeTask.DecideAsync("审核意见(退回时必填)", ReturnReason, "审核退回");
            await Expect(officeTask.Title).ToContainTextAsync("整改中");

            // 责任单位: the bell says it was returned; apply again with the missing minutes.
            await unitTask.GotoAsync(id);
            await unit.Locator(".rt-bell-button").ClickAsync();
            await Expect(unit.Locator("[data-testid=notice]", new() { HasText = "销号申请被退回" })).ToBeVisibleAsync();
            await unit.Keyboard.PressAsync("Escape");
            await unitTask.GotoAsync(id);
            await unitTask.UploadAsync("党组会议纪要.txt", "text/plain", Encoding.UTF8.GetBytes("党组会议纪要:审议通过工作规则。"));
            await Expect(unit.GetByText("党组会议纪要.txt").First).ToBeVisibleAsync();
            await unitTask.ApplyAsync("已补充党组会议纪要。", "党组会议纪要.txt");
            await Expect(unitTask.Title).ToContainTextAsync("待审核");

            // 巡察办 approves; the lead leader signs off.
            await officeTask.GotoAsync(id);
            await officeTask.ActAsync("审核通过");
            await Expect(officeTask.Title).ToContainTextAsync("待审签");
            var leaderTask = new TaskPage(leader);
            await leaderTask.GotoAsync(id);
            await leaderTask.DecideAsync("审签意见(退回时必填)", "同意销号。", "审签同意");
            await Expect(leaderTask.Title).ToContainTextAsync("已销号");
            await Expect(leader.GetByText("李建国").First).ToBeVisibleAsync();

            // The history, newest first or not, holds every step with who and why.
            var history = leaderTask.History;
            foreach (var step in new[] { "登记", "交办", "报送进展", "上传材料", "申请销号", "审核退回", "审核通过", "审签同意" })
            {
                await Expect(history).ToContainTextAsync(step);
            }

            await Expect(history).ToContainTextAsync(ReturnReason);
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await leader.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "task-closed.png"), FullPage = true });

            // Closed: evidence is frozen for the owner.
            await unitTask.GotoAsync(id);
            await Expect(unitTask.Title).ToContainTextAsync("已销号");
            await Expect(unit.Locator("#evidence-upload")).ToHaveCountAsync(0);

            // Another county's user changing the id in the URL sees nothing of it.
            var westTask = new TaskPage(west);
            await westTask.GotoAsync(id);
            await Expect(west.GetByText("未找到该任务,或您无权访问。")).ToBeVisibleAsync();
            await Expect(west.GetByText(Measure)).ToHaveCountAsync(0);
        }
        finally
        {
            foreach (var page in new[] { office, unit, leader, west })
            {
                await page.Context.CloseAsync();
            }
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<IPage> SignInAsync(string userName) => app.SignedInPageAsync(userName, Password);
}
