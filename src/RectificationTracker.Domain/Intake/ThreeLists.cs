using System.Globalization;
using System.Text.RegularExpressions;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Intake;

/// <summary>
/// The three lists (问题清单·任务清单·责任清单) as one sheet, one row per task: the columns, in order.
/// The same layout is the template, the export and the import, so a round trip works.
/// </summary>
public static class ThreeListColumns
{
    public const int Aspect = 0;
    public const int ProblemNumber = 1;
    public const int Problem = 2;
    public const int TaskNumber = 3;
    public const int Measure = 4;
    public const int Category = 5;
    public const int LeadLeader = 6;
    public const int ResponsibleUnit = 7;
    public const int CooperatingUnits = 8;
    public const int ResponsiblePerson = 9;
    public const int Deadline = 10;

    public static readonly IReadOnlyList<string> Headers =
        ["方面", "问题序号", "问题", "任务序号", "整改措施", "整改类型", "牵头领导", "责任单位", "配合单位", "责任人", "整改时限"];

    public static readonly IReadOnlyList<string> Categories =
        [TaskNames.DisplayName(TaskCategory.Immediate), TaskNames.DisplayName(TaskCategory.Deadline), TaskNames.DisplayName(TaskCategory.LongTerm)];

    /// <summary>Separators accepted between cooperating units; the export writes "、".</summary>
    public static readonly char[] UnitSeparators = ['、', ',', ',', ';', ';', '\n'];

    /// <summary>"A", "B", … for column <paramref name="index"/> (0-based, fewer than 26 columns).</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();
}

/// <summary>One data row as read: its 1-based row number in the sheet and the text of each column.</summary>
public sealed record ThreeListRow(int RowNumber, IReadOnlyList<string> Cells)
{
    public string this[int column] => column < Cells.Count ? Cells[column].Trim() : "";
}

/// <summary>A problem with one cell of one row: shown to the user as row, column, message.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>What the round and the organisation hold, as the planner needs it.</summary>
public sealed class ThreeListReference
{
    public DateOnly FeedbackDate { get; init; }

    /// <summary>Unit label (as offered in the drop-down) → id; a name shared by several units maps to null.</summary>
    public IReadOnlyDictionary<string, int?> Units { get; init; } = new Dictionary<string, int?>();

    /// <summary>Leader display name → user id; a name shared by several leaders maps to null.</summary>
    public IReadOnlyDictionary<string, string?> Leaders { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<ExistingAspect> Aspects { get; init; } = [];

    public IReadOnlyDictionary<int, ExistingProblem> Problems { get; init; } = new Dictionary<int, ExistingProblem>();

    public IReadOnlyDictionary<(int Problem, int Task), ExistingTask> Tasks { get; init; } = new Dictionary<(int, int), ExistingTask>();
}

public sealed record ExistingAspect(int Id, int Ordinal, string Title);

public sealed record ExistingProblem(int Id, int Number, string Title, int AspectId);

public sealed record ExistingTask(int Id, string Measure, TaskCategory Category, string? LeadLeaderId, int? ResponsibleUnitId,
    IReadOnlyList<int> CooperatingUnitIds, string? ResponsiblePersonName, DateOnly? Deadline, bool IsClosed);

public enum RowAction { Create, Update, Unchanged }

/// <summary>A valid row: the task it creates or updates, with the changed fields for the preview and the history.</summary>
public sealed record PlannedTaskRow(
    int RowNumber, RowAction Action, string AspectTitle, int ProblemNumber, string ProblemTitle, int TaskNumber,
    string Measure, TaskCategory Category, string LeadLeaderId, string LeadLeaderName, int ResponsibleUnitId,
    IReadOnlyList<int> CooperatingUnitIds, string? ResponsiblePersonName, DateOnly? Deadline,
    IReadOnlyList<string> Changes, int? ExistingTaskId, bool NewProblem);

public sealed record ThreeListPlan(IReadOnlyList<ImportError> Errors, IReadOnlyList<PlannedTaskRow> Rows)
{
    public bool IsValid => Errors.Count == 0;

