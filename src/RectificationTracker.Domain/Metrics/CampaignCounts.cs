using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// Tasks counted by state and light within one row of a breakdown (a reporting unit, a lead leader, an
/// aspect). <see cref="Key"/> is null for tasks that belong to no row (not yet assigned to a unit or leader).
/// Several counts may share a key (e.g. departments rolled up to their county); they are added.
/// </summary>
public sealed record GroupCount(string? Key, string Name, TaskState State, TaskLight Light, int Count);

/// <summary>Tasks counted by category, state, light and whether they were ever reopened (<see cref="ReopenedTasks"/>).</summary>
public sealed record CategoryCount(TaskCategory Category, TaskState State, TaskLight Light, bool Reopened, int Count);

/// <summary>
/// Tasks counted by deadline and closing date: <see cref="ClosedOn"/> is only given for closed tasks
/// (<see cref="Closed"/>), as <see cref="TaskFact.ClosedOn"/> is only read for them.
/// </summary>
public sealed record DateCount(bool Closed, DateOnly? Deadline, DateOnly? ClosedOn, int Count);

/// <summary>Problems counted by how many tasks they have in the set and how many of those are closed.</summary>
public sealed record ProblemCount(int Tasks, int Closed, int Count);

/// <summary>
/// What <see cref="CampaignMetrics.Compute(CampaignCounts, DateOnly)"/> needs: tasks counted in small groups
/// (a store aggregates them with GROUP BY instead of reading one row per task), the outcome totals of closed
/// tasks, and the candidates for the red list. <see cref="Of"/> counts a list of facts the same way, so the
/// per-fact and the grouped path share every rule and calculation.
/// </summary>
public sealed record CampaignCounts
{
    /// <summary>Every task once: the totals, the states, the lights, the categories and the reopened count come from here.</summary>
    public IReadOnlyList<CategoryCount> ByCategory { get; init; } = [];

    public IReadOnlyList<GroupCount> ByUnit { get; init; } = [];

    public IReadOnlyList<GroupCount> ByLeader { get; init; } = [];

    public IReadOnlyList<GroupCount> ByAspect { get; init; } = [];

    /// <summary>Every task once, by deadline and closing date (on-time rate, trend).</summary>
    public IReadOnlyList<DateCount> ByDates { get; init; } = [];

    /// <summary>Every problem with tasks in the set once.</summary>
    public IReadOnlyList<ProblemCount> Problems { get; init; } = [];

    /// <summary>Sum of the outcomes of the closed tasks (the last application signed for each).</summary>
    public TaskOutcome Outcome { get; init; } = TaskOutcome.None;

    /// <summary>
    /// Facts of red-list tasks: all of them, or the most severe ones first (a store reads only the rows it shows).
    /// Tasks without a red or yellow light are ignored. The red list's length comes from <see cref="ByCategory"/>.
    /// </summary>
    public IReadOnlyList<TaskFact> RedListCandidates { get; init; } = [];

    /// <summary>The counts of a list of facts (lights on <paramref name="today"/>); the red-list candidates are all of them.</summary>
    public static CampaignCounts Of(IReadOnlyList<TaskFact> facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var lights = facts.Select(f => (Fact: f, Light: TaskLights.Compute(f.State, f.Deadline, f.LastActivityOn, today))).ToList();
        var outcome = TaskOutcome.None;
        foreach (var f in facts)
        {
            if (f.IsClosed && f.Outcome is { } o)
            {
                outcome = outcome.Add(o);
            }
        }

        return new CampaignCounts
        {
            ByCategory = lights.GroupBy(x => (x.Fact.Category, x.Fact.State, x.Light, Reopened: ReopenedTasks.Includes(x.Fact)))
                .Select(g => new CategoryCount(g.Key.Category, g.Key.State, g.Key.Light, g.Key.Reopened, g.Count())).ToList(),
            ByUnit = Breakdown(lights, f => f.UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture), f => f.UnitName ?? ""),
            ByLeader = Breakdown(lights, f => f.LeadLeaderId, f => f.LeadLeaderName ?? ""),
            ByAspect = Breakdown(lights, f => f.AspectId.ToString(System.Globalization.CultureInfo.InvariantCulture), f => f.AspectName),
            ByDates = facts.GroupBy(f => (f.IsClosed, f.Deadline, ClosedOn: f.IsClosed ? f.ClosedOn : null))
                .Select(g => new DateCount(g.Key.IsClosed, g.Key.Deadline, g.Key.ClosedOn, g.Count())).ToList(),
            Problems = facts.GroupBy(f => f.ProblemId)
                .Select(g => (Tasks: g.Count(), Closed: g.Count(f => f.IsClosed)))
                .GroupBy(p => p).Select(g => new ProblemCount(g.Key.Tasks, g.Key.Closed, g.Count())).ToList(),
            Outcome = outcome,
            RedListCandidates = lights.Where(x => x.Light is TaskLight.Red or TaskLight.Yellow).Select(x => x.Fact).ToList(),
        };
    }

    private static List<GroupCount> Breakdown(List<(TaskFact Fact, TaskLight Light)> lights, Func<TaskFact, string?> key, Func<TaskFact, string> name) =>
        lights.GroupBy(x => (Key: key(x.Fact), Name: name(x.Fact), x.Fact.State, x.Light))
            .Select(g => new GroupCount(g.Key.Key, g.Key.Name, g.Key.State, g.Key.Light, g.Count())).ToList();
}
