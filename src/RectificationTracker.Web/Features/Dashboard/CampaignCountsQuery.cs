using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Dashboard;

/// <summary>
/// The current dashboard's figures counted in the database (issue 14): GROUP BY queries with small keys over
/// the caller's scoped, filtered task query, instead of one <see cref="TaskFact"/> per task. The domain computes
/// every figure from the counts (<see cref="CampaignMetrics.Compute(CampaignCounts, DateOnly)"/>); the lights are
/// the domain's query rule (<see cref="LightBand"/>), units are rolled up in C# per unit group
/// (<see cref="TaskFactProjection.ReportingUnit"/>), and only the red list's first rows are read as facts.
/// Provider-neutral LINQ.
/// </summary>
public sealed class CampaignCountsQuery(TrackerDbContext db, Clock clock, IReadOnlyDictionary<int, UnitInfo> units)
{
    /// <summary>
    /// The counts of <paramref name="tasks"/> on <paramref name="today"/>, with the facts of the
    /// <paramref name="redListRows"/> most severe red-list tasks (with their measure text), and how many rounds the tasks are in.
    /// </summary>
    public async Task<(CampaignCounts Counts, int RoundCount)> CountAsync(IQueryable<RectificationTask> tasks, string? focusPath, DateOnly today,
        int redListRows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Expression<Func<RectificationTask, T>> Lit<T>(Expression<Func<RectificationTask, T>> query) =>
            LightBand.Inline(query, today, clock.StartOfLocalDayUtc);

        var byCategory = await tasks
            .Select(Lit(t => new { t.Category, t.State, Light = LightBand.Of(t), Reopened = LightBand.Reopened(t) }))
            .GroupBy(x => new { x.Category, x.State, x.Light, x.Reopened })
            .Select(g => new { g.Key.Category, g.Key.State, g.Key.Light, g.Key.Reopened, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var byUnit = await tasks
            .Select(Lit(t => new { t.ResponsibleUnitId, t.State, Light = LightBand.Of(t) }))
            .GroupBy(x => new { x.ResponsibleUnitId, x.State, x.Light })
            .Select(g => new { g.Key.ResponsibleUnitId, g.Key.State, g.Key.Light, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var byLeader = await tasks
            .Select(Lit(t => new { t.LeadLeaderId, t.LeadLeaderName, t.State, Light = LightBand.Of(t) }))
            .GroupBy(x => new { x.LeadLeaderId, x.LeadLeaderName, x.State, x.Light })
            .Select(g => new { g.Key.LeadLeaderId, g.Key.LeadLeaderName, g.Key.State, g.Key.Light, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var byAspect = await tasks
            .Select(Lit(t => new { t.Problem!.AspectId, t.State, Light = LightBand.Of(t) }))
            .GroupBy(x => new { x.AspectId, x.State, x.Light })
            .Select(g => new { g.Key.AspectId, g.Key.State, g.Key.Light, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var byDates = await tasks
            .GroupBy(t => new { Closed = t.State == TaskState.Closed, t.Deadline, ClosedOn = t.State == TaskState.Closed ? t.ClosedOn : null })
            .Select(g => new { g.Key.Closed, g.Key.Deadline, g.Key.ClosedOn, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var problems = await tasks
            .GroupBy(t => t.ProblemId)
            .Select(g => new { Tasks = g.Count(), Closed = g.Count(t => t.State == TaskState.Closed) })
            .GroupBy(p => new { p.Tasks, p.Closed })
            .Select(g => new { g.Key.Tasks, g.Key.Closed, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);

        var aspectIds = byAspect.Select(a => a.AspectId).Distinct().ToList();
        var aspects = await db.Aspects.AsNoTracking().Where(a => aspectIds.Contains(a.Id))
            .Select(a => new { a.Id, a.RoundId, a.Ordinal, a.Title })
            .ToDictionaryAsync(a => a.Id, ct).ConfigureAwait(false);

        var counts = new CampaignCounts
        {
            ByCategory = byCategory.Select(c => new CategoryCount(c.Category, c.State, (TaskLight)c.Light, c.Reopened, c.Count)).ToList(),
            ByUnit = byUnit.Select(u =>
            {
                var unit = u.ResponsibleUnitId is { } id ? units.GetValueOrDefault(id) : null;
                var (key, name) = unit is null ? (null, null) : TaskFactProjection.ReportingUnit(units, focusPath, unit);
                return new GroupCount(key?.ToString(CultureInfo.InvariantCulture), name ?? "", u.State, (TaskLight)u.Light, u.Count);
            }).ToList(),
            ByLeader = byLeader.Select(l => new GroupCount(l.LeadLeaderId, l.LeadLeaderName ?? "", l.State, (TaskLight)l.Light, l.Count)).ToList(),
            ByAspect = byAspect.Select(a => new GroupCount(a.AspectId.ToString(CultureInfo.InvariantCulture),
                aspects.TryGetValue(a.AspectId, out var x) ? TaskFactProjection.AspectName(x.Ordinal, x.Title) : "", a.State, (TaskLight)a.Light, a.Count)).ToList(),
            ByDates = byDates.Select(d => new DateCount(d.Closed, d.Deadline, d.ClosedOn, d.Count)).ToList(),
            Problems = problems.Select(p => new ProblemCount(p.Tasks, p.Closed, p.Count)).ToList(),
            Outcome = await OutcomeAsync(tasks, ct).ConfigureAwait(false),
            RedListCandidates = await RedListAsync(tasks, focusPath, today, redListRows, ct).ConfigureAwait(false),
        };
        return (counts, aspects.Values.Select(a => a.RoundId).Distinct().Count());
    }

    /// <summary>The outcomes of the last application signed for each closed task, summed in SQL.</summary>
    private async Task<TaskOutcome> OutcomeAsync(IQueryable<RectificationTask> tasks, CancellationToken ct)
    {
        var closed = tasks.Where(t => t.State == TaskState.Closed).Select(t => t.Id);
        var signed = db.ClosureApplications.AsNoTracking().Where(a => a.SignOffApproved == true && a.SignedAtUtc != null);
        var last = signed.Where(a => closed.Contains(a.TaskId) && !signed.Any(b => b.TaskId == a.TaskId && b.Attempt > a.Attempt));
        var sums = await last.GroupBy(a => 1)
            .Select(g => new { Funds = g.Sum(a => a.FundsRecoveredWan), People = g.Sum(a => a.PeopleHeldAccountable) })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (sums is null)
        {
            return TaskOutcome.None;
        }

        var lastIds = last.Select(a => a.Id);
        var rules = await db.RulesMade.AsNoTracking().Where(r => lastIds.Contains(r.ApplicationId))
            .GroupBy(r => r.IsRevision).Select(g => new { Revision = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return new TaskOutcome(sums.Funds, rules.Where(r => !r.Revision).Sum(r => r.Count), rules.Where(r => r.Revision).Sum(r => r.Count), sums.People);
    }

    /// <summary>
    /// The facts of the <paramref name="rows"/> most severe red-list tasks, in the order
    /// <see cref="CampaignMetrics"/> sorts the red list (red first; the longest overdue, then the nearest
    /// deadline, tasks without one last; then by id), which the dashboard's equivalence test holds it to.
    /// </summary>
    private async Task<List<TaskFact>> RedListAsync(IQueryable<RectificationTask> tasks, string? focusPath, DateOnly today, int rows, CancellationToken ct)
    {
        const int red = (int)TaskLight.Red;
        const int yellow = (int)TaskLight.Yellow;
        var top = tasks
            .Select(LightBand.Inline(t => new { Task = t, Light = LightBand.Of(t) }, today, clock.StartOfLocalDayUtc))
            .Where(x => x.Light == red || x.Light == yellow)
            .OrderBy(x => x.Light == red ? 0 : 1).ThenBy(x => x.Task.Deadline == null).ThenBy(x => x.Task.Deadline).ThenBy(x => x.Task.Id)
            .Select(x => x.Task)
            .Take(rows);
        var projection = new TaskFactProjection(db, clock, units);
        return await projection.FactsAsync(top, focusPath, withMeasure: true, ct).ConfigureAwait(false);
    }
}
