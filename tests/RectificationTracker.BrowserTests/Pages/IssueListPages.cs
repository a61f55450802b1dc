using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>Correcting the issue list on a round's page (/rounds/{id}): the edit and delete dialogs.</summary>
public sealed class IssueListCorrection(IPage page)
{
    private ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task EditProblemAsync(int number, string title, string? text = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"修改问题{number}", Exact = true }).ClickAsync();
        await Dialog.GetByLabel("问题标题").FillAsync(title);
        if (text is not null)
        {
            await Dialog.GetByLabel("问题全文").FillAsync(text);
        }

        await SubmitAsync("保存修改");
    }

    /// <summary>Opens the delete dialog of problem <paramref name="number"/> and returns the text naming what will be deleted.</summary>
    public async Task<string> OpenDeleteProblemAsync(int number)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"删除问题{number}", Exact = true }).ClickAsync();
        return await page.GetByTestId("delete-what").InnerTextAsync();
    }

    public async Task ConfirmDeleteAsync(string reason)
    {
        await Dialog.GetByLabel("删除原因").FillAsync(reason);
        await SubmitAsync("确定删除问题");
    }

    private async Task SubmitAsync(string button)
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }
}

/// <summary>三个清单 at /rounds/{id}/three-lists: template download, upload, preview, confirm.</summary>
public sealed class ThreeListsPage(IPage page)
{
    public ILocator Preview => page.GetByRole(AriaRole.Table, new() { Name = "导入预览" });

    public async Task<string> DownloadTemplateAsync(string path)
    {
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "下载模板" }).ClickAsync(), new() { Timeout = 60_000 });
        await download.SaveAsAsync(path);
        return download.SuggestedFilename;
    }

    public async Task UploadAsync(string fileName, byte[] content) =>
        await FileInputs.ChooseAsync(page, "#three-lists-file", new FilePayload
        {
            Name = fileName,
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = content,
        });

    public async Task ConfirmAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
}
