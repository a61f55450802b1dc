using System.Text.RegularExpressions;
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
        // The bars' drill-down is attached after the page's first interactive render: a hover before it goes unseen.
        await page.Locator(".rt-dashboard[data-drill-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>The ranking table's row for a unit: rank, name, tasks, closed, overdue, rate.</summary>
    public ILocator RankingRow(string unitName) =>
        RankingTable.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = unitName, Exact = true }) });

    /// <summary>The unit chart (its bars are in the ranking table's order).</summary>
    public ILocator UnitChart => Chart("各单位整改完成率");

    /// <summary>The lead-leader chart (its bars are in the order of the links under it).</summary>
    public ILocator LeaderChart => Chart("按牵头领导的整改完成率");

    /// <summary>The links under the lead-leader chart: "name rate", one per bar.</summary>
    public ILocator LeaderLinks =>
        page.Locator(".rt-chart-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "按牵头领导", Exact = true }) }).Locator(".rt-drill-links a");

    /// <summary>A chart by the start of its Chinese accessible name (each chart is an image with a spoken summary).</summary>
    public ILocator Chart(string namePrefix) => page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^" + Regex.Escape(namePrefix)) });

    /// <summary>A chart's n-th bar of its first series (MudChart draws one path per bar).</summary>
    public static ILocator Bar(ILocator chart, int n) => chart.Locator("path.mud-chart-bar").Nth(n);

    /// <summary>
    /// Clicks a bar with the mouse. A bar is a stroked vertical line whose geometry is zero pixels wide, which
    /// Playwright's visibility check counts as invisible, so the actionability checks are skipped; the mouse still
    /// clicks the middle of the drawn bar and hit-testing decides what it lands on.
    /// </summary>
    public static async Task ClickBarAsync(ILocator chart, int n) => await Bar(chart, n).ClickAsync(new() { Force = true });

    /// <summary>
    /// Moves the mouse onto a bar as a user would, until the page has answered it: the bar's pointer and tooltip are set
    /// when the pointer enters the bar, and a chart drawn again after that (its figures arriving) replaces the bar's
    /// element, so a user would move the mouse again; so does this, away and back, for up to 15 s (CI saw the one
    /// hover land on a bar that was then redrawn).
    /// </summary>
    public static async Task PointAtAsync(IPage page, ILocator bar)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await page.Mouse.MoveAsync(0, 0);
            await bar.HoverAsync(new() { Force = true });
            if (await bar.EvaluateAsync<string>("b => getComputedStyle(b).cursor") == "pointer")
            {
                return;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);
    }

    /// <summary>Drills down from the ranking table: the unit's name links to the ledger filtered to that unit.</summary>
    public async Task ClickUnitInRankingAsync(string unitName) =>
        await RankingTable.GetByRole(AriaRole.Link, new() { Name = unitName, Exact = true }).ClickAsync();
}
