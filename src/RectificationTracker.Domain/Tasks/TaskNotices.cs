namespace RectificationTracker.Domain.Tasks;

/// <summary>Why a task appears in someone's notifications (the bell). Ordered by urgency.</summary>
public enum NoticeKind
{
    /// <summary>逾期: an owned open task past its deadline.</summary>
    Overdue,

    /// <summary>被催办: an owned task in progress whose last urging the owner has not answered yet (<see cref="UrgingRules.Unanswered"/>).</summary>
    Urged,

    /// <summary>被退回: an owned task whose closure application was returned; it waits for a new application.</summary>
    Returned,

    /// <summary>待审签: a task this leader leads waits for their sign-off.</summary>
    AwaitingSignOff,

    /// <summary>待审核: a closure application in a round this office runs waits for review.</summary>
    AwaitingReview,

    /// <summary>临期: an owned task in progress due within <see cref="TaskLights.DueSoonDays"/> days.</summary>
    DueSoon,
}

/// <summary>One notification: derived from the tasks' current state and the local date, never stored.</summary>
public sealed record TaskNotice(NoticeKind Kind, int TaskId, int ProblemNumber, int TaskNumber, string Measure, DateOnly? Deadline, int? Days,
    string? Note = null)
{
    public string Code => $"{ProblemNumber}-{TaskNumber}";

    /// <summary>The notice as the bell shows it, e.g. "逾期 12 天" or "3 天后到期".</summary>
    public string Headline => Kind switch
    {
        NoticeKind.Overdue => $"已逾期 {Days} 天",
        NoticeKind.Urged => $"被催办 {Days} 次:{Note}",
        NoticeKind.Returned => "销号申请被退回,请整改后重新申请",
        NoticeKind.AwaitingSignOff => "销号申请待您审签",
        NoticeKind.AwaitingReview => "销号申请待审核",
        NoticeKind.DueSoon => Days == 0 ? "今天到期" : $"{Days} 天后到期",
        _ => "",
    };
}

public static class TaskNotices
{
    /// <summary>What each kind is called in a summary (the daily digest), e.g. "逾期 2 项".</summary>
    public static string KindName(NoticeKind kind) => kind switch
    {
        NoticeKind.Overdue => "逾期",
        NoticeKind.Urged => "被催办",
        NoticeKind.Returned => "被退回",
        NoticeKind.AwaitingSignOff => "待我审签",
        NoticeKind.AwaitingReview => "待审核",
        NoticeKind.DueSoon => $"{TaskLights.DueSoonDays} 天内到期",
        _ => kind.ToString(),
    };

    /// <summary>
    /// The notice a task's owner gets, if any: overdue first; then a returned application (an
    /// in-progress task whose latest application was not approved); then due within 7 days.
    /// </summary>
    public static (NoticeKind Kind, int? Days)? ForOwner(TaskState state, DateOnly? deadline, bool latestApplicationReturned, DateOnly today)
    {
        if (TaskLights.DaysOverdue(state, deadline, today) is { } overdue)
        {
            return (NoticeKind.Overdue, overdue);
        }

        if (state != TaskState.InProgress)
        {
            return null;
        }

        if (latestApplicationReturned)
        {
            return (NoticeKind.Returned, null);
        }

        if (deadline is { } d && d.DayNumber - today.DayNumber is var left && left <= TaskLights.DueSoonDays)
        {
            return (NoticeKind.DueSoon, left);
        }

        return null;
    }

    /// <summary>Most urgent first; within a kind, the most overdue or the soonest due first.</summary>
    public static IReadOnlyList<TaskNotice> Ordered(IEnumerable<TaskNotice> notices) =>
        notices
            .OrderBy(n => n.Kind)
            .ThenBy(n => n.Kind is NoticeKind.Overdue or NoticeKind.Urged ? -(n.Days ?? 0) : 0)
            .ThenBy(n => n.Deadline ?? DateOnly.MaxValue)
            .ThenBy(n => n.TaskId)
            .ToList();
}
