namespace RectificationTracker.Domain.Tasks;

/// <summary>
/// What the 整改进展/完成情况 column of the ledger (销号表, 整改台账, Excel) says for a task.
/// </summary>
/// <remarks>
/// A closed task shows the closure summary that was signed off, not the last interim progress note
/// (which read "2宗正在补办用地手续" next to "已销号"). A long-term task shows the stage it has reached
/// (its workflow step, or 阶段性销号 with the signed summary) before its latest note, since it stays
/// open work after its stage goal is met. Anything else shows its latest progress note.
/// </remarks>
public static class LedgerProgressText
{
    public static string? Of(TaskState state, TaskCategory category, string? signedSummary, string? latestProgress)
    {
        if (state == TaskState.Closed && !string.IsNullOrWhiteSpace(signedSummary))
        {
            return category == TaskCategory.LongTerm
                ? $"【阶段性销号】{signedSummary}(长期整改,持续推进)"
                : $"【销号时整改完成情况】{signedSummary}";
        }

        if (category == TaskCategory.LongTerm && state != TaskState.Registered)
        {
            var stage = $"【长期整改·当前阶段:{TaskNames.DisplayName(state)}】";
            return string.IsNullOrWhiteSpace(latestProgress) ? stage : stage + latestProgress;
        }

        return latestProgress;
    }
}
