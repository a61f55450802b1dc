using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using static RectificationTracker.Domain.Tests.Metrics.Facts;

namespace RectificationTracker.Domain.Tests.Metrics;

/// <summary>挂图作战: columns are states, swimlanes units or leaders, cards carry their light and days.</summary>
public class TaskBoardTests
{
    private static readonly List<TaskFact> Round =
    [
        Task(1, TaskState.InProgress, unit: 1, leader: "a", deadline: Today.AddDays(-4), id: 1),  // red
        Task(2, TaskState.InProgress, unit: 1, leader: "b", deadline: Today.AddDays(20), id: 2),  // green
        Task(3, TaskState.InProgress, unit: 1, leader: "a", deadline: Today.AddDays(3), id: 3),   // yellow
        Task(4, TaskState.AwaitingReview, unit: 2, leader: "a", deadline: Today, id: 4),          // yellow, due today
        Task(5, TaskState.Closed, unit: 2, leader: "b", id: 5),
        Task(6, TaskState.Registered, unit: 3, leader: "b", id: 6),
    ];

    [Fact]
    public void Columns_are_the_workflow_states_in_order()
    {
        var board = TaskBoard.Build(Round, BoardLanes.Unit, Today);

        Assert.Equal([TaskState.Registered, TaskState.InProgress, TaskState.AwaitingReview, TaskState.AwaitingSignOff, TaskState.Closed],
            TaskBoard.Columns);
        Assert.Equal(3, board.ColumnTotals[TaskState.InProgress]);
        Assert.Equal(0, board.ColumnTotals[TaskState.AwaitingSignOff]);
    }

    [Fact]
    public void Unit_lanes_put_overdue_work_first_and_red_cards_at_the_top()
    {
        var board = TaskBoard.Build(Round, BoardLanes.Unit, Today);

        Assert.Equal(["单位1", "单位2", "单位3"], board.Lanes.Select(l => l.Name));
        var first = board.Lanes[0];
        Assert.Equal(1, first.Overdue);
        Assert.Equal([1, 3, 2], first.Cells[TaskState.InProgress].Select(c => c.Task.TaskId));
        Assert.Equal("逾期4天", first.Cells[TaskState.InProgress][0].DaysText);
        Assert.Equal("剩3天", first.Cells[TaskState.InProgress][1].DaysText);
        Assert.Equal(TaskLight.Yellow, first.Cells[TaskState.InProgress][1].Light);
        Assert.Equal("今日到期", board.Lanes[1].Cells[TaskState.AwaitingReview].Single().DaysText);
        Assert.Equal("", board.Lanes[1].Cells[TaskState.Closed].Single().DaysText);
    }

    [Fact]
    public void Leader_lanes_group_by_lead_leader()
    {
        var board = TaskBoard.Build(Round, BoardLanes.Leader, Today);

        Assert.Equal(["领导a", "领导b"], board.Lanes.Select(l => l.Name));
        Assert.Equal(3, board.Lanes[0].Total);
        Assert.Equal(6, board.Lanes.Sum(l => l.Cells.Values.Sum(c => c.Count)));
    }

    [Fact]
    public void Units_sharing_a_name_are_separate_lanes_because_lanes_are_keyed_by_id()
    {
        // As the projection would give them if labels were not distinct: the lanes must still not merge.
        List<TaskFact> facts =
        [
            Task(1, TaskState.InProgress, unit: 7, id: 1) with { ResponsibleUnitName = "综合办公室" },
            Task(2, TaskState.InProgress, unit: 8, id: 2) with { ResponsibleUnitName = "综合办公室" },
            Task(3, TaskState.InProgress, unit: 9, id: 3) with { ResponsibleUnitName = "综合办公室" },
        ];

        var board = TaskBoard.Build(facts, BoardLanes.Unit, Today);

        Assert.Equal(3, board.Lanes.Count);
        Assert.All(board.Lanes, l => Assert.Equal(1, l.Total));
    }
}
