using System.Text.RegularExpressions;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using RectificationTracker.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

[Collection(RunningApp.Name)]
public sealed partial class DashboardTests(AppFixture app)
{
    [Fact]
    public async Task Supervisor_clicks_a_unit_in_the_ranking_and_lands_on_the_ledger_filtered_to_that_unit()
    {
        var page = await app.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(1366, 768);
            await new LoginPage(page).LoginAsync("supervisor", DemoOrganisation.DemoPassword);
            var dashboard = new DashboardPage(page);
            await dashboard.GotoAsync();
            await page.Locator(".rt-unit-chart svg").First.WaitForAsync(); // charts draw once they know their size
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "dashboard-1366x768.png") });

            // The county's task count as the ranking shows it.
            var row = dashboard.RankingRow("东岭县人民检察院");
            var tasks = (await row.Locator("td").Nth(2).TextContentAsync())!.Trim();

            await dashboard.ClickUnitInRankingAsync("东岭县人民检察院");

            await page.WaitForURLAsync(UnitFilter());
            await new HomePage(page).WaitUntilInteractiveAsync();
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("整改台账");
            await Expect(page.Locator("input[data-filter=unit]")).ToHaveValueAsync("东岭县人民检察院");
            await Expect(page.GetByText($"共 {tasks} 项", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "dashboard-drilldown-ledger.png") });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Supervisor_clicks_a_bar_of_the_unit_chart_and_lands_on_the_ledger_of_that_unit()
    {
        var page = await app.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(1366, 768);
            await new LoginPage(page).LoginAsync("supervisor", DemoOrganisation.DemoPassword);
            var dashboard = new DashboardPage(page);
            await dashboard.GotoAsync();
            await DashboardPage.Bar(dashboard.UnitChart, 0).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });

            // The bars stand in the ranking's order; take the last bar that is drawn (a 0 % bar has no height), not the first.
            var rows = dashboard.RankingTable.Locator("tbody tr");
            var rates = await rows.Locator("td:nth-child(6)").AllTextContentsAsync();
            Assert.Equal(rates.Count, await dashboard.UnitChart.Locator("path.mud-chart-bar").CountAsync());
            var n = rates.ToList().FindLastIndex(r => NonZero().IsMatch(r));
            Assert.True(n >= 1, "the demo has at least two units with closed tasks");
            var row = rows.Nth(n);
            var name = (await row.Locator("td").Nth(1).TextContentAsync())!.Trim();
            var href = await row.Locator("td").Nth(1).Locator("a").GetAttributeAsync("href");
            var tasks = (await row.Locator("td").Nth(2).TextContentAsync())!.Trim();

            // Pointing at the bar shows a hand and the bar's Chinese tooltip.
            var bar = DashboardPage.Bar(dashboard.UnitChart, n);
            await DashboardPage.PointAtAsync(page, bar);
            await Expect(bar).ToHaveCSSAsync("cursor", "pointer");
            await Expect(bar.Locator("title")).ToHaveTextAsync(new Regex("^" + Regex.Escape(name) + " 整改完成率 .*点击查看台账"));

            await DashboardPage.ClickBarAsync(dashboard.UnitChart, n);

            await LandsOnLedgerAsync(page, href!, UnitFilter());
            await Expect(page.Locator("input[data-filter=unit]")).ToHaveValueAsync(new Regex(Regex.Escape(name) + "$"));
            await Expect(page.GetByText($"共 {tasks} 项", new() { Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Office_clicks_a_bar_of_the_leader_chart_and_lands_on_the_ledger_of_that_leader()
    {
        var page = await app.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(1366, 768);
            await new LoginPage(page).LoginAsync("office", DemoOrganisation.DemoPassword);
            var dashboard = new DashboardPage(page);
            await dashboard.GotoAsync();
            await DashboardPage.Bar(dashboard.LeaderChart, 0).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });

            // One link per bar, in the bars' order ("李建国 40.0%"): take the last leader with closed tasks.
            var links = await dashboard.LeaderLinks.AllTextContentsAsync();
            Assert.Equal(links.Count, await dashboard.LeaderChart.Locator("path.mud-chart-bar").CountAsync());
            var n = links.ToList().FindLastIndex(l => NonZero().IsMatch(l.Trim().Split(' ')[^1]));
            Assert.True(n >= 0, "a leader's tasks are partly closed in the demo");
            var name = links[n].Trim().Split(' ')[0];
            var href = await dashboard.LeaderLinks.Nth(n).GetAttributeAsync("href");

            await DashboardPage.ClickBarAsync(dashboard.LeaderChart, n);

            await LandsOnLedgerAsync(page, href!, LeaderFilter());
            await Expect(page.Locator("input[data-filter=leader]")).ToHaveValueAsync(name);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Office_opens_a_card_on_the_board_and_lands_on_the_task()
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).LoginAsync("countyoffice", DemoOrganisation.DemoPassword);
            await page.GotoAsync("/rounds");
            await new HomePage(page).WaitUntilInteractiveAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Link).Filter(new() { HasTextRegex = new Regex("县委第一巡察组") }).First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/rounds/\\d+$"));
            await new HomePage(page).WaitUntilInteractiveAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "挂图作战" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/rounds/\\d+/board"));
            await new HomePage(page).WaitUntilInteractiveAsync();

            var card = page.Locator("a.rt-card-Red").First;
            var code = (await card.Locator(".rt-card-code").TextContentAsync())!.Trim();
            await Expect(card).ToContainTextAsync("逾期");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "board.png"), FullPage = true });

            await page.GetByText("按牵头领导").ClickAsync();
            await page.WaitForURLAsync(new Regex("lanes=leader"));
            await Expect(page.Locator("[role=columnheader]").First).ToHaveTextAsync("牵头领导");

            // The same card in the leader lanes (lane order differs, so find it by its code).
            await page.Locator("a.rt-card-Red").Filter(new() { Has = page.Locator(".rt-card-code", new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(code) + "\\s*$") }) }).First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/tasks/\\d+$"));
            await Expect(page.Locator("body")).ToContainTextAsync(code);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"/ledger\?unit=\d+$")]
    private static partial Regex UnitFilter();

    [GeneratedRegex(@"/ledger\?leader=[^&]+$")]
    private static partial Regex LeaderFilter();

    /// <summary>A rate above zero ("40.0%", not "0.0%" or "—").</summary>
    [GeneratedRegex(@"[1-9]")]
    private static partial Regex NonZero();

    /// <summary>A bar's click opened exactly its link's address: the ledger, interactive, with no error bar.</summary>
    private static async Task LandsOnLedgerAsync(Microsoft.Playwright.IPage page, string href, Regex filter)
    {
        await page.WaitForURLAsync(new Regex(Regex.Escape(href) + "$"));
        Assert.Matches(filter, page.Url);
        await new HomePage(page).WaitUntilInteractiveAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("整改台账");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
