using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using RectificationTracker.Web.Data.Seed;

namespace RectificationTracker.BrowserTests.Journeys;

/// <summary>
/// Office fix 2: at 1366×768 the lists show every column without scrolling sideways (the rounds list once hid 逾期) and
/// the dashboard's unit names stand apart; on a phone the ledger's and the dashboard's filters fold away so the list and
/// the figures start on the first screen.
/// </summary>
[Collection(RunningApp.Name)]
public sealed class ScreenFitTests(AppFixture app)
{
    /// <summary>
    /// A page of <paramref name="width"/>×<paramref name="height"/> px signed in as <paramref name="user"/>, on
    /// <paramref name="path"/> and interactive.
    /// </summary>
    private async Task<IPage> OpenAsync(string user, int width, int height, string path)
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await new LoginPage(page).LoginAsync(user, DemoOrganisation.DemoPassword);
        await page.GotoAsync(path);
        await new HomePage(page).WaitUntilInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task The_rounds_list_shows_every_column_on_a_1366_pixel_screen()
    {
        var page = await OpenAsync("office", 1366, 768, "/rounds");
        try
        {
            var headers = page.Locator("table[class*=mud-table-root] th");
            await headers.Filter(new() { HasText = "逾期" }).WaitForAsync();

            var names = await headers.AllInnerTextsAsync();
            Assert.Equal(["巡察轮次", "类型", "巡察组", "反馈日期", "整改期限", "问题", "任务", "已销号", "完成率", "逾期"], names.Select(n => n.Trim()));
            var container = page.Locator(".rt-grid .mud-table-container");
            var (scroll, client) = (await container.EvaluateAsync<int>("e => e.scrollWidth"), await container.EvaluateAsync<int>("e => e.clientWidth"));
            Assert.True(scroll <= client, $"the rounds table scrolls sideways: {scroll} > {client} px");
            var last = await headers.Last.BoundingBoxAsync();
            Assert.True(last!.X + last.Width <= 1366, $"逾期 ends at {last.X + last.Width} px");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_dashboards_unit_ranking_chart_shows_every_unit_name_whole_and_apart()
    {
        var page = await OpenAsync("office", 1366, 768, "/dashboard");
        try
        {
            var chart = page.Locator(".rt-unit-chart svg").First;
            await chart.ScrollIntoViewIfNeededAsync();
            // The chart sizes itself to its card after the first render: measure once its size has settled.
            var size = (await chart.BoundingBoxAsync())!;
            for (var tries = 0; tries < 20; tries++)
            {
                await page.WaitForTimeoutAsync(250);
                var now = (await chart.BoundingBoxAsync())!;
                if (now.Width == size.Width && now.Height == size.Height)
                {
                    break;
                }

                size = now;
            }

            // The x-axis labels are the chart's texts that are not percentages (those are the y axis).
            var names = page.Locator(".rt-unit-chart svg text").Filter(new() { HasNotTextRegex = new System.Text.RegularExpressions.Regex("%$") });
            await Assertions.Expect(names).Not.ToHaveCountAsync(0);
            var area = (await page.Locator(".rt-unit-chart").First.BoundingBoxAsync())!;
            var boxes = new List<(string Name, LocatorBoundingBoxResult Box)>();
            foreach (var name in await names.AllAsync())
            {
                boxes.Add(((await name.TextContentAsync())!.Trim(), (await name.BoundingBoxAsync())!));
            }

            Assert.True(boxes.Count >= 10, $"{boxes.Count} unit names");
            Assert.All(boxes, b => Assert.True(b.Box.Y + b.Box.Height <= area.Y + area.Height + 1, $"{b.Name} is cut off below the chart ({b.Box.Y + b.Box.Height} > {area.Y + area.Height})"));
            var byX = boxes.OrderBy(b => b.Box.X).ToList();
            for (var i = 1; i < byX.Count; i++)
            {
                Assert.True(byX[i - 1].Box.X + byX[i - 1].Box.Width <= byX[i].Box.X + 0.5,
                    $"{byX[i - 1].Name} runs into {byX[i].Name}");
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_ledgers_filters_fold_under_one_button_and_its_first_task_shows_on_the_first_screen()
    {
        var page = await OpenAsync("unit", 390, 844, "/ledger?state=InProgress");
        try
        {
            var firstRow = page.Locator("tbody tr.mud-table-row").First;
            await firstRow.WaitForAsync();

            var toggle = page.GetByRole(AriaRole.Button, new() { Name = "筛选(已设 1 项)" });
            await Assertions.Expect(toggle).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-filter=state]")).ToBeHiddenAsync();
            var row = await firstRow.BoundingBoxAsync();
            Assert.True(row!.Y < 844, $"the first task starts at {row.Y} px, below the first screen");
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "ledger-390.png") });

            await toggle.ClickAsync();
            await Assertions.Expect(page.Locator("[data-filter=state]")).ToBeVisibleAsync();
            Assert.Equal(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));

            // On an office screen the fields always show and the button does not.
            await page.SetViewportSizeAsync(1366, 768);
            await Assertions.Expect(page.Locator("[data-filter=state]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("button.rt-filter-toggle")).ToBeHiddenAsync();

            // The dashboard's filters fold the same way: its figures start on the first screen.
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/dashboard");
            await new HomePage(page).WaitUntilInteractiveAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-filter=round]")).ToBeHiddenAsync();
            var firstFigure = await page.GetByText("整改任务", new() { Exact = true }).First.BoundingBoxAsync();
            Assert.True(firstFigure!.Y < 844, $"the dashboard's first figure starts at {firstFigure.Y} px, below the first screen");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
