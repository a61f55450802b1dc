using System.Globalization;
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

    private static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Value(IRenderedComponent<DashboardPage> cut, string stat) =>
        cut.Find($"[data-stat='{stat}'] .rt-stat-value").TextContent.Trim();
}