    public int Creates => Rows.Count(r => r.Action == RowAction.Create);

    public int Updates => Rows.Count(r => r.Action == RowAction.Update);
}

/// <summary>
/// Checks every row of an imported three-lists sheet against the round and the organisation and
/// decides, row by row, whether it creates a task or updates the one with the same problem no. and
/// task no. Every error is collected (row, column, Chinese message); the import is all or nothing.
/// </summary>
public static partial class ThreeListPlanner
{
    private static bool TaskColumnsEmpty(ThreeListRow row)
    {
        for (var c = ThreeListColumns.TaskNumber; c <= ThreeListColumns.Deadline; c++)
        {
            if (!string.IsNullOrWhiteSpace(row[c]))
            {
                return false;
            }
        }

        return true;
    }

    public static ThreeListPlan Plan(IEnumerable<ThreeListRow> rows, ThreeListReference reference)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(reference);
        var errors = new List<ImportError>();
        var planned = new List<PlannedTaskRow>();
        var seenKeys = new Dictionary<(int, int), int>();
        var problemTitles = new Dictionary<int, (string Title, int Row)>();
        foreach (var row in rows)
        {
            // A problem of the round listed with its task columns still empty (the pre-filled workbook
            // lists every problem): nothing to create yet, and not an error.
            if (TaskColumnsEmpty(row) && int.TryParse(row[ThreeListColumns.ProblemNumber], NumberStyles.None, CultureInfo.InvariantCulture, out var listed)
                && reference.Problems.ContainsKey(listed))
            {
                continue;
            }

            var rowErrors = new List<ImportError>();
            void Error(int column, string message) => rowErrors.Add(new ImportError(row.RowNumber, ThreeListColumns.Headers[column], message));

            var problemNumber = PositiveInt(row[ThreeListColumns.ProblemNumber], ThreeListColumns.ProblemNumber, "问题序号", Error);
            var taskNumber = PositiveInt(row[ThreeListColumns.TaskNumber], ThreeListColumns.TaskNumber, "任务序号", Error);
            ExistingProblem? existingProblem = null;
            if (problemNumber is { } pn)
            {
                reference.Problems.TryGetValue(pn, out existingProblem);
            }

            var aspectTitle = StripOrdinal(row[ThreeListColumns.Aspect]);
            var problemTitle = row[ThreeListColumns.Problem];
            if (existingProblem is null)
            {
                if (aspectTitle.Length == 0)
                {
                    Error(ThreeListColumns.Aspect, "新问题须填写所属方面。");
                }

                if (problemTitle.Length == 0)
                {
                    Error(ThreeListColumns.Problem, "新问题须填写问题内容。");
                }
            }

            if (problemTitle.Length > SchemaLimits.TitleLength)
            {
                Error(ThreeListColumns.Problem, $"问题内容不能超过 {SchemaLimits.TitleLength} 字。");
            }

            if (aspectTitle.Length > SchemaLimits.TitleLength)
            {
                Error(ThreeListColumns.Aspect, $"方面标题不能超过 {SchemaLimits.TitleLength} 字。");
            }

            if (problemNumber is { } n && problemTitle.Length > 0)
            {
                if (problemTitles.TryGetValue(n, out var earlier) && !string.Equals(earlier.Title, problemTitle, StringComparison.Ordinal))
                {
                    Error(ThreeListColumns.Problem, $"问题序号 {n} 在第 {earlier.Row} 行的问题内容与本行不一致。");
                }
                else
                {
                    problemTitles.TryAdd(n, (problemTitle, row.RowNumber));
                }
            }

            var measure = row[ThreeListColumns.Measure];
            if (measure.Length == 0)
            {
                Error(ThreeListColumns.Measure, "请填写整改措施。");
            }
            else if (measure.Length > SchemaLimits.LongTextLength)
            {
                Error(ThreeListColumns.Measure, "整改措施过长。");
            }

            TaskCategory? category = row[ThreeListColumns.Category] switch
            {
                "" => null,
                var c when c == ThreeListColumns.Categories[0] => TaskCategory.Immediate,
                var c when c == ThreeListColumns.Categories[1] => TaskCategory.Deadline,
                var c when c == ThreeListColumns.Categories[2] => TaskCategory.LongTerm,
                _ => (TaskCategory)(-1),
            };
            if (category is null)
            {
                Error(ThreeListColumns.Category, "请填写整改类型(立行立改、限期整改或长期整改)。");
            }
            else if ((int)category.Value < 0)
            {
                Error(ThreeListColumns.Category, $"整改类型“{row[ThreeListColumns.Category]}”无效,应为立行立改、限期整改或长期整改。");
                category = null;
            }

            var leaderName = row[ThreeListColumns.LeadLeader];
            string? leaderId = null;
            if (leaderName.Length == 0)
            {
                Error(ThreeListColumns.LeadLeader, "请填写牵头领导。");
            }
            else if (!reference.Leaders.TryGetValue(leaderName, out leaderId))
            {
                Error(ThreeListColumns.LeadLeader, $"牵头领导“{leaderName}”不存在或不是领导角色,请从下拉列表中选择。");
            }
            else if (leaderId is null)
            {
                Error(ThreeListColumns.LeadLeader, $"有多位领导名为“{leaderName}”,请联系管理员区分后再导入。");
            }

            var unitId = Unit(row[ThreeListColumns.ResponsibleUnit], ThreeListColumns.ResponsibleUnit, "责任单位", required: true, reference, Error);
            var cooperating = new List<int>();
            foreach (var name in row[ThreeListColumns.CooperatingUnits].Split(ThreeListColumns.UnitSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Unit(name, ThreeListColumns.CooperatingUnits, "配合单位", required: false, reference, Error) is { } id)
                {
                    if (id == unitId)
                    {
                        Error(ThreeListColumns.CooperatingUnits, "配合单位不能与责任单位相同。");
                    }
                    else if (!cooperating.Contains(id))
                    {
                        cooperating.Add(id);
                    }
                }
            }

            var person = row[ThreeListColumns.ResponsiblePerson];
            if (person.Length > SchemaLimits.NameLength)
            {
                Error(ThreeListColumns.ResponsiblePerson, $"责任人不能超过 {SchemaLimits.NameLength} 字。");
            }

            DateOnly? deadline = null;
            var deadlineText = row[ThreeListColumns.Deadline];
            if (deadlineText.Length == 0)
            {
                if (category is not TaskCategory.LongTerm)
                {
                    Error(ThreeListColumns.Deadline, "请填写整改时限(长期整改可不填)。");
                }
            }
            else if (ParseDate(deadlineText) is not { } date)
            {
                Error(ThreeListColumns.Deadline, $"整改时限“{deadlineText}”不是有效日期,请按 2026-06-30 的格式填写。");
            }
            else if (date < reference.FeedbackDate)
            {
                Error(ThreeListColumns.Deadline, $"整改时限不能早于反馈日期({reference.FeedbackDate:yyyy-MM-dd})。");
            }
            else
            {
                deadline = date;
            }

            if (problemNumber is { } p && taskNumber is { } t)
            {
                if (seenKeys.TryGetValue((p, t), out var firstRow))
                {
                    Error(ThreeListColumns.TaskNumber, $"与第 {firstRow} 行重复:问题序号 {p}、任务序号 {t} 只能出现一次。");
                }
                else
                {
                    seenKeys[(p, t)] = row.RowNumber;
                }
            }

            if (rowErrors.Count > 0 || problemNumber is null || taskNumber is null || category is null || leaderId is null || unitId is null)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            reference.Tasks.TryGetValue((problemNumber.Value, taskNumber.Value), out var existing);
            var changes = new ChangeList();
            var action = RowAction.Create;
            if (existing is not null)
            {
                changes.Compare("整改措施", existing.Measure, measure)
                    .Compare("整改类型", TaskNames.DisplayName(existing.Category), TaskNames.DisplayName(category.Value))
                    .CompareShowingNew("牵头领导", existing.LeadLeaderId, leaderId, leaderName)
                    .CompareShowingNew("责任单位", Id(existing.ResponsibleUnitId), Id(unitId), row[ThreeListColumns.ResponsibleUnit])
                    .CompareShowingNew("配合单位", string.Join(",", existing.CooperatingUnitIds.Order()), string.Join(",", cooperating.Order()), row[ThreeListColumns.CooperatingUnits])
                    .Compare("责任人", existing.ResponsiblePersonName, person)
                    .Compare("整改时限", existing.Deadline, deadline);
                action = changes.IsEmpty ? RowAction.Unchanged : RowAction.Update;
                if (existing.IsClosed && action == RowAction.Update)
                {
                    errors.Add(new ImportError(row.RowNumber, ThreeListColumns.Headers[ThreeListColumns.TaskNumber], "该任务已销号,不能通过导入修改;如需继续整改,请先重新挂账。"));
                    continue;
                }
            }

            planned.Add(new PlannedTaskRow(row.RowNumber, action,
                existingProblem is null ? aspectTitle : "", problemNumber.Value,
                existingProblem?.Title ?? problemTitle, taskNumber.Value, measure, category.Value, leaderId, leaderName, unitId.Value,
                cooperating, person.Length == 0 ? null : person, deadline, changes.Lines, existing?.Id, existingProblem is null));
        }

