using RectificationTracker.Domain.History;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Dashboard;

/// <summary>
/// Reads <see cref="TaskFact"/>s, the history events and the signed outcomes for an already scoped
/// and filtered task query as flat projections (no entities, no navigation graphs), for the domain's
/// calculators. Dashboard, board and the progress bulletin read through here so they see the same facts.
/// </summary>
/// <remarks>
/// Scope is decided once, by the task query the caller passes (the ledger's scoped, filtered query).
/// The history and application reads that follow are narrowed by round in SQL and then kept only for
/// the tasks in the facts, so they never need the scope predicate again (which would be evaluated per
/// history row). Unit and aspect names come from small lookups rather than from every row.
/// </remarks>
public sealed class TaskFactProjection(TrackerDbContext db, Clock clock, IReadOnlyDictionary<int, UnitInfo> units)
{
    /// <summary>Longest measure text carried into a fact (cards and the red list show a line of it).</summary>
    public const int MeasureLength = 80;

    /// <summary>Above this many rounds the history and application reads are not narrowed by round.</summary>
    private const int MaxRoundFilter = 500;

    private List<int> _roundIds = [];

    /// <summary>The unit directory the facts' units are named and rolled up from.</summary>
    public IReadOnlyDictionary<int, UnitInfo> Units => units;
    private HashSet<int> _taskIds = [];

    private sealed record Row(int Id, int RoundId, int ProblemId, int ProblemNumber, int Number, int AspectId,
        TaskCategory Category, TaskState State, DateOnly? Deadline, DateOnly? ClosedOn, DateTime CreatedAtUtc,
        DateTime? LastProgressAtUtc, int? UnitId, string? LeadLeaderId, string? LeadLeaderName, string? PersonName, int ReopenCount, int UrgeCount);

    /// <summary>
    /// The current facts of the tasks in <paramref name="tasks"/>. Units are reported under
    /// <see cref="UnitRollup.ReportingUnitId"/> of <paramref name="focusPath"/>, or as themselves when it is null.
    /// The measure text is read only when <paramref name="withMeasure"/> (see <see cref="MeasuresAsync"/>).
    /// </summary>
    public async Task<List<TaskFact>> FactsAsync(IQueryable<RectificationTask> tasks, string? focusPath, bool withMeasure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var rows = await tasks.Select(t => new Row(t.Id, t.RoundId, t.ProblemId, t.Problem!.Number, t.Number, t.Problem.AspectId,
                t.Category, t.State, t.Deadline, t.ClosedOn, t.CreatedAtUtc, t.LastProgressAtUtc,
                t.ResponsibleUnitId, t.LeadLeaderId, t.LeadLeaderName, t.ResponsiblePersonName, t.ReopenCount, t.Urgings.Count))
            .ToListAsync(ct).ConfigureAwait(false);
        _roundIds = rows.Select(r => r.RoundId).Distinct().ToList();
        _taskIds = rows.Select(r => r.Id).ToHashSet();
        var aspects = await db.Aspects.AsNoTracking().Where(a => _roundIds.Contains(a.RoundId))
            .Select(a => new { a.Id, a.Ordinal, a.Title })
            .ToDictionaryAsync(a => a.Id, a => AspectName(a.Ordinal, a.Title), ct)
            .ConfigureAwait(false);
        var measures = withMeasure ? await MeasuresAsync(_taskIds, ct).ConfigureAwait(false) : null;
        var reporting = new Dictionary<int, (int? Id, string? Name)>();
        var facts = new List<TaskFact>(rows.Count);
        foreach (var r in rows)
        {
            var unit = r.UnitId is { } uid ? units.GetValueOrDefault(uid) : null;
            (int? Id, string? Name) report = (null, null);
            if (unit is not null && !reporting.TryGetValue(unit.Id, out report))
            {
                report = ReportingUnit(units, focusPath, unit);
                reporting[unit.Id] = report;
            }

            facts.Add(new TaskFact
            {
                TaskId = r.Id,
                RoundId = r.RoundId,
                ProblemId = r.ProblemId,
                ProblemNumber = r.ProblemNumber,
                TaskNumber = r.Number,
                AspectId = r.AspectId,
                AspectName = aspects.GetValueOrDefault(r.AspectId, ""),
                Measure = measures?.GetValueOrDefault(r.Id) ?? "",
                Category = r.Category,
                State = r.State,
                Deadline = r.Deadline,
                ClosedOn = r.ClosedOn,
                RegisteredOn = clock.LocalDate(r.CreatedAtUtc),
                LastActivityOn = r.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : null,
                UnitId = report.Id,
                UnitName = report.Name,
                LeadLeaderId = r.LeadLeaderId,
                LeadLeaderName = r.LeadLeaderName,
                ResponsibleUnitId = unit?.Id,
                ResponsibleUnitName = unit?.Label,
                ResponsiblePersonName = r.PersonName,
                ReopenCount = r.ReopenCount,
                UrgeCount = r.UrgeCount,
            });
        }

        return facts;
    }

