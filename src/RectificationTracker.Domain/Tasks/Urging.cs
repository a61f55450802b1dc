using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Domain.Tasks;

/// <summary>催办: a message from the round's office (or the task's lead leader) urging the owner of an overdue or stale task.</summary>
public class Urging
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public DateTime AtUtc { get; set; }

    public string ById { get; set; } = "";

    public string ByName { get; set; } = "";

    public string Message { get; set; } = "";

    /// <summary>Why the task qualified when it was urged.</summary>
    public UrgeGround Ground { get; set; }

    /// <summary>Who was urged, as the task named them then: the responsible unit and person.</summary>
    public string? ToUnitName { get; set; }

    public string? ToPersonName { get; set; }
}

/// <summary>Why a task may be urged.</summary>
public enum UrgeGround
{
    /// <summary>逾期: past its deadline.</summary>
    Overdue,

    /// <summary>久未更新: no progress for <see cref="UrgingPolicy.StaleDays"/> days.</summary>
    Stale,
}

/// <summary>The configurable part of the urging rules (<c>Tracker:Urging</c>).</summary>
public sealed record UrgingPolicy
{
    /// <summary>A task in progress with no progress report (or assignment, return, reopen) for this many days is stale.</summary>
    public int StaleDays { get; init; } = TaskLights.StaleProgressDays;

    public static readonly UrgingPolicy Default = new();
}

/// <summary>The rules of 催办: who may urge, which tasks qualify, and when the owner has answered an urging.</summary>
public static class UrgingRules
{
    public const int MessageMaxLength = 500;

    /// <summary>
    /// Why the task may be urged now, or null when it may not: only a task in progress (the owner's move) that is
    /// overdue, or whose last activity (<paramref name="lastActivityOn"/>, local date) is <see cref="UrgingPolicy.StaleDays"/>
    /// or more days ago. A task awaiting review or sign-off waits for the office or the leader, not for its owner.
    /// </summary>
    public static UrgeGround? Ground(TaskState state, DateOnly? deadline, DateOnly? lastActivityOn, DateOnly today, UrgingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (state != TaskState.InProgress)
        {
            return null;
        }

        if (TaskLights.IsOverdue(state, deadline, today))
        {
            return UrgeGround.Overdue;
        }

        return lastActivityOn is { } last && last <= today.AddDays(-policy.StaleDays) ? UrgeGround.Stale : null;
    }

    /// <summary>The round's office staff and the task's own lead leader urge; nobody else.</summary>
    public static bool MayUrge(Actor actor, TaskScope scope)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scope);
        return TaskWorkflow.RunsRound(actor, scope)
            || (actor.Has(Role.Leader) && scope.LeadLeaderId is not null
                && string.Equals(actor.UserId, scope.LeadLeaderId, StringComparison.Ordinal));
    }

    /// <summary>Why the actor may not urge the task now, in Chinese; null when they may.</summary>
    public static string? Refusal(Actor actor, TaskScope scope, TaskState state, DateOnly? deadline, DateOnly? lastActivityOn,
        DateOnly today, UrgingPolicy policy)
    {
        if (!MayUrge(actor, scope))
        {
            return "只有负责该轮次的巡察办人员或该任务的牵头领导可以催办。";
        }

        if (state != TaskState.InProgress)
        {
            return $"任务当前状态为“{TaskNames.DisplayName(state)}”,不需要催办责任单位(只有整改中的任务可以催办)。";
        }

        return Ground(state, deadline, lastActivityOn, today, policy) is null
            ? $"任务未逾期,且近 {policy.StaleDays} 天内有整改进展,暂不需要催办。"
            : null;
    }

    /// <summary>
    /// Whether an urging still waits for the owner: the task is in progress and the last urging came after the
    /// owner's last activity (a progress report or an application answers it; the task leaving 整改中 closes it).
    /// </summary>
    public static bool Unanswered(TaskState state, DateTime? lastUrgedAtUtc, DateTime? lastActivityAtUtc) =>
        state == TaskState.InProgress && lastUrgedAtUtc is { } urged && (lastActivityAtUtc is null || urged > lastActivityAtUtc);

    public static string DisplayName(UrgeGround ground) => ground switch
    {
        UrgeGround.Overdue => "逾期",
        UrgeGround.Stale => "久未更新",
        _ => ground.ToString(),
    };

    internal static string CheckedMessage(string? message)
    {
        var text = message?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new DomainException("请填写催办内容。");
        }

        return text.Length > MessageMaxLength ? throw new DomainException($"催办内容不能超过 {MessageMaxLength} 字。") : text;
    }
}
