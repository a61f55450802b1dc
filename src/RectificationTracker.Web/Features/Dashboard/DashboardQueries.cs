using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Dashboard;

/// <summary>What the dashboard shows: the figures, the date they are for, and how units are ranked.</summary>
public sealed record DashboardResult(CampaignFigures Figures, DateOnly Date, bool IsAsOf, string FocusUnitName, int RoundCount);

/// <summary>
/// The supervisors' dashboard: the tasks in the actor's scope (the ledger's own scoped, filtered query,
/// so a drill-down lists exactly the tasks counted), projected to facts and computed by
/// <see cref="CampaignMetrics"/>; for an as-of date the facts are first replayed from the history.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<TrackerDbContext> dbFactory, LedgerQueries ledger, UnitDirectory units, Clock clock)
{
    public async Task<DashboardResult> FiguresAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var facts = await FactsAsync(actor, filter, ct).ConfigureAwait(false);
        var date = filter.AsOf is { } d && d < clock.Today ? d : clock.Today;
        var focus = await FocusAsync(actor, filter, ct).ConfigureAwait(false);
        return new DashboardResult(CampaignMetrics.Compute(facts, date), date, date < clock.Today, focus.Name,
            facts.Select(f => f.RoundId).Distinct().Count());
    }

    /// <summary>
    /// The facts behind the figures: current, or as they stood at the end of <see cref="DashboardFilter.AsOf"/>
    /// when that is before today. The progress bulletin reads the same facts.
    /// </summary>
    public async Task<List<TaskFact>> FactsAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var focus = await FocusAsync(actor, filter, ct).ConfigureAwait(false);
        var all = (await units.AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id);
        (int?, string?) Reporting(int? id, string? path, string? name)
        {
            var rid = UnitRollup.ReportingUnitId(focus.Path, path);
            return (rid, rid is { } r && all.TryGetValue(r, out var u) ? u.Name : name);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var tasks = ledger.Filtered(db, actor, filter.ToLedger());
        var facts = await TaskFactProjection.FactsAsync(tasks, clock, Reporting, ct).ConfigureAwait(false);
        var today = clock.Today;
        if (filter.AsOf is { } asOf && asOf < today)
        {
            var events = await TaskFactProjection.EventsAsync(db, tasks, clock, asOf, ct).ConfigureAwait(false);
            var signed = await TaskFactProjection.SignedOutcomesAsync(db, tasks, clock, asOf, ct).ConfigureAwait(false);
            return AsOf.Reconstruct(facts, events, signed, asOf).ToList();
        }

        var outcomes = await TaskFactProjection.SignedOutcomesAsync(db, tasks.Where(t => t.State == Domain.Tasks.TaskState.Closed),
            clock, null, ct).ConfigureAwait(false);
        TaskFactProjection.AttachCurrentOutcomes(facts, outcomes);
        return facts;
    }

    /// <summary>The unit whose next level is ranked: the filtered unit, else the actor's own (everything for an administrator).</summary>
    private async Task<(string Path, string Name)> FocusAsync(Actor actor, DashboardFilter filter, CancellationToken ct)
    {
        // A unit outside the actor's scope is not a focus (its tasks are filtered out anyway): not even its name shows.
        if (filter.UnitId is { } id && await units.FindAsync(id, ct).ConfigureAwait(false) is { } unit
            && (actor.Has(Role.Admin) || actor.InScope(unit.Path)))
        {
            return (unit.Path, unit.Name);
        }

        if (actor.Has(Role.Admin))
        {
            return ("/", "全部单位");
        }

        return (actor.UnitPath, (await units.FindAsync(actor.UnitId, ct).ConfigureAwait(false))?.Name ?? "");
    }
}
