using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>The least a headline figure needs about one task.</summary>
public readonly record struct TaskTally(int ProblemId, TaskState State, DateOnly? Deadline, DateOnly? ClosedOn)
{
    public bool IsClosed => State == TaskState.Closed;

    /// <summary>Closed on or before its deadline. A task without a deadline cannot be late.</summary>
    public bool ClosedOnTime => IsClosed && (Deadline is null || (ClosedOn is { } c && c <= Deadline.Value));
}

/// <summary>
/// The headline figures every page, report and export shows for a set of tasks: the rounds list, a
/// round's page, the dashboard, the flowchart, the bulletin and the ledger all compute them here.
/// </summary>
/// <param name="Problems">Problems that have at least one task in the set (a problem without tasks is not yet rectification work).</param>
public sealed record ProgressFigures(int Tasks, int Closed, Rate TaskCompletion, int Problems, Rate ProblemCompletion, Rate OnTime, int Overdue)
{
    public static readonly ProgressFigures Empty = Of([], default);

    /// <summary>整改完成率 by task and by problem, 按期完成率 and 逾期, as defined in <see cref="CampaignMetrics"/>.</summary>
    public static ProgressFigures Of(IEnumerable<TaskTally> tasks, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var total = 0;
        var closed = 0;
        var onTime = 0;
        var overdue = 0;
        var problemOpen = new Dictionary<int, bool>();
        foreach (var t in tasks)
        {
            total++;
            closed += t.IsClosed ? 1 : 0;
            onTime += t.ClosedOnTime ? 1 : 0;
            overdue += TaskLights.IsOverdue(t.State, t.Deadline, today) ? 1 : 0;
            problemOpen[t.ProblemId] = problemOpen.GetValueOrDefault(t.ProblemId) || !t.IsClosed;
        }

        var problemsClosed = problemOpen.Values.Count(open => !open);
        return new ProgressFigures(total, closed, new Rate(closed, total), problemOpen.Count,
            new Rate(problemsClosed, problemOpen.Count), new Rate(onTime, closed), overdue);
    }
}
