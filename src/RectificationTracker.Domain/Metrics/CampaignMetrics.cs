using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// The one place campaign figures are computed, so the dashboard, the 挂图作战 board and the progress
/// bulletin (通报) agree. Everything is computed from tasks counted in small groups (<see cref="CampaignCounts"/>):
/// the current dashboard has the database count them (GROUP BY), the board, the bulletin and the as-of dashboard
/// pass <see cref="TaskFact"/>s, which <see cref="CampaignCounts.Of"/> counts the same way.
/// Pure: no storage, no clock (the local date is passed in).
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

    /// <summary>The figures of a list of facts: counted by <see cref="CampaignCounts.Of"/>, then computed as any counts are.</summary>
    public static CampaignFigures Compute(IReadOnlyList<TaskFact> facts, DateOnly today) =>
        Compute(CampaignCounts.Of(facts, today), today);

    /// <summary>
    /// The figures from tasks counted in groups (a store's GROUP BY, or <see cref="CampaignCounts.Of"/> over facts).
    /// The lights in the counts must follow <see cref="TaskLights"/> on <paramref name="today"/>; the red list holds
    /// the red and yellow <see cref="CampaignCounts.RedListCandidates"/>, most severe first, and
    /// <see cref="CampaignFigures.RedListTotal"/> counts all of them.
    /// </summary>
    public static CampaignFigures Compute(CampaignCounts counts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var tasks = counts.Tasks;
        var byState = Enum.GetValues<TaskState>().ToDictionary(s => s, s => tasks.Where(g => g.State == s).Sum(g => g.Count));
        var total = tasks.Sum(g => g.Count);
        var closed = tasks.Where(g => g.Tally.IsClosed).Sum(g => g.Count);
        var onTime = tasks.Where(g => g.Tally.ClosedOnTime).Sum(g => g.Count);
        var longTerm = tasks.Where(g => g.Category == TaskCategory.LongTerm).ToList();
        var redList = counts.RedListCandidates
            .Select(f => (Fact: f, Light: TaskLights.Compute(f.State, f.Deadline, f.LastActivityOn, today)))
            .Where(x => x.Light is TaskLight.Red or TaskLight.Yellow)
            .Select(x => new RedListItem(x.Fact, x.Light, TaskLights.DaysOverdue(x.Fact.State, x.Fact.Deadline, today),
                x.Fact.Deadline is { } d && d >= today ? d.DayNumber - today.DayNumber : null));

        return new CampaignFigures
        {
            Today = today,
            Total = total,
            ByState = byState,
            TaskCompletion = new Rate(closed, total),
            ProblemCompletion = new Rate(counts.Problems.Where(p => p.Closed == p.Tasks).Sum(p => p.Problems), counts.Problems.Sum(p => p.Problems)),
            OnTime = new Rate(onTime, closed),
            ClosedLate = closed - onTime,
            Overdue = tasks.Sum(g => g.Red(today)),
            AtRisk = tasks.Sum(g => g.Yellow),
            LongTerm = new Rate(longTerm.Where(g => g.Tally.IsClosed).Sum(g => g.Count), longTerm.Sum(g => g.Count)),
            Reopened = tasks.Where(g => ReopenedTasks.Includes(g.ReopenCount)).Sum(g => g.Count),
            Outcome = counts.Outcome,
            ByUnit = Groups(tasks.Where(g => g.UnitKey is not null).GroupBy(g => g.UnitKey!, StringComparer.Ordinal)
                .Select(g => Figures(g, g.Key, g.Select(x => x.UnitName), today))),
            ByAspect = Groups(counts.Problems.GroupBy(p => p.AspectKey, StringComparer.Ordinal).Select(a =>
            {
                var (all, closedTasks) = (a.Sum(p => p.Tasks * p.Problems), a.Sum(p => p.Closed * p.Problems));
                return new GroupFigures(a.Key, a.Select(p => p.AspectName).Min(StringComparer.Ordinal) ?? "", all, closedTasks, a.Sum(p => p.Red),
                    new Rate(closedTasks, all), 0);
            }), rank: false),
            ByCategory = Enum.GetValues<TaskCategory>().Select(c => CategoryOf(c, tasks, today)).ToList(),
            ByLeader = Groups(tasks.Where(g => g.LeaderKey is not null).GroupBy(g => g.LeaderKey!, StringComparer.Ordinal)
                .Select(g => Figures(g, g.Key, g.Select(x => x.LeaderName), today))),
            Trend = Trend(tasks, total, today),
            RedList = redList
                .OrderBy(r => r.Light == TaskLight.Red ? 0 : 1)
                .ThenByDescending(r => r.DaysOverdue ?? 0)
                .ThenBy(r => r.DaysLeft ?? int.MaxValue)
                .ThenBy(r => r.Task.TaskId)
                .ToList(),
            RedListTotal = tasks.Sum(g => g.Red(today) + g.Yellow),
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

    private static CategoryFigures CategoryOf(TaskCategory category, IReadOnlyList<TaskGroup> tasks, DateOnly today)
    {
        var mine = tasks.Where(g => g.Category == category).ToList();
        return new CategoryFigures(category, Figures(mine, "", [""], today),
            Enum.GetValues<TaskState>().ToDictionary(s => s, s => mine.Where(g => g.State == s).Sum(g => g.Count)));
    }

    /// <summary>
    /// A breakdown row's figures; overdue is the red light (<see cref="TaskLights.IsOverdue"/>). A key's name: the
    /// first in ordinal order, should its tasks carry more than one (a renamed leader).
    /// </summary>
    private static GroupFigures Figures(IEnumerable<TaskGroup> groups, string key, IEnumerable<string> names, DateOnly today)
    {
        int total = 0, closed = 0, overdue = 0;
        foreach (var g in groups)
        {
            total += g.Count;
            closed += g.Tally.IsClosed ? g.Count : 0;
            overdue += g.Red(today);
        }

        return new GroupFigures(key, names.Min(StringComparer.Ordinal) ?? "", total, closed, overdue, new Rate(closed, total), 0);
    }

    private static List<GroupFigures> Groups(IEnumerable<GroupFigures> rows, bool rank = true)
    {
        // Rows of the same name (aspects of two rounds) in key order, so the order never depends on how rows were read.
        if (!rank)
        {
            return rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Key.Length).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        }

        // Ranking as in bulletins: by completion rate, ties share a place (1, 2, 2, 4); more tasks first among ties.
        var ordered = rows.OrderByDescending(r => r.Completion.Percent ?? -1m).ThenByDescending(r => r.Total)
            .ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Key.Length).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var place = i > 0 && ordered[i].Completion.Percent == ordered[i - 1].Completion.Percent ? ordered[i - 1].Rank : i + 1;
            ordered[i] = ordered[i] with { Rank = place };
        }

        return ordered;
    }

    /// <summary>Weekly closed and due counts; older weeks than <see cref="MaxTrendWeeks"/> are folded into the cumulative start.</summary>
    private static List<TrendPoint> Trend(IReadOnlyList<TaskGroup> tasks, int total, DateOnly today)
    {
        var closedOn = tasks.Where(g => g.Tally.IsClosed && g.ClosedOn is not null).ToList();
        var due = tasks.Where(g => g.Deadline is not null).ToList();
        var shown = due.Select(g => g.Deadline!.Value).Concat(closedOn.Select(g => g.ClosedOn!.Value)).Where(d => d <= today).ToList();
        if (total == 0 || shown.Count == 0)
        {
            return [];
        }

        var lastWeek = WeekStart(today);
        var firstWeek = WeekStart(shown.Min());
        if (firstWeek < lastWeek.AddDays(-7 * (MaxTrendWeeks - 1)))
        {
            firstWeek = lastWeek.AddDays(-7 * (MaxTrendWeeks - 1));
        }

        var closedByWeek = closedOn.GroupBy(g => WeekStart(g.ClosedOn!.Value)).ToDictionary(w => w.Key, w => w.Sum(g => g.Count));
        var dueByWeek = due.GroupBy(g => WeekStart(g.Deadline!.Value)).ToDictionary(w => w.Key, w => w.Sum(g => g.Count));
        var cumulativeClosed = closedByWeek.Where(kv => kv.Key < firstWeek).Sum(kv => kv.Value);
        var cumulativeDue = dueByWeek.Where(kv => kv.Key < firstWeek).Sum(kv => kv.Value);
        var points = new List<TrendPoint>();
        for (var week = firstWeek; week <= lastWeek; week = week.AddDays(7))
        {
            var c = closedByWeek.GetValueOrDefault(week);
            var d = dueByWeek.GetValueOrDefault(week);
            cumulativeClosed += c;
            cumulativeDue += d;
            points.Add(new TrendPoint(week, c, d, cumulativeClosed, cumulativeDue, new Rate(cumulativeClosed, total)));
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

    /// <summary>
    /// Overdue, then at-risk tasks, most severe first: all of them from facts; from grouped counts only the
    /// most severe ones read (the dashboard shows a few). <see cref="RedListTotal"/> counts them all.
    /// </summary>
    public IReadOnlyList<RedListItem> RedList { get; init; } = [];

    /// <summary>How many tasks are on the red list (red and yellow lights), however many <see cref="RedList"/> holds.</summary>
    public int RedListTotal { get; init; }
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
