using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>The change-password page at /Account/ChangePassword (the only page open while a change is forced).</summary>
public sealed class ChangePasswordPage(IPage page)
{
    /// <summary>The explanation shown while the change is forced.</summary>
    public ILocator ForcedNotice => page.GetByTestId("forced-change");

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public async Task ChangeAsync(string currentPassword, string newPassword)
    {
        await page.GetByLabel("当前密码", new() { Exact = true }).FillAsync(currentPassword);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("确认新密码", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码", Exact = true }).ClickAsync();
    }
}
