using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Rounds;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Rounds;

/// <summary>
/// One definition of every figure: the rounds list, a round's page, the dashboard, the flowchart, the
/// bulletin and the ledger show the same completion (by task and by problem) and the same overdue count.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class FiguresAgreementTests(TrackerFactory app)
{
    [Fact]
    public async Task One_closed_task_of_sixteen_reads_six_point_three_percent_everywhere_and_a_problem_without_tasks_is_not_counted()
    {
        var office = await app.ActorAsync("office");
        var roundId = await ConstructedCampaignAsync(office);

        var figures = await FiguresAsync(office, roundId);

        Assert.All(figures.TaskCompletion, f => Assert.Equal("6.3%", f.Value));
        Assert.All(figures.ProblemCompletion, f => Assert.Equal("50.0%", f.Value));
        Assert.All(figures.Overdue, f => Assert.Equal(15, f.Value));
        Assert.Contains("整改完成率 6.3%", figures.LedgerSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_demo_round_shows_the_same_figures_on_every_page()
    {
        var office = await app.ActorAsync("office");
        var rounds = await With<RoundQueries, IReadOnlyList<RoundListRow>>(q => q.ListAsync(office));
        Assert.NotEmpty(rounds);

        foreach (var round in rounds.Where(r => r.Tasks > 0))
        {
            var figures = await FiguresAsync(office, round.Id);

            Assert.Single(figures.TaskCompletion.Select(f => f.Value).Distinct());
            Assert.Single(figures.ProblemCompletion.Select(f => f.Value).Distinct());
            Assert.Single(figures.Overdue.Select(f => f.Value).Distinct());
            Assert.Contains("整改完成率 " + figures.TaskCompletion[0].Value, figures.LedgerSummary, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("office")]
    [InlineData("countyoffice")]
    [InlineData("unit")]
    [InlineData("leader")]
    [InlineData("supervisor")]
    public async Task The_round_filter_offers_exactly_the_rounds_of_the_rounds_list(string user)
    {
        var actor = await app.ActorAsync(user);
        var listed = await With<RoundQueries, IReadOnlyList<RoundListRow>>(q => q.ListAsync(actor));
        var options = await With<RoundQueries, IReadOnlyList<RoundOption>>(q => q.OptionsAsync(actor));

        Assert.Equal(listed.Select(r => (r.Id, r.Name)), options.Select(o => (o.Id, o.Name)));
    }

    private sealed record Figures(
        List<KeyValuePair<string, string>> TaskCompletion,
        List<KeyValuePair<string, string>> ProblemCompletion,
        List<KeyValuePair<string, int>> Overdue,
        string LedgerSummary);

    private async Task<Figures> FiguresAsync(Actor actor, int roundId)
    {
        var row = (await With<RoundQueries, IReadOnlyList<RoundListRow>>(q => q.ListAsync(actor))).Single(r => r.Id == roundId);
        var tree = (await With<RoundQueries, RoundTree?>(q => q.TreeAsync(actor, roundId)))!;
        var dashboard = (await With<DashboardQueries, DashboardResult>(q => q.FiguresAsync(actor, new DashboardFilter { RoundId = roundId }))).Figures;
        var flowchart = await With<FlowchartQueries, FlowchartCounts>(q => q.CountAsync(actor, roundId, null));
        var bulletin = (await With<BulletinService, BulletinModel?>(q => q.ModelAsync(actor, new BulletinRequest(roundId))))!.Figures;
        var ledger = (await With<ReportService, LedgerReportModel?>(q => q.LedgerModelAsync(actor, new LedgerFilter { RoundId = roundId }, PaperSize.A4)))!;
        return new Figures(
            [new("rounds list", row.Progress.TaskCompletion.Text), new("rounds list bar", $"{row.CompletionPercent:0.0}%"),
             new("round page", tree.Progress.TaskCompletion.Text), new("dashboard", dashboard.TaskCompletion.Text),
             new("flowchart", flowchart.Completion.Text), new("bulletin", bulletin.TaskCompletion.Text)],
            [new("rounds list", row.Progress.ProblemCompletion.Text), new("round page", tree.Progress.ProblemCompletion.Text),
             new("dashboard", dashboard.ProblemCompletion.Text), new("bulletin", bulletin.ProblemCompletion.Text)],
            [new("rounds list", row.Overdue), new("round page", tree.Progress.Overdue), new("dashboard", dashboard.Overdue),
             new("flowchart", flowchart.Overdue), new("bulletin", bulletin.Overdue), new("ledger", ledger.Overdue)],
            ledger.SummaryText);
    }

    /// <summary>
    /// 16 tasks in progress past their deadline under two problems (one of them with a single closed
    /// task), and a third problem with no task yet: completion 1/16 = 6.25%, by problem 1/2.
    /// </summary>
    private async Task<int> ConstructedCampaignAsync(Actor office)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var unitId = await db.Units.Where(u => u.Name == "第一检察部").Select(u => u.Id).FirstAsync();
        var round = new Domain.Rounds.InspectionRound
        {
            Name = "口径一致性测试轮次", InspectingBody = "市委第三巡察组", OfficeUnitId = office.UnitId,
            FeedbackDate = new DateOnly(2025, 1, 10), RectificationDeadline = new DateOnly(2025, 6, 30), CreatedById = office.UserId,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var aspect = round.AddAspect("口径");
        var open = round.AddProblem(aspect, "十五项未完成的问题", "");
        var done = round.AddProblem(aspect, "一项已销号的问题", "");
        round.AddProblem(aspect, "尚未拆分任务的问题", "");
        await db.SaveChangesAsync();
        for (var i = 0; i < 15; i++)
        {
            open.Tasks.Add(Task(round.Id, open.NextTaskNumber, unitId));
        }

        done.Tasks.Add(Task(round.Id, 1, unitId));
        await db.SaveChangesAsync();
        // Move the work on as the workflow would have (the workflow itself is tested elsewhere).
        await db.Database.ExecuteSqlRawAsync("UPDATE \"Tasks\" SET \"State\" = {0} WHERE \"RoundId\" = {1}", nameof(TaskState.InProgress), round.Id);
        await db.Database.ExecuteSqlRawAsync("UPDATE \"Tasks\" SET \"State\" = {0}, \"ClosedOn\" = '2025-03-01' WHERE \"ProblemId\" = {1}", nameof(TaskState.Closed), done.Id);
        return round.Id;
    }

    private static RectificationTask Task(int roundId, int number, int unitId) => new()
    {
        RoundId = roundId, Number = number, Measure = $"口径措施{number}", Category = TaskCategory.Deadline, ResponsibleUnitId = unitId,
        Deadline = new DateOnly(2025, 3, 31),
        CreatedAtUtc = new DateTime(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc),
    };

    private async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
