using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>The sign-in form at /Account/Login.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator UserName => page.GetByLabel("用户名", new() { Exact = true });

    public ILocator Password => page.GetByLabel("密码", new() { Exact = true });

    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true });

    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task GotoAsync() => await page.GotoAsync("/Account/Login");

    /// <summary>Signs in and waits for the first page after the login form.</summary>
    public async Task<HomePage> LoginAsync(string userName, string password)
    {
        await SubmitAsync(userName, password);
        var home = new HomePage(page);
        await home.WaitUntilInteractiveAsync();
        return home;
    }

    /// <summary>Fills in and posts the form; waits until the browser has left the login page.</summary>
    public async Task SubmitAsync(string userName, string password)
    {
        await GotoAsync();
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await Submit.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }
}
