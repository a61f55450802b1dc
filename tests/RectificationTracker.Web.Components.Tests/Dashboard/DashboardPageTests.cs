using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;

namespace RectificationTracker.Web.Components.Tests.Dashboard;

public sealed class DashboardPageTests(SeededApp app) : AppComponentTest(app)
{
    [Theory]
    [InlineData("office", "")]
    [InlineData("office", "?round=1")]
    [InlineData("leader", "")]
    public async Task The_headline_figures_are_the_domains_and_drill_down_to_the_matching_ledger(string user, string query)
    {
        var actor = await SignInAsync(user);
        var filter = DashboardFilter.Parse(query);
        var figures = (await Services.GetRequiredService<DashboardQueries>().FiguresAsync(actor, filter)).Figures;
        Assert.True(figures.Total > 0);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard" + query);

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-stat]")), TimeSpan.FromSeconds(10));
        Assert.Equal(N(figures.Total), Value(cut, "整改任务"));
        Assert.Equal(N(figures.Closed), Value(cut, "已销号"));
        Assert.Equal(N(figures.InProgress), Value(cut, "整改中"));
        Assert.Equal(N(figures.AwaitingReview), Value(cut, "待审核"));
        Assert.Equal(N(figures.AwaitingSignOff), Value(cut, "待审签"));
        Assert.Equal(N(figures.Overdue), Value(cut, "逾期未完成"));
        Assert.Equal(figures.TaskCompletion.Text, Value(cut, "整改完成率(按任务)"));

        // A figure's card opens the ledger filtered to exactly those tasks (and the dashboard's own filter).
        var closed = cut.Find("[data-stat=已销号]").GetAttribute("href")!;
        Assert.Equal(filter.ToLedger() with { State = TaskState.Closed }, LedgerFilter.Parse(new Uri("http://localhost" + closed).Query));
        var overdue = cut.Find("[data-stat=逾期未完成]").GetAttribute("href")!;
        Assert.Equal(filter.ToLedger() with { Light = TaskLight.Red }, LedgerFilter.Parse(new Uri("http://localhost" + overdue).Query));

        // The unit ranking lists the domain's units in the domain's order.
        var rankedUnits = cut.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "单位排名").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal(figures.ByUnit.Select(u => u.Name), rankedUnits);
    }

    [Theory]
    [InlineData("office", "")]
    [InlineData("supervisor", "?round=1")]
    public async Task Every_bar_opens_what_the_ranking_and_the_link_rows_open_in_the_charts_order(string user, string query)
    {
        var actor = await SignInAsync(user);
        var figures = (await Services.GetRequiredService<DashboardQueries>().FiguresAsync(actor, DashboardFilter.Parse(query))).Figures;
        Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard" + query);
        var module = JSInterop.SetupModule("./Features/Dashboard/DashboardPage.razor.js");

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-stat]")), TimeSpan.FromSeconds(10));
        // The browser side is attached once, to the page (after the first render, so never while prerendering).
        cut.WaitForAssertion(() => module.VerifyInvoke("attach", 1));

        // Unit bars: the ranking table's unit links, in the ranking's order (the bars' order).
        var ranking = cut.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "单位排名");
        var unitLinks = ranking.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].QuerySelector("a")!.GetAttribute("href")).ToList();
        var unitBars = Drill(cut, "各单位整改完成率");
        Assert.Equal(figures.ByUnit.Count, unitLinks.Count);
        Assert.Equal(unitLinks, Assert.Single(unitBars));
        Assert.All(unitBars[0], u => Assert.Matches(@"^/ledger\?(.*&)?unit=\d+", u));

        // Leader bars: the links under the chart, one per leader.
        var leaderLinks = Links(cut, "按牵头领导");
        Assert.Equal(figures.ByLeader.Count, leaderLinks.Count);
        Assert.Equal(leaderLinks, Assert.Single(Drill(cut, "按牵头领导的整改完成率")));

        // Aspect bars (one round chosen): the links under the chart.
        if (query.Length > 0)
        {
            var aspectLinks = Links(cut, "按问题方面");
            Assert.Equal(figures.ByAspect.Count, aspectLinks.Count);
            Assert.NotEmpty(aspectLinks);
            Assert.Equal(aspectLinks, Assert.Single(Drill(cut, "按问题方面的整改完成率")));
        }

        // Week bars, two series (closed, due): both open the week's due tasks (the ledger filters by deadline, not by
        // the day of closing); a week without due tasks opens nothing.
        var weekBars = Drill(cut, "每周销号与到期任务数");
        Assert.Equal(2, weekBars.Length);
        Assert.Equal(weekBars[0], weekBars[1]);
        Assert.Equal(figures.Trend.Count, weekBars[1].Length);
        Assert.Equal(figures.Trend.Select(t => t.DueInWeek > 0), weekBars[1].Select(u => u is not null));
        Assert.Equal(Links(cut, "每周销号与到期"), weekBars[1].OfType<string>());

        // Every bar's tooltip is Chinese and names its category.
        var titles = JsonSerializer.Deserialize<string[][]>(Chart(cut, "各单位整改完成率").GetAttribute("data-drill-titles")!)!;
        Assert.Equal(figures.ByUnit.Select(u => $"{u.Name} 整改完成率 {u.Completion.Text}(点击查看台账)"), titles[0]);
    }

    private static AngleSharp.Dom.IElement Chart(IRenderedComponent<DashboardPage> cut, string label) =>
        cut.FindAll("[role=img][data-drill]").Single(e => e.GetAttribute("aria-label")!.StartsWith(label, StringComparison.Ordinal));

    private static string?[][] Drill(IRenderedComponent<DashboardPage> cut, string label) =>
        JsonSerializer.Deserialize<string?[][]>(Chart(cut, label).GetAttribute("data-drill")!)!;

    private static List<string?> Links(IRenderedComponent<DashboardPage> cut, string heading) =>
        cut.FindAll(".rt-chart-card").Single(c => c.QuerySelector("h2")?.TextContent.Trim() == heading)
            .QuerySelectorAll(".rt-drill-links a").Select(a => a.GetAttribute("href")).ToList();

    private static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Value(IRenderedComponent<DashboardPage> cut, string stat) =>
        cut.Find($"[data-stat='{stat}'] .rt-stat-value").TextContent.Trim();
}
