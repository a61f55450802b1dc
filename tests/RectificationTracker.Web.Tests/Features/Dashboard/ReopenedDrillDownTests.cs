using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Dashboard;

/// <summary>The dashboard's 重新挂账 figure opens exactly the reopened tasks: the count equals the drill-down's rows.</summary>
[Collection(SharedApp.Name)]
public sealed class ReopenedDrillDownTests(TrackerFactory app)
{
    [Theory]
    [InlineData("office")]
    [InlineData("supervisor")]
    [InlineData("countyoffice")]
    [InlineData("westcounty")]
    [InlineData("unit")]
    public async Task The_reopened_figure_equals_the_row_count_of_its_drill_down(string userName)
    {
        var actor = await app.ActorAsync(userName);
        var filter = new DashboardFilter();

        var figures = await app.WithAsync<DashboardQueries, DashboardResult>(q => q.FiguresAsync(actor, filter));
        var drill = LedgerFilter.Parse(filter.ReopenedDrill().ToQueryString());
        var rows = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(actor, drill));
        var all = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(q => q.AllAsync(actor, drill));

        Assert.True(drill.Reopened);
        Assert.Equal(figures.Figures.Reopened, rows.Total);
        Assert.Equal(figures.Figures.Reopened, all.Count);
        if (userName == "office")
        {
            Assert.True(rows.Total > 0, "the demo reopens some city tasks");
        }
    }

    [Fact]
    public async Task The_drill_down_keeps_the_dashboards_filter()
    {
        var office = await app.ActorAsync("office");
        var everything = await app.WithAsync<DashboardQueries, DashboardResult>(q => q.FiguresAsync(office, new DashboardFilter()));
        var facts = await app.WithAsync<DashboardQueries, List<Domain.Metrics.TaskFact>>(q => q.FactsAsync(office, new DashboardFilter()));
        var round = facts.Where(f => f.ReopenCount > 0).Select(f => f.RoundId).First();
        var filter = new DashboardFilter { RoundId = round };

        var figures = await app.WithAsync<DashboardQueries, DashboardResult>(q => q.FiguresAsync(office, filter));
        var rows = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(office, LedgerFilter.Parse(filter.ReopenedDrill().ToQueryString())));

        Assert.Equal(figures.Figures.Reopened, rows.Total);
        Assert.True(figures.Figures.Reopened <= everything.Figures.Reopened);
        Assert.All(rows.Rows, r => Assert.Equal(round, r.RoundId));
    }
}
