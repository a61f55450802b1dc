namespace RectificationTracker.Domain.History;

/// <summary>A task as stored: what the replay of its history must agree with.</summary>
public sealed record StoredTask(int Id, string State, DateOnly? ClosedOn, int EvidenceCount, DateTime? LastEvidenceAtUtc);

/// <summary>What the history says of one task: its transitions in order, and its evidence uploads and removals.</summary>
public sealed class TaskHistory
{
    public string? LastState { get; private set; }

    /// <summary>When the last transition into 已销号 was recorded (null if it never closed or was reopened since).</summary>
    public DateTime? ClosedAtUtc { get; private set; }

    public int Uploads { get; private set; }

    public int Removals { get; private set; }

    /// <summary>Apply the next history record of this task, in chain order.</summary>
    public void Apply(string action, string? toState, DateTime atUtc, string closedState)
    {
        if (toState is not null)
        {
            LastState = toState;
            ClosedAtUtc = toState == closedState ? atUtc : null;
        }

        if (action == HistoryActions.Upload)
        {
            Uploads++;
        }
        else if (action == HistoryActions.RemoveEvidence)
        {
            Removals++;
        }
    }
}

/// <summary>
/// Replays the history against the stored tasks: a state, closing date or evidence list changed directly
/// in the database (<c>UPDATE Tasks SET State = …</c>) leaves the chain intact but no longer agrees with it.
/// </summary>
public static class StateReplay
{
    /// <summary>Every disagreement between <paramref name="stored"/> tasks and their <paramref name="history"/>, in Chinese.</summary>
    public static IEnumerable<string> Disagreements(
        IEnumerable<StoredTask> stored, IReadOnlyDictionary<int, TaskHistory> history, string closedState,
        Func<DateTime, DateOnly> localDate, Func<string, string> stateName)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(localDate);
        ArgumentNullException.ThrowIfNull(stateName);
        foreach (var task in stored)
        {
            if (!history.TryGetValue(task.Id, out var h) || h.LastState is null)
            {
                yield return $"任务 #{task.Id} 没有任何状态变更的历史记录。";
                continue;
            }

            if (task.State != h.LastState)
            {
                yield return $"任务 #{task.Id} 的状态为“{stateName(task.State)}”,历史记录为“{stateName(h.LastState)}”。";
            }

            var closedOn = h.ClosedAtUtc is { } at ? localDate(at) : (DateOnly?)null;
            if (task.ClosedOn != closedOn)
            {
                yield return $"任务 #{task.Id} 的销号日期为“{Shown(task.ClosedOn)}”,历史记录为“{Shown(closedOn)}”。";
            }

            if (task.EvidenceCount != h.Uploads - h.Removals)
            {
                yield return $"任务 #{task.Id} 有 {task.EvidenceCount} 份材料,历史记录为上传 {h.Uploads} 份、删除 {h.Removals} 份。";
            }

            if (h.ClosedAtUtc is { } closedAt && task.LastEvidenceAtUtc > closedAt)
            {
                yield return $"任务 #{task.Id} 销号后又出现了材料(销号后材料应冻结)。";
            }
        }
    }

    private static string Shown(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "无";
}
