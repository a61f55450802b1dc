using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;

namespace RectificationTracker.Domain.Tests.Metrics;

/// <summary>重新挂账: the figure over facts and the ledger's filter over tasks are one rule.</summary>
public class ReopenedTasksTests
{
    [Fact]
    public void The_figure_and_the_query_filter_agree_task_by_task()
    {
        var tasks = new List<RectificationTask>
        {
            new TaskBuilder().InProgress(),
            new TaskBuilder().Closed(),
            new TaskBuilder().Reopened(),
        };
        var again = new TaskBuilder();
        var closedAgain = again.Reopened();
        closedAgain.ApplyForClosure(Actors.UnitUser, again.Scope, TaskBuilder.Application(), TaskBuilder.ReopenedAtUtc.AddDays(1));
        tasks.Add(closedAgain);

        var filter = ReopenedTasks.Filter().Compile();
        var facts = tasks.Select(t => new TaskFact { TaskId = t.Id, State = t.State, ReopenCount = t.ReopenCount }).ToList();

        Assert.Equal([false, false, true, true], tasks.Select(filter));
        Assert.Equal(tasks.Select(filter), facts.Select(ReopenedTasks.Includes));
        Assert.Equal(2, ReopenedTasks.Count(facts));
        Assert.Equal(2, CampaignMetrics.Compute(facts, new DateOnly(2026, 12, 1)).Reopened);
    }
}
