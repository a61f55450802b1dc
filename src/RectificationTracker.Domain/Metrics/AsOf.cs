using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// One task event read from the history (<see cref="History.HistoryEntry"/>): a state transition
/// (<see cref="ToState"/> set) and/or an activity that restarts the 14-day progress clock.
/// <see cref="Sequence"/> is the history's sequence number (the chain order); <see cref="On"/> the local date.
/// </summary>
public sealed record TaskEvent(int TaskId, long Sequence, DateOnly On, TaskState? ToState, bool ResetsProgressClock, bool IsUrging = false)
{
    /// <summary>The event a history record of a task stands for.</summary>
    public static TaskEvent Of(int taskId, long sequence, DateOnly on, string action, string? toState) =>
        new(taskId, sequence, on, ParseState(toState), IsProgressActivity(action), action == HistoryActions.Urge);

    /// <summary>History actions that restart the "no progress" clock, as <see cref="RectificationTask"/> does.</summary>
    public static bool IsProgressActivity(string action) => action is nameof(TaskAction.Assign) or nameof(TaskAction.ApplyForClosure)
        or nameof(TaskAction.ReturnFromReview) or nameof(TaskAction.ReturnFromSignOff) or nameof(TaskAction.Reopen) or nameof(TaskAction.Withdraw) or HistoryActions.Progress;

    /// <summary>The history actions the reconstruction reads (state changes and progress reports).</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        HistoryActions.Register, nameof(TaskAction.Assign), nameof(TaskAction.ApplyForClosure), nameof(TaskAction.ApproveReview),
        nameof(TaskAction.ReturnFromReview), nameof(TaskAction.SignOff), nameof(TaskAction.ReturnFromSignOff),
        nameof(TaskAction.Reopen), nameof(TaskAction.Withdraw), HistoryActions.Progress, HistoryActions.Urge,
    ];

    /// <summary>A history state name ("InProgress") as a state; null for none or an unknown name.</summary>
    public static TaskState? ParseState(string? state) =>
        Enum.TryParse<TaskState>(state, out var s) && Enum.IsDefined(s) ? s : null;
}

/// <summary>The outcome figures of an application that a leader signed (审签同意) on a local date.</summary>
public sealed record SignedOutcome(int TaskId, int Attempt, DateOnly SignedOn, TaskOutcome Outcome);

/// <summary>
/// As-of reconstruction: the facts of every task as they stood at the end of a past local date,
/// replayed from the append-only history, so last month's bulletin figures can be reproduced.
/// </summary>
/// <remarks>
/// Rules (see docs/adr for the reasoning):
/// <list type="bullet">
/// <item>A task exists on the date when it was registered on or before it.</item>
/// <item>Its state is the to-state of its last transition (in history sequence order) on or before the
///   date; a task with no transition by then is 登记 (Registered).</item>
/// <item>If that state is closed, the closing date is the date of the last transition into 已销号, and the
///   outcome is that of the last application signed on or before the date.</item>
/// <item>Reopen and urging counts and the last-activity date (for the yellow light) are counted up to the date.</item>
/// <item>Fields the history records only as edit text (deadline, category, unit, leader) keep their current
///   values: the figures are those of today's plan replayed on the date's states.</item>
/// </list>
/// </remarks>
public static class AsOf
{
    public static IReadOnlyList<TaskFact> Reconstruct(IReadOnlyList<TaskFact> current, IEnumerable<TaskEvent> events,
        IEnumerable<SignedOutcome> outcomes, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(outcomes);
        var byTask = new Dictionary<int, Replay>();
        foreach (var e in events.Where(e => e.On <= date).OrderBy(e => e.Sequence))
        {
            if (!byTask.TryGetValue(e.TaskId, out var r))
            {
                r = new Replay();
                byTask[e.TaskId] = r;
            }

            r.Apply(e);
        }

        var signed = outcomes.Where(o => o.SignedOn <= date)
            .GroupBy(o => o.TaskId)
            .ToDictionary(g => g.Key, g => g.MaxBy(o => (o.SignedOn, o.Attempt))!.Outcome);

        var result = new List<TaskFact>(current.Count);
        foreach (var f in current)
        {
            if (f.RegisteredOn > date)
            {
                continue;
            }

            var r = byTask.GetValueOrDefault(f.TaskId);
            var state = r?.State ?? TaskState.Registered;
            result.Add(f with
            {
                State = state,
                ClosedOn = state == TaskState.Closed ? r!.ClosedOn : null,
                ReopenCount = r?.Reopens ?? 0,
                UrgeCount = r?.Urgings ?? 0,
                LastActivityOn = r?.LastActivity,
                Outcome = state == TaskState.Closed ? signed.GetValueOrDefault(f.TaskId) : null,
            });
        }

        return result;
    }

    private sealed class Replay
    {
        public TaskState State { get; private set; } = TaskState.Registered;

        public DateOnly? ClosedOn { get; private set; }

        public int Reopens { get; private set; }

        public DateOnly? LastActivity { get; private set; }

        public int Urgings { get; private set; }

        public void Apply(TaskEvent e)
        {
            if (e.IsUrging)
            {
                Urgings++;
            }

            if (e.ResetsProgressClock)
            {
                LastActivity = LastActivity is { } last && last > e.On ? last : e.On;
            }

            if (e.ToState is not { } to)
            {
                return;
            }

            if (State == TaskState.Closed && to != TaskState.Closed)
            {
                Reopens++;
            }

            if (to == TaskState.Closed)
            {
                ClosedOn = e.On;
            }

            State = to;
        }
    }
}
