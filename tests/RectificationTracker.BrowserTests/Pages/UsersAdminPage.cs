using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>用户管理 at /admin/users.</summary>
public sealed class UsersAdminPage(IPage page)
{
    public ILocator Status => AdminForms.Status(page);

    public ILocator Grid => page.Locator(".rt-grid");

    public async Task GotoAsync()
    {
        await page.GotoAsync("/admin/users");
        await new HomePage(page).WaitUntilInteractiveAsync();
    }

    public async Task CreateAsync(string userName, string displayName, string jobTitle, string unit, string roleName, string password)
    {
        await OpenNewUserFormAsync();
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(displayName);
        await page.GetByLabel("职务", new() { Exact = true }).FillAsync(jobTitle);
        await AdminForms.ChooseAsync(page, "所属单位", unit);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = roleName, Exact = true }).ClickAsync();
        await page.GetByLabel("初始密码", new() { Exact = true }).FillAsync(password);
        await SaveAsync();
    }

    public async Task OpenNewUserFormAsync() =>
        await page.GetByRole(AriaRole.Button, new() { Name = "新建用户" }).ClickAsync();

    public async Task SaveAsync() =>
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

    public ILocator FieldError(string label) =>
        page.Locator(".rt-form-row").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) }).Locator(".rt-field-error");

    /// <summary>Resets the password of the user in the row containing <paramref name="rowText"/> to a generated one; returns it.</summary>
    public async Task<string> ResetToGeneratedPasswordAsync(string rowText)
    {
        await SearchAsync(rowText);
        // The search re-renders the grid; a click that lands on a row being replaced opens nothing, so the row's
        // button is clicked again (up to three times) until the reset form shows.
        var confirm = page.Locator("form").GetByRole(AriaRole.Button, new() { Name = "重置密码" });
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = rowText })
                .GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
            try
            {
                await confirm.WaitForAsync(new() { Timeout = 8_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 2)
            {
            }
        }

        await confirm.ClickAsync();
        var shown = page.GetByTestId("generated-password");
        await shown.WaitForAsync();
        return (await shown.InnerTextAsync()).Trim();
    }

    /// <summary>Opens the edit form of the user in the row containing <paramref name="rowText"/> and ticks or clears a role.</summary>
    public async Task ToggleRoleAsync(string rowText, string roleName)
    {
        await SearchAsync(rowText);
        await Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = rowText })
            .GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = roleName, Exact = true }).ClickAsync();
        await SaveAsync();
    }

    public async Task SearchAsync(string term)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "搜索用户" }).FillAsync(term);
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
    }
}
