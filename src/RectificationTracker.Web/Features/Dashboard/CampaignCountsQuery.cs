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

        // One pass over every task (on SQLite through IX_Tasks_Dashboard, which covers the grouped columns, the light's
        // columns and the read scope's, in index order without sorting): weighted facts of raw column values. Only the
        // yellow light needs a count: red follows from state and deadline (TaskGroup.Red).
        var groups = await tasks
            .Select(Lit(today, t => new
            {
                t.ResponsibleUnitId, t.LeadLeaderId, t.LeadLeaderName, t.Category, t.State, t.ReopenCount, t.Deadline, t.ClosedOn,
                Yellow = LightBand.Shows(t, TaskLight.Yellow),
            }))
            .GroupBy(x => new { x.ResponsibleUnitId, x.LeadLeaderId, x.LeadLeaderName, x.Category, x.State, x.ReopenCount, x.Deadline, x.ClosedOn })
            .Select(g => new
            {
                g.Key.ResponsibleUnitId, g.Key.LeadLeaderId, g.Key.LeadLeaderName, g.Key.Category, g.Key.State, g.Key.ReopenCount, g.Key.Deadline,
                g.Key.ClosedOn, Count = g.Count(), Yellow = g.Count(x => x.Yellow),
            })
            .ToListAsync(ct).ConfigureAwait(false);

        // Per problem (through IX_Tasks_Problems, in problem order), then per aspect and problem shape.
        var perProblem = tasks
            .Select(Lit(today, t => new { t.ProblemId, t.State, Red = LightBand.Shows(t, TaskLight.Red) }))
            .GroupBy(x => x.ProblemId)
            .Select(g => new { ProblemId = g.Key, Tasks = g.Count(), Closed = g.Count(x => x.State == TaskState.Closed), Red = g.Count(x => x.Red) });
        var problems = await perProblem
            .Join(db.Problems, x => x.ProblemId, p => p.Id, (x, p) => new { p.AspectId, x.Tasks, x.Closed, x.Red })
            .GroupBy(x => new { x.AspectId, x.Tasks, x.Closed })
            .Select(g => new { g.Key.AspectId, g.Key.Tasks, g.Key.Closed, Problems = g.Count(), Red = g.Sum(x => x.Red) })
            .ToListAsync(ct).ConfigureAwait(false);

        // Every aspect (a few per round; a list of thousands of ids would cost more than the read).
        var aspectIds = problems.Select(a => a.AspectId).ToHashSet();
        var aspects = (await db.Aspects.AsNoTracking().Select(a => new { a.Id, a.RoundId, a.Ordinal, a.Title }).ToListAsync(ct).ConfigureAwait(false))
            .Where(a => aspectIds.Contains(a.Id)).ToDictionary(a => a.Id);

        // Units are rolled up to the focus level once per unit, not per task.
        var reporting = units.Values.ToDictionary(u => u.Id, u => TaskFactProjection.ReportingUnit(units, focusPath, u));
        var taskGroups = groups.Select(g =>
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
                Yellow = g.Yellow,
            };
        }).ToList();
        var counts = new CampaignCounts
        {
            Tasks = taskGroups,
            Problems = problems.Select(p => new ProblemGroup(p.AspectId.ToString(CultureInfo.InvariantCulture),
                aspects.TryGetValue(p.AspectId, out var x) ? TaskFactProjection.AspectName(x.Ordinal, x.Title) : "", p.Tasks, p.Closed, p.Problems, p.Red)).ToList(),
            Outcome = await OutcomeAsync(tasks, ct).ConfigureAwait(false),
            RedListCandidates = await RedListAsync(tasks, taskGroups, focusPath, today, redListRows, ct).ConfigureAwait(false),
        };
        return (counts, aspects.Values.Select(a => a.RoundId).Distinct().Count());
    }

    /// <summary><paramref name="query"/> with the light markers replaced by the domain's rule on <paramref name="today"/> (<see cref="LightBand"/>).</summary>
    private Expression<Func<RectificationTask, T>> Lit<T>(DateOnly today, Expression<Func<RectificationTask, T>> query) =>
        LightBand.Inline(query, today, clock.StartOfLocalDayUtc);

    /// <summary>The outcomes of the last application signed for each closed task, summed in SQL.</summary>
    private async Task<TaskOutcome> OutcomeAsync(IQueryable<RectificationTask> tasks, CancellationToken ct)
    {
        // Driven by the signed applications (IX_ClosureApplications_Outcome covers them), each checked against its task by
        // primary key: a list of the scope's closed task ids would be gathered through every scope index first.
        var closed = tasks.Where(t => t.State == TaskState.Closed);
        var signed = db.ClosureApplications.AsNoTracking().Where(a => a.SignOffApproved == true && a.SignedAtUtc != null);
        var last = signed.Where(a => closed.Any(t => t.Id == a.TaskId) && !signed.Any(b => b.TaskId == a.TaskId && b.Attempt > a.Attempt));
        var sums = await last
            .GroupBy(a => 1)
            .Select(g => new { Funds = g.Sum(a => a.FundsRecoveredWan), People = g.Sum(a => a.PeopleHeldAccountable) })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        // The rules are counted from their own table, each checked against its application: counted per application
        // inside the sums, they were two subqueries for each of 245,000 applications at 1,000,000 tasks (3 s on PostgreSQL).
        var rules = await db.RulesMade.AsNoTracking()
            .Where(r => last.Any(a => a.Id == r.ApplicationId))
            .GroupBy(r => r.IsRevision)
            .Select(g => new { IsRevision = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var made = rules.Where(r => !r.IsRevision).Sum(r => r.Count);
        var revised = rules.Where(r => r.IsRevision).Sum(r => r.Count);
        // No signed application in scope (no sums) leaves no rule to count either.
        return sums is null ? TaskOutcome.None : new TaskOutcome(sums.Funds, made, revised, sums.People);
    }

    /// <summary>
    /// The facts of the <paramref name="rows"/> most severe red-list tasks, in the order <see cref="CampaignMetrics"/>
    /// sorts the red list: red first, the longest overdue (earliest deadline) first; then yellow by the nearest deadline,
    /// tasks without one last; then by id. The equivalence test holds this order to the domain's. The groups say how
    /// many red and yellow tasks each deadline has, so the rows shown lie at or before a deadline found from them: the
    /// query reads that range instead of sorting every red and yellow task.
    /// </summary>
    private async Task<List<TaskFact>> RedListAsync(IQueryable<RectificationTask> tasks, IReadOnlyList<TaskGroup> groups, string? focusPath,
        DateOnly today, int rows, CancellationToken ct)
    {
        var reds = groups.Where(g => g.Red(today) > 0).Select(g => (g.Deadline, Count: g.Red(today)));
        var yellows = groups.Where(g => g.Yellow > 0 && g.Deadline is not null).Select(g => (g.Deadline, Count: g.Yellow));
        var redCut = Cutoff(reds, rows);
        var redTotal = groups.Sum(g => g.Red(today));
        var yellowCut = redCut is null ? Cutoff(yellows, rows - redTotal) : null;

        var shown = tasks.Where(redCut is { } rc
            ? Lit(today, t => LightBand.Shows(t, TaskLight.Red) && t.Deadline <= rc)
            : yellowCut is { } yc
                ? Lit(today, t => LightBand.Shows(t, TaskLight.Red) || (LightBand.Shows(t, TaskLight.Yellow) && t.Deadline <= yc))
                : Lit(today, t => LightBand.Shows(t, TaskLight.Red) || LightBand.Shows(t, TaskLight.Yellow)));
        var top = shown
            .OrderBy(Lit(today, t => LightBand.Shows(t, TaskLight.Red) ? 0 : 1))
            .ThenBy(t => t.Deadline == null).ThenBy(t => t.Deadline).ThenBy(t => t.Id)
            .Take(rows);
        var projection = new TaskFactProjection(db, clock, units);
        return await projection.FactsAsync(top, focusPath, withMeasure: true, ct).ConfigureAwait(false);
    }

    /// <summary>The earliest deadline by which <paramref name="wanted"/> tasks are reached, or null if they are not.</summary>
    private static DateOnly? Cutoff(IEnumerable<(DateOnly? Deadline, int Count)> byDeadline, int wanted)
    {
        if (wanted <= 0)
        {
            return null;
        }

        var reached = 0;
        foreach (var (deadline, count) in byDeadline.GroupBy(x => x.Deadline!.Value).Select(g => (g.Key, g.Sum(x => x.Count))).OrderBy(x => x.Key))
        {
            reached += count;
            if (reached >= wanted)
            {
                return deadline;
            }
        }

        return null;
    }
}
