using System.Globalization;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>The new-round form at /rounds/new.</summary>
public sealed class RoundFormPage(IPage page)
{
    public async Task GotoNewAsync()
    {
        await page.GotoAsync("/rounds/new");
        await new HomePage(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Fills the required fields and saves; returns the new round's page.</summary>
    public async Task<RoundDetailPage> CreateAsync(string name, string group, string inspectedUnit, DateOnly feedback, DateOnly deadline)
    {
        await page.GetByLabel("轮次名称").FillAsync(name);
        await page.GetByLabel("巡察组").FillAsync(group);
        await Forms.PickAsync(page, "InspectedUnitIds", inspectedUnit);
        await page.Keyboard.PressAsync("Escape");
        await Forms.FillDateAsync(page, "反馈日期", feedback);
        await Forms.FillDateAsync(page, "整改期限", deadline);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/rounds/\d+$"));
        var detail = new RoundDetailPage(page);
        await new HomePage(page).WaitUntilInteractiveAsync();
        return detail;
    }
}

/// <summary>A round's page: the aspect → problem → task tree and the forms to grow it.</summary>
public sealed class RoundDetailPage(IPage page)
{
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
        await page.GetByRole(AriaRole.Button, new() { Name = "添加整改任务" }).First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/tasks/new"));
        await new HomePage(page).WaitUntilInteractiveAsync();
        return new TaskFormPage(page);
    }
}

/// <summary>The task form (/tasks/new?problem=…).</summary>
public sealed class TaskFormPage(IPage page)
{
    public async Task<TaskPage> SaveAndAssignAsync(string measure, string leader, string unit, DateOnly deadline)
    {
        await page.GetByLabel("整改措施").FillAsync(measure);
        await Forms.PickAsync(page, "LeadLeaderId", leader);
        await Forms.PickAsync(page, "ResponsibleUnitId", unit);
        await Forms.FillDateAsync(page, "整改时限", deadline);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并交办" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/tasks/\d+$"));
        var task = new TaskPage(page);
        await new HomePage(page).WaitUntilInteractiveAsync();
        return task;
    }
}

/// <summary>Radzen inputs as a user works them.</summary>
internal static class Forms
{
    /// <summary>Opens the drop-down bound to <paramref name="name"/> and picks the first option containing <paramref name="option"/>.</summary>
    public static async Task PickAsync(IPage page, string name, string option)
    {
        await page.Locator(".rz-dropdown", new() { Has = page.Locator($"input[name='{name}']") }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
    }

    public static async Task FillDateAsync(IPage page, string label, DateOnly date)
    {
        await page.GetByLabel(label, new() { Exact = true }).FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
    }
}
