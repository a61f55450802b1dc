using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Dashboard;

/// <summary>
/// The dashboard and the board on the demo campaigns: every figure comes from the user's scope only,
/// URL parameters cannot widen it, and drill-downs list exactly the tasks that were counted.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class DashboardScopeTests(TrackerFactory app)
{
    private async Task<List<(int Id, string Path)>> TasksUnderAsync(string unitName)
    {
        var unitId = await Accounts.UnitIdAsync(app, unitName);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleAsync();
        var rows = await db.Tasks.Select(t => new { t.Id, Path = t.ResponsibleUnit!.Path }).ToListAsync();
        return rows.Where(r => r.Path is not null && r.Path.StartsWith(path, StringComparison.Ordinal)).Select(r => (r.Id, r.Path!)).ToList();
    }

    private Task<DashboardResult> FiguresAsync(Actor actor, DashboardFilter filter) =>
        app.WithAsync<DashboardQueries, DashboardResult>(q => q.FiguresAsync(actor, filter));

    private Task<List<TaskFact>> FactsAsync(Actor actor, DashboardFilter filter) =>
        app.WithAsync<DashboardQueries, List<TaskFact>>(q => q.FactsAsync(actor, filter));

    [Fact]
    public async Task A_county_unit_user_counts_only_its_own_county_s_tasks()
    {
        var west = await app.ActorAsync("westcounty");
        var own = await TasksUnderAsync("西河县人民检察院");

        var facts = await FactsAsync(west, new DashboardFilter());
        var result = await FiguresAsync(west, new DashboardFilter());

        Assert.NotEmpty(own);
        Assert.Equal(own.Select(t => t.Id).Order(), facts.Select(f => f.TaskId).Order());
        Assert.Equal(own.Count, result.Figures.Total);
        Assert.Equal("西河县人民检察院", result.FocusUnitName);
        Assert.All(result.Figures.ByUnit, u => Assert.DoesNotContain("东岭", u.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Url_parameters_cannot_widen_a_county_user_s_scope()
    {
        var west = await app.ActorAsync("westcounty");
        var dongling = await Accounts.UnitIdAsync(app, "东岭县人民检察院");
        var donglingRound = (await FactsAsync(await app.ActorAsync("countyoffice"), new DashboardFilter())).First().RoundId;

        var byUnit = await FiguresAsync(west, new DashboardFilter { UnitId = dongling });
        var byRound = await FiguresAsync(west, new DashboardFilter { RoundId = donglingRound });

        Assert.Equal(0, byUnit.Figures.Total);
        Assert.NotEqual("东岭县人民检察院", byUnit.FocusUnitName);
        Assert.Equal(0, byRound.Figures.Total);

        // The same through the page, as a user editing the URL would try it.
        using var client = await FormLogin.SignedInClientAsync(app, "westcounty", DemoOrganisation.DemoPassword);
        var page = await FormLogin.GetPageAsync(client, $"/dashboard?unit={dongling}");
        Assert.Contains("没有符合筛选条件的整改任务", page, StringComparison.Ordinal);
        Assert.DoesNotContain("东岭县人民检察院", page, StringComparison.Ordinal);
        Assert.DoesNotContain("单位排名", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_a_county_user_its_own_numbers()
    {
        var own = await TasksUnderAsync("西河县人民检察院");
        using var client = await FormLogin.SignedInClientAsync(app, "westcounty", DemoOrganisation.DemoPassword);

        var page = await FormLogin.GetPageAsync(client, "/dashboard");

        Assert.Contains("整改工作看板", page, StringComparison.Ordinal);
        Assert.Matches($"data-stat=\"整改任务\"[^>]*>\\s*<span[^>]*>整改任务</span>\\s*<span[^>]*>{own.Count}</span>", page);
        Assert.DoesNotContain("东岭县人民检察院", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_county_office_sees_its_county_and_the_city_sees_more()
    {
        var county = await FiguresAsync(await app.ActorAsync("countyoffice"), new DashboardFilter());
        var city = await FiguresAsync(await app.ActorAsync("supervisor"), new DashboardFilter());
        var dongling = await TasksUnderAsync("东岭县人民检察院");

        Assert.Equal(dongling.Count, county.Figures.Total);
        Assert.True(city.Figures.Total > county.Figures.Total);
        // The city ranks its departments and counties; the county is one row there with the county's own total.
        var row = Assert.Single(city.Figures.ByUnit, u => u.Name == "东岭县人民检察院");
        Assert.Equal(dongling.Count, row.Total);
    }

    [Fact]
    public async Task Every_unit_row_drills_down_to_exactly_its_tasks_in_the_ledger()
    {
        var supervisor = await app.ActorAsync("supervisor");
        var result = await FiguresAsync(supervisor, new DashboardFilter());

        foreach (var u in result.Figures.ByUnit)
        {
            var ledger = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(supervisor,
                new LedgerFilter { UnitId = int.Parse(u.Key, System.Globalization.CultureInfo.InvariantCulture) }));
            var closed = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(supervisor,
                new LedgerFilter { UnitId = int.Parse(u.Key, System.Globalization.CultureInfo.InvariantCulture), State = TaskState.Closed }));
            Assert.Equal(u.Total, ledger.Total);
            Assert.Equal(u.Closed, closed.Total);
        }

        var overdue = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(supervisor, new LedgerFilter { Light = TaskLight.Red }));
        Assert.Equal(result.Figures.Overdue, overdue.Total);
        var atRisk = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(supervisor, new LedgerFilter { Light = TaskLight.Yellow }));
        Assert.Equal(result.Figures.AtRisk, atRisk.Total);
    }

    [Fact]
    public async Task The_board_of_another_county_s_round_is_not_found()
    {
        var countyOffice = await app.ActorAsync("countyoffice");
        var roundId = (await FactsAsync(countyOffice, new DashboardFilter())).First().RoundId;

        var westActor = await app.ActorAsync("westcounty");
        var west = await app.WithAsync<BoardQueries, BoardResult?>(q => q.BoardAsync(westActor, roundId, BoardLanes.Unit));
        var own = await app.WithAsync<BoardQueries, BoardResult?>(q => q.BoardAsync(countyOffice, roundId, BoardLanes.Leader));

        Assert.Null(west);
        Assert.NotNull(own);
        var ledger = await app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(countyOffice, new LedgerFilter { RoundId = roundId }));
        Assert.Equal(ledger.Total, own.Layout.Lanes.Sum(l => l.Cells.Values.Sum(c => c.Count)));

        using var client = await FormLogin.SignedInClientAsync(app, "westcounty", DemoOrganisation.DemoPassword);
        var page = await FormLogin.GetPageAsync(client, $"/rounds/{roundId}/board");
        Assert.Contains("未找到巡察轮次", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-task=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_replayed_to_today_gives_every_task_s_current_state()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Clock>();
        var units = (await scope.ServiceProvider.GetRequiredService<Web.Infrastructure.UnitDirectory>().AllAsync()).ToDictionary(u => u.Id);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        var projection = new TaskFactProjection(db, clock, units);
        var current = await projection.FactsAsync(db.Tasks.AsNoTracking(), focusPath: null, withMeasure: false, default);
        var events = await projection.EventsAsync(clock.Today, default);

        var replayed = AsOf.Reconstruct(current, events, [], clock.Today).ToDictionary(f => f.TaskId);

        Assert.NotEmpty(current);
        Assert.All(current, f =>
        {
            var r = replayed[f.TaskId];
            Assert.Equal(f.State, r.State);
            Assert.Equal(f.IsClosed ? f.ClosedOn : null, r.ClosedOn);
            Assert.Equal(f.ReopenCount, r.ReopenCount);
        });
        Assert.Contains(current, f => f.ReopenCount > 0);
    }

    [Fact]
    public async Task As_of_the_day_before_a_reopen_the_task_counted_as_closed()
    {
        var supervisor = await app.ActorAsync("supervisor");
        await using var scope = app.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Clock>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        var reopen = await db.History.Where(h => h.Action == nameof(TaskAction.Reopen)).OrderBy(h => h.Id).FirstAsync();
        var dayBefore = clock.LocalDate(reopen.AtUtc).AddDays(-1);

        var now = await FactsAsync(supervisor, new DashboardFilter());
        var then = await FactsAsync(supervisor, new DashboardFilter { AsOf = dayBefore });
        var thenFigures = await FiguresAsync(supervisor, new DashboardFilter { AsOf = dayBefore });

        Assert.NotEqual(TaskState.Closed, now.Single(f => f.TaskId == reopen.TaskId).State);
        var before = then.Single(f => f.TaskId == reopen.TaskId);
        Assert.Equal(TaskState.Closed, before.State);
        Assert.NotNull(before.ClosedOn);
        Assert.True(thenFigures.IsAsOf);
        Assert.Equal(dayBefore, thenFigures.Date);
        Assert.Equal(then.Count(f => f.IsClosed), thenFigures.Figures.Closed);
        // Tasks registered after that day did not exist yet.
        Assert.All(then, f => Assert.True(f.RegisteredOn <= dayBefore));
    }

    [Fact]
    public async Task Outcome_totals_are_those_of_the_applications_that_closed_the_tasks_in_scope()
    {
        var supervisor = await app.ActorAsync("supervisor");
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        var closed = await Web.Features.Tasks.TaskScoping.VisibleTo(db.Tasks.AsNoTracking(), db, supervisor)
            .Where(t => t.State == TaskState.Closed).Include(t => t.Applications).ThenInclude(a => a.RulesMade).ToListAsync();
        var closing = closed.Select(t => t.Applications.Where(a => a.SignOffApproved == true).MaxBy(a => a.Attempt)).OfType<ClosureApplication>().ToList();

        var result = await FiguresAsync(supervisor, new DashboardFilter());

        Assert.True(closing.Sum(a => a.FundsRecoveredWan) > 0);
        Assert.Equal(closing.Sum(a => a.FundsRecoveredWan), result.Figures.Outcome.FundsRecoveredWan);
        Assert.Equal(closing.Sum(a => a.PeopleHeldAccountable), result.Figures.Outcome.PeopleHeldAccountable);
        Assert.Equal(closing.Sum(a => a.RulesMade.Count(r => !r.IsRevision)), result.Figures.Outcome.RulesMade);
        Assert.Equal(closing.Sum(a => a.RulesMade.Count(r => r.IsRevision)), result.Figures.Outcome.RulesRevised);
        // The red list's most severe rows carry their measure text.
        Assert.All(result.Figures.RedList.Take(DashboardQueries.RedListWithText), r => Assert.NotEqual("", r.Task.Measure));
    }
}
