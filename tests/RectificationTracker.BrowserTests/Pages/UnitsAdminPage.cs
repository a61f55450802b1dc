using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>单位管理 at /admin/units.</summary>
public sealed class UnitsAdminPage(IPage page)
{
    public ILocator Status => AdminForms.Status(page);

    public ILocator Tree => page.GetByRole(AriaRole.Grid);

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
}
