using System.Globalization;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// A weighted fact: <see cref="Count"/> tasks that share every value below, of which <see cref="Yellow"/> show a
/// yellow light on the day the counts are for (it depends on the last progress, which is not shared). Red
/// follows from the shared values (<see cref="Red"/>); the other open tasks are green. A store reads these with one GROUP BY
/// instead of one row per task.
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

    /// <summary>How many of the tasks show yellow (<see cref="TaskLights.Compute"/>).</summary>
    public int Yellow { get; init; }

    public TaskTally Tally => new(0, State, Deadline, ClosedOn);

    /// <summary>Red is overdue, which state and deadline decide: all of the tasks or none.</summary>
    public int Red(DateOnly today) => TaskLights.IsOverdue(State, Deadline, today) ? Count : 0;
}

/// <summary>
/// <see cref="Problems"/> problems of one aspect (问题方面) that each have <see cref="Tasks"/> tasks in the set, of
/// which <see cref="Closed"/> are closed; <see cref="Red"/> of all their tasks together are overdue.
/// </summary>
public sealed record ProblemGroup(string AspectKey, string AspectName, int Tasks, int Closed, int Problems, int Red);

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

    /// <summary>Every problem with tasks in the set once (and so every task once, by aspect).</summary>
    public IReadOnlyList<ProblemGroup> Problems { get; init; } = [];

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
                Yellow = x.Light == TaskLight.Yellow ? 1 : 0,
            }).ToList(),
            Problems = lights.GroupBy(x => x.Fact.ProblemId)
                .Select(g => new ProblemGroup(g.First().Fact.AspectId.ToString(CultureInfo.InvariantCulture), g.First().Fact.AspectName,
                    g.Count(), g.Count(x => x.Fact.IsClosed), 1, g.Count(x => x.Light == TaskLight.Red)))
                .ToList(),
            Outcome = outcome,
            RedListCandidates = lights.Where(x => x.Light is TaskLight.Red or TaskLight.Yellow).Select(x => x.Fact).ToList(),
        };
    }
}
