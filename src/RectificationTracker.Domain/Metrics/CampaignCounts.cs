using System.Globalization;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// A weighted fact: <see cref="Count"/> tasks that share every value below, with how many of them show each light
/// (<see cref="TaskLights"/> on the day the counts are for; the rest show none). A store reads these with one
/// GROUP BY instead of one row per task.
/// </summary>
public sealed record TaskGroup
{
    public int Count { get; init; }

    public TaskCategory Category { get; init; }

    public TaskState State { get; init; }

    public int ReopenCount { get; init; }

    public DateOnly? Deadline { get; init; }

    /// <summary>Only read when <see cref="State"/> is Closed (as <see cref="TaskFact.ClosedOn"/>).</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>The reporting unit's row (<see cref="TaskFact.UnitId"/> as text); null: in no unit's row.</summary>
    public string? UnitKey { get; init; }

    public string UnitName { get; init; } = "";

    /// <summary>The lead leader's row; null: in no leader's row.</summary>
    public string? LeaderKey { get; init; }

    public string LeaderName { get; init; } = "";

    public int Red { get; init; }

    public int Yellow { get; init; }

    public int Green { get; init; }

    public TaskTally Tally => new(0, State, Deadline, ClosedOn);
}

/// <summary>The tasks of one aspect (问题方面): how many, how many closed, how many overdue (red).</summary>
public sealed record AspectCount(string Key, string Name, int Tasks, int Closed, int Overdue);

/// <summary>Problems counted by how many tasks they have in the set and how many of those are closed.</summary>
public sealed record ProblemCount(int Tasks, int Closed, int Count);

/// <summary>
/// What <see cref="CampaignMetrics.Compute(CampaignCounts, DateOnly)"/> needs: the tasks as weighted facts
/// (<see cref="TaskGroup"/>), per aspect and per problem, the outcome totals of closed tasks, and the candidates
/// for the red list. <see cref="Of"/> counts a list of facts the same way, so the per-fact and the grouped path
/// share every rule and calculation.
/// </summary>
public sealed record CampaignCounts
{
    /// <summary>Every task once.</summary>
    public IReadOnlyList<TaskGroup> Tasks { get; init; } = [];

    /// <summary>Every task once, by aspect.</summary>
    public IReadOnlyList<AspectCount> ByAspect { get; init; } = [];

    /// <summary>Every problem with tasks in the set once.</summary>
    public IReadOnlyList<ProblemCount> Problems { get; init; } = [];

    /// <summary>Sum of the outcomes of the closed tasks (the last application signed for each).</summary>
    public TaskOutcome Outcome { get; init; } = TaskOutcome.None;

    /// <summary>
    /// Facts of red-list tasks: all of them, or the most severe ones first (a store reads only the rows it shows).
    /// Tasks without a red or yellow light are ignored. The red list's length comes from <see cref="Tasks"/>.
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
            Tasks = lights.Select(x => new TaskGroup
            {
                Count = 1,
                Category = x.Fact.Category,
                State = x.Fact.State,
                ReopenCount = x.Fact.ReopenCount,
                Deadline = x.Fact.Deadline,
                ClosedOn = x.Fact.ClosedOn,
                UnitKey = x.Fact.UnitId?.ToString(CultureInfo.InvariantCulture),
                UnitName = x.Fact.UnitName ?? "",
                LeaderKey = x.Fact.LeadLeaderId,
                LeaderName = x.Fact.LeadLeaderName ?? "",
                Red = x.Light == TaskLight.Red ? 1 : 0,
                Yellow = x.Light == TaskLight.Yellow ? 1 : 0,
                Green = x.Light == TaskLight.Green ? 1 : 0,
            }).ToList(),
            ByAspect = lights.GroupBy(x => x.Fact.AspectId)
                .Select(g => new AspectCount(g.Key.ToString(CultureInfo.InvariantCulture), g.First().Fact.AspectName, g.Count(),
                    g.Count(x => x.Fact.IsClosed), g.Count(x => x.Light == TaskLight.Red))).ToList(),
            Problems = facts.GroupBy(f => f.ProblemId)
                .Select(g => (Tasks: g.Count(), Closed: g.Count(f => f.IsClosed)))
                .GroupBy(p => p).Select(g => new ProblemCount(g.Key.Tasks, g.Key.Closed, g.Count())).ToList(),
            Outcome = outcome,
            RedListCandidates = lights.Where(x => x.Light is TaskLight.Red or TaskLight.Yellow).Select(x => x.Fact).ToList(),
        };
    }
}
