using System.Linq.Expressions;

namespace RectificationTracker.Domain.Tasks;

/// <summary>红黄绿灯. Derived from deadline, state and the local date; never stored.</summary>
public enum TaskLight
{
    /// <summary>Not on the clock: registered but not assigned, or closed.</summary>
    None,
    Green,
    Yellow,
    Red,
}

public static class TaskLights
{
    public const int DueSoonDays = 7;
    public const int StaleProgressDays = 14;

    public static bool IsOpen(TaskState state) => state is not (TaskState.Registered or TaskState.Closed);

    public static bool IsOverdue(TaskState state, DateOnly? deadline, DateOnly today) =>
        IsOpen(state) && deadline is { } d && d < today;

    /// <summary>
    /// 红: overdue. 黄: due within 7 days, or no progress for 14 days. 绿: on track.
    /// <paramref name="lastActivityLocalDate"/> is the later of the last progress report and the assignment.
    /// </summary>
    public static TaskLight Compute(TaskState state, DateOnly? deadline, DateOnly? lastActivityLocalDate, DateOnly today)
    {
        if (!IsOpen(state))
        {
            return TaskLight.None;
        }

        if (IsOverdue(state, deadline, today))
        {
            return TaskLight.Red;
        }

        var dueSoon = deadline is { } d && d.DayNumber - today.DayNumber <= DueSoonDays;
        var stale = state == TaskState.InProgress
            && lastActivityLocalDate is { } last && today.DayNumber - last.DayNumber >= StaleProgressDays;
        return dueSoon || stale ? TaskLight.Yellow : TaskLight.Green;
    }

    public static int? DaysOverdue(TaskState state, DateOnly? deadline, DateOnly today) =>
        IsOverdue(state, deadline, today) ? today.DayNumber - deadline!.Value.DayNumber : null;

    /// <summary>The same overdue rule as a query expression, so SQL and code agree.</summary>
    public static Expression<Func<RectificationTask, bool>> OverdueExpression(DateOnly today) =>
        t => t.State != TaskState.Registered && t.State != TaskState.Closed && t.Deadline != null && t.Deadline < today;

    public static string DisplayName(TaskLight light) => light switch
    {
        TaskLight.Red => "红灯(逾期)",
        TaskLight.Yellow => "黄灯(临期或久未更新)",
        TaskLight.Green => "绿灯(正常)",
        _ => "—",
    };
}
