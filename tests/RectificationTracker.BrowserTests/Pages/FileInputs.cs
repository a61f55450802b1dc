using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>
/// Choosing files in a Blazor <c>InputFile</c>. Its change listener is attached by a script call after the component's
/// first interactive render, a moment after the input is in the page; a file chosen before that is never seen
/// (CI saw it: the upload right after opening a task's page was lost). So wait for the listener first: Blazor's
/// <c>InputFile.init</c> marks the element with <c>_blazorInputFileNextFileId</c> when it attaches it.
/// </summary>
public static class FileInputs
{
    public static async Task ChooseAsync(IPage page, string selector, FilePayload file)
    {
        await page.WaitForFunctionAsync(
            "s => { const e = document.querySelector(s); return e !== null && e._blazorInputFileNextFileId !== undefined; }",
            selector);
        await page.Locator(selector).SetInputFilesAsync(file);
    }
}
