using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Domain.Tasks;

/// <summary>
/// The item state machine as a table: (state, action) → next state, and who may take each action.
/// Illegal moves always throw <see cref="Common.DomainException"/>; nothing is silently ignored.
/// </summary>
public static class TaskWorkflow
{
    private static readonly Dictionary<(TaskState From, TaskAction Action), TaskState> Transitions = new()
    {
        [(TaskState.Registered, TaskAction.Assign)] = TaskState.InProgress,
        [(TaskState.InProgress, TaskAction.ApplyForClosure)] = TaskState.AwaitingReview,
        [(TaskState.AwaitingReview, TaskAction.ApproveReview)] = TaskState.AwaitingSignOff,
        [(TaskState.AwaitingReview, TaskAction.ReturnFromReview)] = TaskState.InProgress,
        [(TaskState.AwaitingSignOff, TaskAction.SignOff)] = TaskState.Closed,
        [(TaskState.AwaitingSignOff, TaskAction.ReturnFromSignOff)] = TaskState.InProgress,
        [(TaskState.Closed, TaskAction.Reopen)] = TaskState.InProgress,
        [(TaskState.AwaitingReview, TaskAction.Withdraw)] = TaskState.InProgress,
    };

    private static readonly HashSet<TaskAction> ReasonRequired =
    [
        TaskAction.ReturnFromReview,
        TaskAction.ReturnFromSignOff,
        TaskAction.Reopen,
    ];

    public static IEnumerable<(TaskState From, TaskAction Action, TaskState To)> All =>
        Transitions.Select(t => (t.Key.From, t.Key.Action, t.Value));

    public static bool TryNext(TaskState from, TaskAction action, out TaskState to) =>
        Transitions.TryGetValue((from, action), out to);

    public static bool RequiresReason(TaskAction action) => ReasonRequired.Contains(action);

    /// <summary>
    /// Whether <paramref name="actor"/> holds the authority for <paramref name="action"/> on the task,
    /// regardless of its state: the office runs rounds of units in its scope, the responsible unit
    /// applies, and only the task's own lead leader signs.
    /// </summary>
    public static bool HasAuthority(Actor actor, TaskAction action, TaskScope task) => action switch
    {
        TaskAction.Assign or TaskAction.ApproveReview or TaskAction.ReturnFromReview or TaskAction.Reopen
            => RunsRound(actor, task),
        TaskAction.ApplyForClosure or TaskAction.Withdraw
            => IsOwner(actor, task),
        TaskAction.SignOff or TaskAction.ReturnFromSignOff
            => actor.Has(Role.Leader) && task.LeadLeaderId is not null
               && string.Equals(actor.UserId, task.LeadLeaderId, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Office staff whose unit is, or is above, the round's office unit.</summary>
    public static bool RunsRound(Actor actor, TaskScope task)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(task);
        return actor.RunsRoundOf(task.RoundOfficeUnitPath);
    }

    /// <summary>The responsible unit's users (or the named responsible person) own the task's progress.</summary>
    public static bool IsOwner(Actor actor, TaskScope task) =>
        actor.Has(Role.Unit)
        && (actor.InScope(task.ResponsibleUnitPath)
            || (task.ResponsiblePersonId is not null
                && string.Equals(actor.UserId, task.ResponsiblePersonId, StringComparison.Ordinal)));

    /// <summary>Whether the actor may see the task at all (read access).</summary>
    public static bool CanRead(Actor actor, TaskScope task) =>
        actor.Has(Role.Admin)
        || actor.InScope(task.RoundOfficeUnitPath)
        || actor.InScope(task.ResponsibleUnitPath)
        || task.CooperatingUnitPaths.Any(actor.InScope)
        || string.Equals(actor.UserId, task.LeadLeaderId, StringComparison.Ordinal)
        || string.Equals(actor.UserId, task.ResponsiblePersonId, StringComparison.Ordinal);

    /// <summary>Why the action is not legal now (wrong state or wrong person), or null when it is.</summary>
    public static string? Refusal(Actor actor, TaskAction action, TaskState state, TaskScope task)
    {
        if (!Transitions.ContainsKey((state, action)))
        {
            return $"任务当前状态为“{TaskNames.DisplayName(state)}”,不能执行“{TaskNames.DisplayName(action)}”。";
        }

        return HasAuthority(actor, action, task) ? null : $"您无权对该任务执行“{TaskNames.DisplayName(action)}”。";
    }

    /// <summary>Whether the action is legal now: right state and right person. Drives which buttons show.</summary>
    public static bool Can(Actor actor, TaskAction action, TaskState state, TaskScope task) =>
        Refusal(actor, action, state, task) is null;
}

/// <summary>The facts about a task that decide who may see and act on it.</summary>
public sealed record TaskScope(
    string RoundOfficeUnitPath,
    string? ResponsibleUnitPath,
    IReadOnlyList<string> CooperatingUnitPaths,
    string? LeadLeaderId,
    string? ResponsiblePersonId);
