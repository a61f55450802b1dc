using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

public enum BoardLanes
{
    /// <summary>One swimlane per responsible unit.</summary>
    Unit,

    /// <summary>One swimlane per lead leader.</summary>
    Leader,
}

/// <summary>
/// 挂图作战: a round's tasks laid out as a chart — columns are the workflow states, rows (swimlanes)
/// are units or lead leaders, each card carries its light and days left or overdue.
/// </summary>
public static class TaskBoard
{
    public static readonly IReadOnlyList<TaskState> Columns =
        [TaskState.Registered, TaskState.InProgress, TaskState.AwaitingReview, TaskState.AwaitingSignOff, TaskState.Closed];

    public static BoardLayout Build(IReadOnlyList<TaskFact> facts, BoardLanes lanes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var cards = facts.Select(f => Card(f, today)).ToList();
        var rows = cards
            // Lanes are keyed by id, never by name: three counties' 综合办公室 are three lanes, and two
            // leaders of the same name two.
            .GroupBy(c => lanes == BoardLanes.Unit
                ? c.Task.ResponsibleUnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""
                : c.Task.LeadLeaderId ?? "", StringComparer.Ordinal)
            .Select(g => new BoardLane(
                g.Key.Length == 0 ? (lanes == BoardLanes.Unit ? "未明确责任单位" : "未明确牵头领导")
                    : (lanes == BoardLanes.Unit ? g.First().Task.ResponsibleUnitName : g.First().Task.LeadLeaderName) ?? "",
                Columns.ToDictionary(s => s, s => (IReadOnlyList<BoardCard>)g.Where(c => c.Task.State == s).OrderBy(Severity)
                    .ThenBy(c => c.Task.Deadline ?? DateOnly.MaxValue).ThenBy(c => c.Task.ProblemNumber).ThenBy(c => c.Task.TaskNumber).ToList()),
                g.Count(), g.Count(c => c.Light == TaskLight.Red)))
            // Lanes with most overdue work first, so what needs chasing is at the top of the chart.
            .OrderByDescending(l => l.Overdue).ThenByDescending(l => l.Total).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        return new BoardLayout(lanes, rows, Columns.ToDictionary(s => s, s => facts.Count(f => f.State == s)));
    }

    public static BoardCard Card(TaskFact fact, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var light = TaskLights.Compute(fact.State, fact.Deadline, fact.LastActivityOn, today);
        int? daysLeft = TaskLights.IsOpen(fact.State) && fact.Deadline is { } d && d >= today ? d.DayNumber - today.DayNumber : null;
        return new BoardCard(fact, light, TaskLights.DaysOverdue(fact.State, fact.Deadline, today), daysLeft);
    }

    private static int Severity(BoardCard c) => c.Light switch
    {
        TaskLight.Red => 0,
        TaskLight.Yellow => 1,
        TaskLight.Green => 2,
        _ => 3,
    };
}

public sealed record BoardLayout(BoardLanes LanesBy, IReadOnlyList<BoardLane> Lanes, IReadOnlyDictionary<TaskState, int> ColumnTotals);

public sealed record BoardLane(string Name, IReadOnlyDictionary<TaskState, IReadOnlyList<BoardCard>> Cells, int Total, int Overdue);

/// <summary>A card: the task, its light, and days overdue (red) or days left (open, deadline ahead).</summary>
public sealed record BoardCard(TaskFact Task, TaskLight Light, int? DaysOverdue, int? DaysLeft)
{
    /// <summary>"逾期12天", "剩5天", "今日到期" or "" (closed or no deadline).</summary>
    public string DaysText => DaysOverdue is { } o ? $"逾期{o}天" : DaysLeft is 0 ? "今日到期" : DaysLeft is { } l ? $"剩{l}天" : "";
}
