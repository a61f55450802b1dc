using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>单位管理 at /admin/units.</summary>
public sealed class UnitsAdminPage(IPage page)
{
    public ILocator Status => AdminForms.Status(page);

    public ILocator Tree => page.Locator(".rt-grid");

    public async Task GotoAsync()
    {
        await page.GotoAsync("/admin/units");
        await new HomePage(page).WaitUntilInteractiveAsync();
    }

    public async Task CreateAsync(string name, bool department, string parent)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "新建单位" }).ClickAsync();
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Radio, new() { Name = department ? "部门" : "单位", Exact = true }).ClickAsync();
        await AdminForms.ChooseAsync(page, "上级单位", parent);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
    }

    /// <summary>Opens the edit form of the unit in the row containing <paramref name="rowText"/> and picks a new parent.</summary>
    public async Task MoveAsync(string rowText, string newParent)
    {
        await Tree.GetByRole(AriaRole.Row).Filter(new() { HasText = rowText }).First
            .GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await AdminForms.ChooseAsync(page, "上级单位", newParent);
        await Microsoft.Playwright.Assertions.Expect(page.GetByLabel("上级单位", new() { Exact = true })).ToHaveValueAsync(newParent);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
    }
}
