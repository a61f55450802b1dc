using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// The one place campaign figures are computed: the dashboard, the 挂图作战 board and the progress
/// bulletin (通报) all call <see cref="Compute"/> over the same <see cref="TaskFact"/> list, so their
/// numbers agree. Pure: no storage, no clock (the local date is passed in).
/// </summary>
/// <remarks>
/// Definitions:
/// <list type="bullet">
/// <item>整改完成率 by task = closed tasks ÷ all tasks; by problem = problems whose every task is closed ÷ problems.</item>
/// <item>A long-term task (长期整改) closes as 阶段性销号 (stage goal met) and counts as closed.</item>
/// <item>按期完成率 (on-time rate) = tasks closed on or before their deadline ÷ closed tasks; a task closed
///   after its deadline is closed but not on time; a task without a deadline cannot be late.</item>
/// <item>Overdue (逾期) and at-risk (预警, yellow) follow <see cref="TaskLights"/> on <c>today</c>.</item>
/// <item>A reopened task (重新挂账) is not closed: it leaves the closed count and its outcome figures
///   leave the totals until it is closed again.</item>
/// <item>Outcome totals (资金清退、建章立制、追责问责) sum the outcomes of closed tasks.</item>
/// </list>
/// </remarks>
public static class CampaignMetrics
{
    /// <summary>How many weeks the trend shows at most (older weeks are folded into the cumulative start).</summary>
    public const int MaxTrendWeeks = 52;

    public static CampaignFigures Compute(IReadOnlyList<TaskFact> facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var byState = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0);
        var yellow = 0;
        var longTerm = 0;
        var longTermClosed = 0;
        var outcome = TaskOutcome.None;
        var redList = new List<RedListItem>();
        foreach (var f in facts)
        {
            byState[f.State]++;
            if (f.IsClosed && f.Outcome is { } o)
            {
                outcome = outcome.Add(o);
            }

            if (f.Category == TaskCategory.LongTerm)
            {
                longTerm++;
                if (f.IsClosed)
                {
                    longTermClosed++;
                }
            }

            var light = TaskLights.Compute(f.State, f.Deadline, f.LastActivityOn, today);
            if (light == TaskLight.Yellow)
            {
                yellow++;
            }

            if (light is TaskLight.Red or TaskLight.Yellow)
            {
                redList.Add(new RedListItem(f, light, TaskLights.DaysOverdue(f.State, f.Deadline, today),
                    f.Deadline is { } d && d >= today ? d.DayNumber - today.DayNumber : null));
            }
        }

        var progress = ProgressFigures.Of(facts.Select(f => f.Tally), today);

