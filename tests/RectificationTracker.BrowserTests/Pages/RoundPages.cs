using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>新建巡察轮次 at /rounds/new.</summary>
public sealed partial class NewRoundPage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("/rounds/new");
        await new HomePage(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Fills the required fields (the office unit defaults to the user's own), saves, and returns the new round's page.</summary>
    public async Task<RoundDetailPage> CreateAsync(string name, string inspectingBody, string inspectedUnit, string feedbackDate, string deadline)
    {
        await page.GetByLabel("轮次名称", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("巡察组", new() { Exact = true }).FillAsync(inspectingBody);
        // Type-to-filter multi-select: type part of the name, pick it from the list; the unit shows as a chip.
        await AdminForms.ChooseAsync(page, "被巡察单位", inspectedUnit);
        await Microsoft.Playwright.Assertions.Expect(Row("被巡察单位").Locator(".rt-chip")).ToContainTextAsync(inspectedUnit);
        await AdminForms.CloseListAsync(page);
        await FillDateAsync("反馈日期", feedbackDate);
        await FillDateAsync("整改期限", deadline);
        await AdminForms.SaveAsync(page, "保存", RoundUrl(), "The new round form");
        var round = new RoundDetailPage(page);
        await new HomePage(page).WaitUntilInteractiveAsync();
        return round;
    }

    private ILocator Row(string label) =>
        page.Locator(".rt-form-row").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) });

    private Task FillDateAsync(string label, string value) => AdminForms.FillDateAsync(Row(label).Locator("input").First, value);

    [GeneratedRegex(@"/rounds/\d+$")]
    internal static partial Regex RoundUrl();
}

/// <summary>A round's issue list at /rounds/{id}.</summary>
public sealed class RoundDetailPage(IPage page)
{
    public ILocator ProblemTitles => page.Locator(".rt-problem-title");

    public ILocator AspectTitles => page.Locator(".rt-aspect-title");

    /// <summary>The number under the “问题” statistic.</summary>
    public ILocator ProblemCount => page.Locator(".rt-stat").Filter(new() { HasText = "问题" }).Locator(".rt-stat-value");

    public async Task AddAspectAsync(string title)
    {
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("新增方面")).FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "添加方面" }).ClickAsync();
        await page.GetByText(title).First.WaitForAsync();
    }

    public async Task AddProblemAsync(string title, string text)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "在此方面下添加问题" }).First.ClickAsync();
        await page.GetByLabel("问题标题").FillAsync(title);
        await page.GetByLabel("问题全文").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存问题" }).ClickAsync();
        await page.GetByText(title).First.WaitForAsync();
    }

    /// <summary>Opens the task form for the first problem that has no task yet.</summary>
    public async Task<TaskFormPage> AddTaskAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "添加整改任务" }).First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/tasks/new"));
        await new HomePage(page).WaitUntilInteractiveAsync();
        return new TaskFormPage(page);
    }

    public async Task<FeedbackIntakePage> OpenIntakeAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "导入反馈意见" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/intake", StringComparison.Ordinal));
        await new HomePage(page).WaitUntilInteractiveAsync();
        return new FeedbackIntakePage(page);
    }
}

/// <summary>导入反馈意见 at /rounds/{id}/intake: paste or upload, preview, confirm.</summary>
public sealed class FeedbackIntakePage(IPage page)
{
    public ILocator Summary => page.GetByTestId("intake-summary");

    public ILocator Problems => page.GetByTestId("intake-problem");

    /// <summary>The alert carrying <paramref name="text"/> (an earlier step's snackbar may still be showing).</summary>
    public ILocator Alert(string text) => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text }).First;

    public async Task PasteAndReadAsync(string text)
    {
        await page.GetByLabel("反馈意见全文").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "识别", Exact = true }).ClickAsync();
    }

    public ILocator ProblemTitle(int number) => page.GetByLabel($"问题{number}标题", new() { Exact = true });

    public async Task MergeIntoPreviousAsync(int number) =>
        await Problems.Filter(new() { Has = ProblemTitle(number) })
            .GetByRole(AriaRole.Button, new() { Name = "并入上一问题" }).ClickAsync();

    public async Task<RoundDetailPage> ConfirmAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await page.WaitForURLAsync(NewRoundPage.RoundUrl());
        return new RoundDetailPage(page);
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Infrastructure.AppFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Infrastructure.AppFixture.ScreenshotDirectory, name) });
    }
}

/// <summary>The task form (/tasks/new?problem=…).</summary>
public sealed class TaskFormPage(IPage page)
{
    public async Task<TaskPage> SaveAndAssignAsync(string measure, string leader, string unit, DateOnly deadline)
    {
        await page.GetByLabel("整改措施").FillAsync(measure);
        await AdminForms.PickAsync(page, "牵头领导", leader);
        await AdminForms.PickAsync(page, "责任单位(主责)", unit);
        await AdminForms.FillDateAsync(
            page.GetByLabel("整改时限", new() { Exact = true }), deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await AdminForms.SaveAsync(page, "保存并交办", new System.Text.RegularExpressions.Regex(@"/tasks/\d+$"), "The task form");

        var task = new TaskPage(page);
        await new HomePage(page).WaitUntilInteractiveAsync();
        return task;
    }
}

