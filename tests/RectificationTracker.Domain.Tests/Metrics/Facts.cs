using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Metrics;

/// <summary>Hand-built task facts for small campaigns with known answers.</summary>
internal static class Facts
{
    public static readonly DateOnly Today = new(2026, 6, 15); // a Monday

    private static int _nextId = 1000;

    public static TaskFact Task(int problem, TaskState state, TaskCategory category = TaskCategory.Deadline,
        DateOnly? deadline = null, DateOnly? closedOn = null, int unit = 1, string leader = "L1", int aspect = 1,
        TaskOutcome? outcome = null, int reopens = 0, DateOnly? lastActivity = null, int? id = null, DateOnly? registered = null)
    {
        var taskId = id ?? Interlocked.Increment(ref _nextId);
        return new TaskFact
        {
            TaskId = taskId,
            RoundId = 1,
            ProblemId = problem,
            ProblemNumber = problem,
            TaskNumber = 1,
            AspectId = aspect,
            AspectName = "方面" + aspect,
            Measure = "整改措施" + taskId,
            Category = category,
            State = state,
            Deadline = deadline ?? (category == TaskCategory.LongTerm ? null : Today.AddDays(30)),
            ClosedOn = state == TaskState.Closed ? closedOn ?? Today.AddDays(-10) : null,
            RegisteredOn = registered ?? new DateOnly(2026, 1, 5),
            LastActivityOn = lastActivity ?? Today.AddDays(-1),
            UnitId = unit,
            UnitName = "单位" + unit,
            ResponsibleUnitId = unit,
            ResponsibleUnitName = "单位" + unit,
            LeadLeaderId = leader,
            LeadLeaderName = "领导" + leader,
            ResponsiblePersonName = "责任人",
            ReopenCount = reopens,
            Outcome = outcome,
        };
    }
}
