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

        const int red = (int)TaskLight.Red;
        const int yellow = (int)TaskLight.Yellow;
        const int green = (int)TaskLight.Green;

        // One pass over every task (on SQLite through IX_Tasks_Dashboard, which covers the grouped columns, the light's
        // columns and the read scope's, in index order without sorting): weighted facts of raw column values.
        var groups = await tasks
            .Select(Lit(t => new
            {
                t.ResponsibleUnitId, t.LeadLeaderId, t.LeadLeaderName, t.Category, t.State, t.ReopenCount, t.Deadline, t.ClosedOn,
                Light = LightBand.Of(t),
            }))
            .GroupBy(x => new { x.ResponsibleUnitId, x.LeadLeaderId, x.LeadLeaderName, x.Category, x.State, x.ReopenCount, x.Deadline, x.ClosedOn })
            .Select(g => new
            {
                g.Key.ResponsibleUnitId, g.Key.LeadLeaderId, g.Key.LeadLeaderName, g.Key.Category, g.Key.State, g.Key.ReopenCount, g.Key.Deadline,
                g.Key.ClosedOn, Count = g.Count(), Red = g.Count(x => x.Light == red), Yellow = g.Count(x => x.Light == yellow),
                Green = g.Count(x => x.Light == green),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        var byAspect = await tasks
            .Select(Lit(t => new { t.Problem!.AspectId, t.State, Light = LightBand.Of(t) }))
            .GroupBy(x => x.AspectId)
            .Select(g => new { AspectId = g.Key, Tasks = g.Count(), Closed = g.Count(x => x.State == TaskState.Closed), Red = g.Count(x => x.Light == red) })
            .ToListAsync(ct).ConfigureAwait(false);
        var problems = await tasks
            .GroupBy(t => t.ProblemId)
            .Select(g => new { Tasks = g.Count(), Closed = g.Count(t => t.State == TaskState.Closed) })
            .GroupBy(p => new { p.Tasks, p.Closed })
            .Select(g => new { g.Key.Tasks, g.Key.Closed, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);

        var aspectIds = byAspect.Select(a => a.AspectId).ToList();
        var aspects = await db.Aspects.AsNoTracking().Where(a => aspectIds.Contains(a.Id))
            .Select(a => new { a.Id, a.RoundId, a.Ordinal, a.Title })
            .ToDictionaryAsync(a => a.Id, ct).ConfigureAwait(false);

        // Units are rolled up to the focus level once per unit, not per task.
        var reporting = units.Values.ToDictionary(u => u.Id, u => TaskFactProjection.ReportingUnit(units, focusPath, u));
        var counts = new CampaignCounts
        {
            Tasks = groups.Select(g =>
            {
                var (unitId, unitName) = g.ResponsibleUnitId is { } id && reporting.TryGetValue(id, out var r) ? r : (null, null);
                return new TaskGroup
                {
                    Count = g.Count,
                    Category = g.Category,
                    State = g.State,
                    ReopenCount = g.ReopenCount,
                    Deadline = g.Deadline,
                    ClosedOn = g.ClosedOn,
                    UnitKey = unitId?.ToString(CultureInfo.InvariantCulture),
                    UnitName = unitName ?? "",
                    LeaderKey = g.LeadLeaderId,
                    LeaderName = g.LeadLeaderName ?? "",
                    Red = g.Red,
                    Yellow = g.Yellow,
                    Green = g.Green,
                };
            }).ToList(),
            ByAspect = byAspect.Select(a => new AspectCount(a.AspectId.ToString(CultureInfo.InvariantCulture),
                aspects.TryGetValue(a.AspectId, out var x) ? TaskFactProjection.AspectName(x.Ordinal, x.Title) : "", a.Tasks, a.Closed, a.Red)).ToList(),
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
        var sums = await last
            .Select(a => new
            {
                a.FundsRecoveredWan, a.PeopleHeldAccountable,
                Made = a.RulesMade.Count(r => !r.IsRevision), Revised = a.RulesMade.Count(r => r.IsRevision),
            })
            .GroupBy(a => 1)
            .Select(g => new
            {
                Funds = g.Sum(a => a.FundsRecoveredWan), People = g.Sum(a => a.PeopleHeldAccountable),
                Made = g.Sum(a => a.Made), Revised = g.Sum(a => a.Revised),
            })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return sums is null ? TaskOutcome.None : new TaskOutcome(sums.Funds, sums.Made, sums.Revised, sums.People);
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
