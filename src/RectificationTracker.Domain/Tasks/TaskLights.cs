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

        var day = new LightDay(today);
        var dueSoon = deadline is { } d && d <= day.DueSoonBy;
        var stale = state == TaskState.InProgress && lastActivityLocalDate is { } last && last <= day.StaleOnOrBefore;
        return dueSoon || stale ? TaskLight.Yellow : TaskLight.Green;
    }

    public static int? DaysOverdue(TaskState state, DateOnly? deadline, DateOnly today) =>
        IsOverdue(state, deadline, today) ? today.DayNumber - deadline!.Value.DayNumber : null;

    /// <summary>The overdue rule (<see cref="IsOverdue"/>) as a query expression, so SQL and code agree.</summary>
    public static Expression<Func<RectificationTask, bool>> OverdueExpression(DateOnly today) =>
        t => t.State != TaskState.Registered && t.State != TaskState.Closed && t.Deadline != null && t.Deadline < today;

    /// <summary>
    /// The rule of <see cref="Compute"/> as a query expression: tasks showing <paramref name="light"/> on
    /// <paramref name="today"/>. The store keeps the last activity as a UTC instant, so the stale-progress
    /// threshold (a local date) is turned into the instant its next local day starts.
    /// </summary>
    public static Expression<Func<RectificationTask, bool>> Showing(TaskLight light, DateOnly today, Func<DateOnly, DateTime> startOfLocalDayUtc)
    {
        ArgumentNullException.ThrowIfNull(startOfLocalDayUtc);
        var day = new LightDay(today);
        var dueSoon = day.DueSoonBy;
        var staleBefore = startOfLocalDayUtc(day.StaleOnOrBefore.AddDays(1));
        return light switch
        {
            TaskLight.None => t => t.State == TaskState.Registered || t.State == TaskState.Closed,
            TaskLight.Red => OverdueExpression(today),
            TaskLight.Yellow => t => t.State != TaskState.Registered && t.State != TaskState.Closed
                && (t.Deadline == null || t.Deadline >= today)
                && ((t.Deadline != null && t.Deadline <= dueSoon)
                    || (t.State == TaskState.InProgress && t.LastProgressAtUtc != null && t.LastProgressAtUtc < staleBefore)),
            _ => t => t.State != TaskState.Registered && t.State != TaskState.Closed
                && (t.Deadline == null || t.Deadline > dueSoon)
                && !(t.State == TaskState.InProgress && t.LastProgressAtUtc != null && t.LastProgressAtUtc < staleBefore),
        };
    }

    public static string DisplayName(TaskLight light) => light switch
    {
        TaskLight.Red => "红灯(逾期)",
        TaskLight.Yellow => "黄灯(临期或久未更新)",
        TaskLight.Green => "绿灯(正常)",
        _ => "—",
    };
}

/// <summary>The thresholds of one local day, shared by the in-memory rule and the query rule.</summary>
public readonly record struct LightDay(DateOnly Today)
{
    /// <summary>Due on or before this date: yellow (due within <see cref="TaskLights.DueSoonDays"/> days).</summary>
    public DateOnly DueSoonBy => Today.AddDays(TaskLights.DueSoonDays);

    /// <summary>Last activity on or before this date: no progress for <see cref="TaskLights.StaleProgressDays"/> days.</summary>
    public DateOnly StaleOnOrBefore => Today.AddDays(-TaskLights.StaleProgressDays);
}
