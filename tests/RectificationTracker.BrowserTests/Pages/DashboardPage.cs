using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>The supervisors' dashboard at /dashboard.</summary>
public sealed class DashboardPage(IPage page)
{
    public ILocator Title => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "整改工作看板" });

    public ILocator RankingTable => page.GetByRole(AriaRole.Table, new() { Name = "单位排名" });

    public ILocator Stat(string label) => page.Locator($"a[data-stat='{label}']");

    public async Task GotoAsync(string query = "")
    {
        await page.GotoAsync("/dashboard" + query);
        await new HomePage(page).WaitUntilInteractiveAsync();
        await Title.WaitForAsync();
    }

    /// <summary>The ranking table's row for a unit: rank, name, tasks, closed, overdue, rate.</summary>
    public ILocator RankingRow(string unitName) =>
        RankingTable.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = unitName, Exact = true }) });

    /// <summary>
    /// Clicks the unit's bar in the ranking chart: the bar starts at the value axis, right of the unit's
    /// label, so a point just right of the label lies on it.
    /// </summary>
    public async Task ClickUnitBarAsync(string unitName)
    {
        var label = page.Locator(".rt-unit-chart text.rz-tick-text", new() { HasText = unitName });
        await label.ScrollIntoViewIfNeededAsync();
        var box = await label.BoundingBoxAsync() ?? throw new InvalidOperationException($"No bar label for {unitName}.");
        await page.Mouse.ClickAsync(box.X + box.Width + 30, box.Y + (box.Height / 2));
    }
}
