using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Dashboard;

/// <summary>
/// Reads <see cref="TaskFact"/>s, the history events and the signed outcomes for an already scoped
/// and filtered task query as flat projections (no entities, no navigation graphs), for the domain's
/// calculators. Dashboard, board and the bulletin read through here so they see the same facts.
/// </summary>
public static class TaskFactProjection
{
    /// <summary>Longest measure text carried into a fact (cards and the red list show a line of it).</summary>
    public const int MeasureLength = 80;

    private sealed record Row(int Id, int RoundId, int ProblemId, int ProblemNumber, int Number, int AspectId, int AspectOrdinal,
        string AspectTitle, string Measure, TaskCategory Category, TaskState State, DateOnly? Deadline, DateOnly? ClosedOn,
        DateTime CreatedAtUtc, DateTime? LastProgressAtUtc, int? UnitId, string? UnitPath, string? UnitName, string? LeadLeaderId,
        string? LeadLeaderName, string? PersonName, int ReopenCount);

    /// <summary>
    /// The current facts of the tasks in <paramref name="tasks"/>. <paramref name="reportingUnit"/> maps a
    /// responsible unit (id, path, name) to the ranking row it is reported under.
    /// </summary>
    public static async Task<List<TaskFact>> FactsAsync(IQueryable<RectificationTask> tasks, Clock clock,
        Func<int?, string?, string?, (int? Id, string? Name)> reportingUnit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(reportingUnit);
        var rows = await tasks.Select(t => new Row(t.Id, t.RoundId, t.ProblemId, t.Problem!.Number, t.Number, t.Problem.AspectId,
                t.Problem.Aspect!.Ordinal, t.Problem.Aspect.Title,
                t.Measure.Length > MeasureLength ? t.Measure.Substring(0, MeasureLength) : t.Measure,
                t.Category, t.State, t.Deadline, t.ClosedOn, t.CreatedAtUtc, t.LastProgressAtUtc,
                t.ResponsibleUnitId, t.ResponsibleUnit!.Path, t.ResponsibleUnit.Name, t.LeadLeaderId, t.LeadLeaderName,
                t.ResponsiblePersonName, t.ReopenCount))
            .ToListAsync(ct).ConfigureAwait(false);
        var facts = new List<TaskFact>(rows.Count);
        foreach (var r in rows)
        {
            var (unitId, unitName) = reportingUnit(r.UnitId, r.UnitPath, r.UnitName);
            facts.Add(new TaskFact
            {
                TaskId = r.Id,
                RoundId = r.RoundId,
                ProblemId = r.ProblemId,
                ProblemNumber = r.ProblemNumber,
                TaskNumber = r.Number,
                AspectId = r.AspectId,
                AspectName = "(" + Domain.Common.ChineseNumerals.Format(Math.Clamp(r.AspectOrdinal, 1, 99)) + ")" + r.AspectTitle,
                Measure = r.Measure,
                Category = r.Category,
                State = r.State,
                Deadline = r.Deadline,
                ClosedOn = r.ClosedOn,
                RegisteredOn = clock.LocalDate(r.CreatedAtUtc),
                LastActivityOn = r.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : null,
                UnitId = unitId,
                UnitName = unitName,
                LeadLeaderId = r.LeadLeaderId,
                LeadLeaderName = r.LeadLeaderName,
                ResponsibleUnitName = r.UnitName,
                ResponsiblePersonName = r.PersonName,
                ReopenCount = r.ReopenCount,
            });
        }

        return facts;
    }

    /// <summary>
    /// Outcome figures of every application a leader signed for the tasks in <paramref name="tasks"/>,
    /// up to the end of <paramref name="until"/> (a local date) when given.
    /// </summary>
    public static async Task<List<SignedOutcome>> SignedOutcomesAsync(TrackerDbContext db, IQueryable<RectificationTask> tasks,
        Clock clock, DateOnly? until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var apps = db.ClosureApplications.AsNoTracking().Where(a => a.SignOffApproved == true && a.SignedAtUtc != null);
        if (until is { } d)
        {
            var cutoff = clock.StartOfLocalDayUtc(d.AddDays(1));
            apps = apps.Where(a => a.SignedAtUtc < cutoff);
        }

        var rows = await apps.Join(tasks, a => a.TaskId, t => t.Id, (a, t) => new
            {
                a.TaskId, a.Attempt, a.SignedAtUtc, a.FundsRecoveredWan, a.PeopleHeldAccountable,
                Made = a.RulesMade.Count(r => !r.IsRevision), Revised = a.RulesMade.Count(r => r.IsRevision),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(r => new SignedOutcome(r.TaskId, r.Attempt, clock.LocalDate(r.SignedAtUtc!.Value),
            new TaskOutcome(r.FundsRecoveredWan, r.Made, r.Revised, r.PeopleHeldAccountable))).ToList();
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

    /// <summary>The task events (state changes and progress reports) of the tasks in <paramref name="tasks"/> up to the end of a local date.</summary>
    public static async Task<List<TaskEvent>> EventsAsync(TrackerDbContext db, IQueryable<RectificationTask> tasks, Clock clock,
        DateOnly until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var cutoff = clock.StartOfLocalDayUtc(until.AddDays(1));
        var actions = TaskEvent.Actions.ToList();
        var rows = await db.History.AsNoTracking()
            .Where(h => h.EntityType == "Task" && actions.Contains(h.Action) && h.AtUtc < cutoff)
            .Join(tasks, h => h.TaskId, t => (int?)t.Id, (h, t) => new { TaskId = h.TaskId!.Value, h.Id, h.AtUtc, h.ToState, h.Action })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(r => new TaskEvent(r.TaskId, r.Id, clock.LocalDate(r.AtUtc), TaskEvent.ParseState(r.ToState),
            TaskEvent.IsProgressActivity(r.Action))).ToList();
    }
}