    /// <summary>
    /// The ranking row a responsible unit's tasks are reported under: <see cref="UnitRollup.ReportingUnitId"/> of
    /// <paramref name="focusPath"/> (the unit itself when null) and that unit's label.
    /// </summary>
    public static (int? Id, string? Name) ReportingUnit(IReadOnlyDictionary<int, UnitInfo> units, string? focusPath, UnitInfo unit)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(unit);
        var rid = focusPath is null ? unit.Id : UnitRollup.ReportingUnitId(focusPath, unit.Path);
        return (rid, rid is { } x && units.TryGetValue(x, out var ru) ? ru.Label : unit.Label);
    }

    /// <summary>How an aspect reads, e.g. "(一)贯彻落实上级决策部署不到位".</summary>
    public static string AspectName(int ordinal, string title) =>
        "(" + Domain.Common.ChineseNumerals.Format(Math.Clamp(ordinal, 1, 99)) + ")" + title;

    /// <summary>The first <see cref="MeasureLength"/> characters of the measures of <paramref name="taskIds"/>.</summary>
    public async Task<Dictionary<int, string>> MeasuresAsync(IReadOnlyCollection<int> taskIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count == 0)
        {
            return [];
        }

        // A few hundred ids go into the statement; a whole scope is read by round instead.
        var wanted = taskIds.ToHashSet();
        var q = db.Tasks.AsNoTracking();
        q = wanted.Count <= 1000 ? q.Where(t => wanted.Contains(t.Id)) : q.Where(t => _roundIds.Contains(t.RoundId));
        var rows = await q.Select(t => new { t.Id, Measure = t.Measure.Length > MeasureLength ? t.Measure.Substring(0, MeasureLength) : t.Measure })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.Where(r => wanted.Contains(r.Id)).ToDictionary(r => r.Id, r => r.Measure);
    }

    /// <summary>
    /// Outcome figures of every application a leader signed for the tasks of the last <see cref="FactsAsync"/>,
    /// up to the end of the local date <paramref name="until"/> when given (otherwise of closed tasks only).
    /// </summary>
    public async Task<List<SignedOutcome>> SignedOutcomesAsync(DateOnly? until, CancellationToken ct)
    {
        var tasks = db.Tasks.AsNoTracking();
        if (_roundIds.Count <= MaxRoundFilter)
        {
            tasks = tasks.Where(t => _roundIds.Contains(t.RoundId));
        }

        if (until is null)
        {
            tasks = tasks.Where(t => t.State == TaskState.Closed);
        }

        var apps = db.ClosureApplications.AsNoTracking().Where(a => a.SignOffApproved == true && a.SignedAtUtc != null);
        if (until is { } d)
        {
            var cutoff = clock.StartOfLocalDayUtc(d.AddDays(1));
            apps = apps.Where(a => a.SignedAtUtc < cutoff);
        }

        var signed = apps.Join(tasks, a => a.TaskId, t => t.Id, (a, t) => a);
        var rows = await signed.Select(a => new { a.Id, a.TaskId, a.Attempt, a.SignedAtUtc, a.FundsRecoveredWan, a.PeopleHeldAccountable })
            .ToListAsync(ct).ConfigureAwait(false);
        var rules = await db.RulesMade.AsNoTracking().Join(signed, r => r.ApplicationId, a => a.Id, (r, a) => r)
            .GroupBy(r => r.ApplicationId)
            .Select(g => new { g.Key, Made = g.Count(r => !r.IsRevision), Revised = g.Count(r => r.IsRevision) })
            .ToDictionaryAsync(x => x.Key, ct).ConfigureAwait(false);
        return rows.Where(r => _taskIds.Contains(r.TaskId)).Select(r =>
        {
            rules.TryGetValue(r.Id, out var rm);
            return new SignedOutcome(r.TaskId, r.Attempt, clock.LocalDate(r.SignedAtUtc!.Value),
                new TaskOutcome(r.FundsRecoveredWan, rm?.Made ?? 0, rm?.Revised ?? 0, r.PeopleHeldAccountable));
        }).ToList();
    }

    /// <summary>Attach to each closed fact the outcome of the last application signed for it.</summary>
    public static void AttachCurrentOutcomes(List<TaskFact> facts, IEnumerable<SignedOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var latest = outcomes.GroupBy(o => o.TaskId).ToDictionary(g => g.Key, g => g.MaxBy(o => o.Attempt)!.Outcome);
        for (var i = 0; i < facts.Count; i++)
        {
            if (facts[i].IsClosed && latest.TryGetValue(facts[i].TaskId, out var o))
            {
                facts[i] = facts[i] with { Outcome = o };
            }
        }
    }

    /// <summary>The task events (state changes and progress reports) of the last <see cref="FactsAsync"/>'s tasks up to the end of a local date.</summary>
    public async Task<List<TaskEvent>> EventsAsync(DateOnly until, CancellationToken ct)
    {
        var cutoff = clock.StartOfLocalDayUtc(until.AddDays(1));
        var actions = TaskEvent.Actions.ToList();
        var history = db.History.AsNoTracking()
            .Where(h => h.EntityType == HistoryEntities.Task && h.TaskId != null && actions.Contains(h.Action) && h.AtUtc < cutoff);
        if (_roundIds.Count <= MaxRoundFilter)
        {
            history = history.Where(h => h.RoundId != null && _roundIds.Contains(h.RoundId.Value));
        }

        var rows = await history.Select(h => new { TaskId = h.TaskId!.Value, h.Id, h.AtUtc, h.ToState, h.Action })
            .ToListAsync(ct).ConfigureAwait(false);
        var events = new List<TaskEvent>(rows.Count);
        foreach (var r in rows)
        {
            if (_taskIds.Contains(r.TaskId))
            {
                events.Add(TaskEvent.Of(r.TaskId, r.Id, clock.LocalDate(r.AtUtc), r.Action, r.ToState));
            }
        }

        return events;
    }
}
