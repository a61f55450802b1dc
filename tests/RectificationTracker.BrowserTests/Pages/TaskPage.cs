using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>A task's page (/tasks/{id}): fields, progress, evidence, the actions this user may take, history.</summary>
public sealed class TaskPage(IPage page)
{
    public ILocator Title => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator History => page.Locator(".rt-history");

    public ILocator Toast => page.Locator(".mud-snackbar").Last;

    public int Id => int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public async Task GotoAsync(int id)
    {
        await page.GotoAsync("/tasks/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await new HomePage(page).WaitUntilInteractiveAsync();
    }

    public ILocator Action(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Irreversible actions ask first (issue 12); returns do not, they need their reason instead.</summary>
    private static readonly HashSet<string> Confirmed = ["提交销号申请", "审核通过", "审签同意", "重新挂账"];

    /// <summary>Clicks an action button and, where the page asks for confirmation, confirms it.</summary>
    public async Task ActAsync(string name)
    {
        await Action(name).ClickAsync();
        if (Confirmed.Contains(name))
        {
            await ConfirmAsync();
        }
    }

    /// <summary>The confirmation dialog: its 确定… button.</summary>
    public async Task ConfirmAsync()
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^确定") }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    public async Task ReportProgressAsync(string text)
    {
        await page.GetByLabel("进展情况").FillAsync(text);
        await Action("报送进展").ClickAsync();
        await page.GetByText(text).First.WaitForAsync();
    }

    /// <summary>Chooses a file in the evidence panel (once its input listens); the caller waits for the outcome it expects.</summary>
    public async Task UploadAsync(string fileName, string mimeType, byte[] content)
    {
        await FileInputs.ChooseAsync(page, "#evidence-upload", new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
    }

    public ILocator Text(string text) => page.GetByText(text);

    /// <summary>申请销号 with a summary and the evidence files ticked by name.</summary>
    public async Task ApplyAsync(string summary, params string[] evidence)
    {
        await page.GetByLabel("整改情况说明").FillAsync(summary);
        foreach (var name in evidence)
        {
            await page.GetByRole(AriaRole.Region, new() { Name = "申请销号" }).GetByRole(AriaRole.Checkbox, new() { Name = name }).CheckAsync();
        }

        await ActAsync("提交销号申请");
    }

    public async Task DecideAsync(string commentLabel, string comment, string action)
    {
        await page.GetByLabel(commentLabel).FillAsync(comment);
        await ActAsync(action);
    }
}