        return new CampaignFigures
        {
            Today = today,
            Total = facts.Count,
            ByState = byState,
            TaskCompletion = progress.TaskCompletion,
            ProblemCompletion = progress.ProblemCompletion,
            OnTime = progress.OnTime,
            ClosedLate = progress.Closed - progress.OnTime.Numerator,
            Overdue = progress.Overdue,
            AtRisk = yellow,
            LongTerm = new Rate(longTermClosed, longTerm),
            Reopened = ReopenedTasks.Count(facts),
            Outcome = outcome,
            ByUnit = Groups(facts.Where(f => f.UnitId is not null), f => f.UnitId!.Value, f => f.UnitName ?? "", today),
            ByAspect = Groups(facts, f => f.AspectId, f => f.AspectName, today, rank: false),
            ByCategory = Enum.GetValues<TaskCategory>().Select(c => CategoryOf(c, facts, today)).ToList(),
            ByLeader = Groups(facts.Where(f => f.LeadLeaderId is not null), f => f.LeadLeaderId!, f => f.LeadLeaderName ?? "", today),
            Trend = Trend(facts, today),
            RedList = redList
                .OrderBy(r => r.Light == TaskLight.Red ? 0 : 1)
                .ThenByDescending(r => r.DaysOverdue ?? 0)
                .ThenBy(r => r.DaysLeft ?? int.MaxValue)
                .ThenBy(r => r.Task.TaskId)
                .ToList(),
        };
    }

    /// <summary>Tasks closed (and still closed) between two local dates, inclusive, in closing order: "本期销号".</summary>
    public static IReadOnlyList<TaskFact> ClosedBetween(IEnumerable<TaskFact> facts, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Where(f => f.IsClosed && f.ClosedOn is { } c && c >= from && c <= to)
            .OrderBy(f => f.ClosedOn).ThenBy(f => f.TaskId).ToList();
    }

    /// <summary>Monday of the week <paramref name="date"/> falls in (weeks run Monday to Sunday).</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static CategoryFigures CategoryOf(TaskCategory category, IReadOnlyList<TaskFact> facts, DateOnly today)
    {
        var mine = facts.Where(f => f.Category == category).ToList();
        return new CategoryFigures(category, Figures(mine, today),
            Enum.GetValues<TaskState>().ToDictionary(s => s, s => mine.Count(f => f.State == s)));
    }

    private static GroupFigures Figures(List<TaskFact> mine, DateOnly today)
    {
        var progress = ProgressFigures.Of(mine.Select(f => f.Tally), today);
        return new GroupFigures("", "", progress.Tasks, progress.Closed, progress.Overdue, progress.TaskCompletion, 0);
    }

    private static List<GroupFigures> Groups<TKey>(IEnumerable<TaskFact> facts, Func<TaskFact, TKey> key, Func<TaskFact, string> name,
        DateOnly today, bool rank = true)
        where TKey : notnull
    {
        var rows = facts.GroupBy(key)
            .Select(g =>
            {
                var list = g.ToList();
                return Figures(list, today) with
                {
                    Key = Convert.ToString(g.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    Name = name(list[0]),
                };
            });
        if (!rank)
        {
            return rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        }

        // Ranking as in bulletins: by completion rate, ties share a place (1, 2, 2, 4); more tasks first among ties.
        var ordered = rows.OrderByDescending(r => r.Completion.Percent ?? -1m).ThenByDescending(r => r.Total)
            .ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var place = i > 0 && ordered[i].Completion.Percent == ordered[i - 1].Completion.Percent ? ordered[i - 1].Rank : i + 1;
            ordered[i] = ordered[i] with { Rank = place };
        }

        return ordered;
    }

    private static List<TrendPoint> Trend(IReadOnlyList<TaskFact> facts, DateOnly today)
    {
        var dates = facts.Select(f => f.Deadline).Concat(facts.Select(f => f.IsClosed ? f.ClosedOn : null))
            .OfType<DateOnly>().Where(d => d <= today).ToList();
        if (facts.Count == 0 || dates.Count == 0)
        {
            return [];
        }

        var lastWeek = WeekStart(today);
        var firstWeek = WeekStart(dates.Min());
        if (firstWeek < lastWeek.AddDays(-7 * (MaxTrendWeeks - 1)))
        {
            firstWeek = lastWeek.AddDays(-7 * (MaxTrendWeeks - 1));
        }

        var closedByWeek = facts.Where(f => f.IsClosed && f.ClosedOn is not null).GroupBy(f => WeekStart(f.ClosedOn!.Value))
            .ToDictionary(g => g.Key, g => g.Count());
        var dueByWeek = facts.Where(f => f.Deadline is not null).GroupBy(f => WeekStart(f.Deadline!.Value))
            .ToDictionary(g => g.Key, g => g.Count());
        var cumulativeClosed = closedByWeek.Where(kv => kv.Key < firstWeek).Sum(kv => kv.Value);
        var cumulativeDue = dueByWeek.Where(kv => kv.Key < firstWeek).Sum(kv => kv.Value);
        var points = new List<TrendPoint>();
        for (var week = firstWeek; week <= lastWeek; week = week.AddDays(7))
        {
            var c = closedByWeek.GetValueOrDefault(week);
            var d = dueByWeek.GetValueOrDefault(week);
            cumulativeClosed += c;
            cumulativeDue += d;
            points.Add(new TrendPoint(week, c, d, cumulativeClosed, cumulativeDue, new Rate(cumulativeClosed, facts.Count)));
        }

        return points;
    }
}

/// <summary>Every figure of a campaign (or of the filtered part of one) on one date.</summary>
public sealed record CampaignFigures
{
    /// <summary>The local date the figures are for (today, or the as-of date).</summary>
    public DateOnly Today { get; init; }

