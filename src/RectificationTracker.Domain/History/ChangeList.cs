using System.Globalization;

namespace RectificationTracker.Domain.History;

/// <summary>
/// The changed fields of an edit, "label:old → new", built by comparing typed values before and after.
/// The history's text is written for people and is never parsed back.
/// </summary>
public sealed class ChangeList
{
    public const string NoChange = "无字段变化";

    private readonly List<string> _lines = [];

    public bool IsEmpty => _lines.Count == 0;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Record the field when <paramref name="before"/> and <paramref name="after"/> differ (ordinal comparison).</summary>
    public ChangeList Compare(string label, string? before, string? after)
    {
        if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
        {
            _lines.Add($"{label}:{before} → {after}");
        }

        return this;
    }

    public ChangeList Compare(string label, DateOnly? before, DateOnly? after) =>
        Compare(label, Date(before), Date(after));

    /// <summary>
    /// Compare <paramref name="before"/> and <paramref name="after"/> (e.g. ids or a long text) but show the change
    /// as "label → <paramref name="shownAfter"/>" (a name, or "已修改"); without it as "label:old → new".
    /// </summary>
    public ChangeList CompareShowingNew(string label, string? before, string? after, string? shownAfter)
    {
        if (shownAfter is null)
        {
            return Compare(label, before, after);
        }

        if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
        {
            _lines.Add($"{label} → {shownAfter}");
        }

        return this;
    }

    public override string ToString() => IsEmpty ? NoChange : string.Join("\n", _lines);

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
