using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// The flat facts about one task that every figure of the dashboard, the board and the progress
/// bulletin is computed from. A caller projects these from storage (current state) or reconstructs
/// them for a past date with <see cref="AsOf.Reconstruct"/>; the calculators never see entities.
/// </summary>
public sealed record TaskFact
{
    public int TaskId { get; init; }

    public int RoundId { get; init; }

    /// <summary>Problems are counted by id: a problem is closed when all of its tasks (in the list) are.</summary>
    public int ProblemId { get; init; }

    public int ProblemNumber { get; init; }

    public int TaskNumber { get; init; }

    public int AspectId { get; init; }

    /// <summary>How the aspect reads, e.g. "(一)贯彻落实上级决策部署不到位".</summary>
    public string AspectName { get; init; } = "";

    public string Measure { get; init; } = "";

    public TaskCategory Category { get; init; }

    public TaskState State { get; init; }

    public DateOnly? Deadline { get; init; }

    /// <summary>The local date the task was (last) closed; only read when <see cref="State"/> is Closed.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>The local date the task was registered; a task does not exist before it.</summary>
    public DateOnly RegisteredOn { get; init; }

    /// <summary>The later of assignment and the last progress report (drives the "no progress for 14 days" light).</summary>
    public DateOnly? LastActivityOn { get; init; }

    /// <summary>
    /// The unit the task's figures are reported under (a ranking row): usually the responsible unit
    /// rolled up to a level with <see cref="UnitRollup.ReportingUnitId"/>. Null when not yet assigned.
    /// </summary>
    public int? UnitId { get; init; }

    public string? UnitName { get; init; }

    public string? LeadLeaderId { get; init; }

    public string? LeadLeaderName { get; init; }

    public int? ResponsibleUnitId { get; init; }

    /// <summary>The responsible unit's distinct label (<see cref="Organisation.UnitLabels"/>), never a bare shared name.</summary>
    public string? ResponsibleUnitName { get; init; }

    public string? ResponsiblePersonName { get; init; }

    public int ReopenCount { get; init; }

    /// <summary>How many times the owner was urged (催办); the board's cards and the red list show it.</summary>
    public int UrgeCount { get; init; }

    /// <summary>The outcome figures of the application that closed the task; only counted while it is closed.</summary>
    public TaskOutcome? Outcome { get; init; }

    /// <summary>The task's number in the three lists: problem number and task number, e.g. "3-2".</summary>
    public string Code => $"{ProblemNumber}-{TaskNumber}";

    public TaskTally Tally => new(ProblemId, State, Deadline, ClosedOn);

    public bool IsClosed => Tally.IsClosed;

    public bool ClosedOnTime => Tally.ClosedOnTime;
}

/// <summary>整改成果: 资金清退 (万元), 建章立制 (new and revised rules), 追责问责 (people).</summary>
public sealed record TaskOutcome(decimal FundsRecoveredWan, int RulesMade, int RulesRevised, int PeopleHeldAccountable)
{
    public static readonly TaskOutcome None = new(0m, 0, 0, 0);

    public TaskOutcome Add(TaskOutcome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(FundsRecoveredWan + other.FundsRecoveredWan, RulesMade + other.RulesMade,
            RulesRevised + other.RulesRevised, PeopleHeldAccountable + other.PeopleHeldAccountable);
    }
}