    public int Total { get; init; }

    public IReadOnlyDictionary<TaskState, int> ByState { get; init; } = new Dictionary<TaskState, int>();

    public int Closed => ByState.GetValueOrDefault(TaskState.Closed);

    public int InProgress => ByState.GetValueOrDefault(TaskState.InProgress);

    public int AwaitingReview => ByState.GetValueOrDefault(TaskState.AwaitingReview);

    public int AwaitingSignOff => ByState.GetValueOrDefault(TaskState.AwaitingSignOff);

    public int Registered => ByState.GetValueOrDefault(TaskState.Registered);

    /// <summary>Not closed: registered, in progress, awaiting review or sign-off.</summary>
    public int Open => Total - Closed;

    /// <summary>整改完成率 by task.</summary>
    public Rate TaskCompletion { get; init; }

    /// <summary>整改完成率 by problem: a problem is closed when all of its tasks are.</summary>
    public Rate ProblemCompletion { get; init; }

    /// <summary>按期完成率: closed by the deadline ÷ closed.</summary>
    public Rate OnTime { get; init; }

    /// <summary>Closed, but after the deadline.</summary>
    public int ClosedLate { get; init; }

    /// <summary>逾期 (red light).</summary>
    public int Overdue { get; init; }

    /// <summary>预警 (yellow light): due within 7 days or no progress for 14 days.</summary>
    public int AtRisk { get; init; }

    /// <summary>长期整改: stage goal met (阶段性销号) ÷ long-term tasks.</summary>
    public Rate LongTerm { get; init; }

    /// <summary>Tasks that have been reopened at least once (<see cref="ReopenedTasks"/>).</summary>
    public int Reopened { get; init; }

    public TaskOutcome Outcome { get; init; } = TaskOutcome.None;

    /// <summary>Completion by reporting unit, ranked.</summary>
    public IReadOnlyList<GroupFigures> ByUnit { get; init; } = [];

    public IReadOnlyList<GroupFigures> ByAspect { get; init; } = [];

    /// <summary>One row per category (立行立改, 限期整改, 长期整改) with counts by state, for "限期整改30项已完成15项".</summary>
    public IReadOnlyList<CategoryFigures> ByCategory { get; init; } = [];

    /// <summary>Completion by lead leader, ranked.</summary>
    public IReadOnlyList<GroupFigures> ByLeader { get; init; } = [];

    /// <summary>Weekly: closed and due per week, and cumulative completion.</summary>
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];

    /// <summary>Overdue, then at-risk tasks, most severe first.</summary>
    public IReadOnlyList<RedListItem> RedList { get; init; } = [];
}

/// <summary>One row of a breakdown (unit, aspect, leader). <see cref="Rank"/> is 0 where rows are not ranked.</summary>
public sealed record GroupFigures(string Key, string Name, int Total, int Closed, int Overdue, Rate Completion, int Rank)
{
    public int Open => Total - Closed;
}

public sealed record CategoryFigures(TaskCategory Category, GroupFigures Figures, IReadOnlyDictionary<TaskState, int> ByState)
{
    public int Total => Figures.Total;

    public int Closed => Figures.Closed;

    /// <summary>The bulletin's sentence, e.g. "限期整改30项,已完成15项" or "长期整改57项,阶段性销号12项".</summary>
    public string Summary => Category == TaskCategory.LongTerm
        ? $"{TaskNames.DisplayName(Category)}{Total}项,阶段性销号{Closed}项"
        : $"{TaskNames.DisplayName(Category)}{Total}项,已完成{Closed}项";
}

/// <summary>One week (Monday <see cref="WeekStart"/>) of the trend.</summary>
public sealed record TrendPoint(DateOnly WeekStart, int ClosedInWeek, int DueInWeek, int CumulativeClosed, int CumulativeDue, Rate CumulativeCompletion);

/// <summary>A task on the red list: its light, days overdue (red) or days left (yellow).</summary>
public sealed record RedListItem(TaskFact Task, TaskLight Light, int? DaysOverdue, int? DaysLeft);
