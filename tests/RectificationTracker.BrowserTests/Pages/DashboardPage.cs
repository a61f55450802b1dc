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

    /// <summary>Drills down from the ranking table: the unit's name links to the ledger filtered to that unit.</summary>
    public async Task ClickUnitInRankingAsync(string unitName) =>
        await RankingTable.GetByRole(AriaRole.Link, new() { Name = unitName, Exact = true }).ClickAsync();
}