        if (errors.Count == 0 && planned.Count == 0)
        {
            errors.Add(new ImportError(0, "", "表格中没有数据行:请从第 2 行起每行填写一项整改任务。"));
        }

        return new ThreeListPlan(errors, planned);
    }

    /// <summary>
    /// A date as people type it into a sheet (2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日) or as Excel
    /// stores it (a serial day number).
    /// </summary>
    public static DateOnly? ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return serial is >= 1 and < 2958466 && serial == Math.Floor(serial)
                ? DateOnly.FromDateTime(DateTime.FromOADate(serial))
                : null;
        }

        var m = DateRegex().Match(t);
        if (!m.Success)
        {
            return null;
        }

        var y = int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
        var mo = int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var d = int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        return y is >= 1900 and <= 9999 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)
            ? new DateOnly(y, mo, d)
            : null;
    }

    /// <summary>"(一)贯彻落实…" → "贯彻落实…": the sheet may carry the aspect's label or only its title.</summary>
    public static string StripOrdinal(string aspect)
    {
        ArgumentNullException.ThrowIfNull(aspect);
        return AspectLabelRegex().Replace(aspect.Trim(), "").Trim();
    }

    private static int? PositiveInt(string text, int column, string what, Action<int, string> error)
    {
        if (text.Length == 0)
        {
            error(column, $"请填写{what}。");
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == Math.Floor(value) && value is >= 1 and <= 100_000)
        {
            return (int)value;
        }

        error(column, $"{what}“{text}”应为正整数。");
        return null;
    }

    private static int? Unit(string name, int column, string what, bool required, ThreeListReference reference, Action<int, string> error)
    {
        if (name.Length == 0)
        {
            if (required)
            {
                error(column, $"请填写{what}。");
            }

            return null;
        }

        if (!reference.Units.TryGetValue(name, out var id))
        {
            error(column, $"{what}“{name}”不存在,请从下拉列表中选择。");
            return null;
        }

        if (id is null)
        {
            error(column, $"有多个单位名为“{name}”,请从下拉列表中选择带上级单位的名称。");
        }

        return id;
    }

    private static string Id(int? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "";

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?$")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*")]
    private static partial Regex AspectLabelRegex();
}
