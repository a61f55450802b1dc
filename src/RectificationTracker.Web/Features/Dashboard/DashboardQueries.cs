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
/// so a drill-down lists exactly the tasks counted), counted in groups by the database
/// (<see cref="CampaignCountsQuery"/>) and computed by <see cref="CampaignMetrics"/>; for an as-of date the
/// facts are replayed from the history and computed from them (the progress bulletin reads the same facts).
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<TrackerDbContext> dbFactory, LedgerQueries ledger, UnitDirectory units, Clock clock)
{
    /// <summary>How many red-list items carry their measure text (the dashboard lists the most severe).</summary>
    public const int RedListWithText = 50;

    public async Task<DashboardResult> FiguresAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var focus = await FocusAsync(actor, filter, ct).ConfigureAwait(false);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var projection = await ProjectionAsync(db, ct).ConfigureAwait(false);
        if (filter.AsOf is not { } asOf || asOf >= clock.Today)
        {
            // Today: the database counts the tasks in groups; only the red list's first rows are read (issue 14).
            var today = clock.Today;
            var query = new CampaignCountsQuery(db, clock, projection.Units);
            var (counts, rounds) = await query.CountAsync(ledger.Filtered(db, actor, filter.ToLedger()), focus.Path, today, RedListWithText, ct)
                .ConfigureAwait(false);
            return new DashboardResult(CampaignMetrics.Compute(counts, today), today, false, focus.Name, rounds);
        }

        // A past date: the facts are replayed from the history and computed in memory.
        var facts = await FactsAsync(db, projection, actor, filter, focus.Path, withMeasure: false, ct).ConfigureAwait(false);
        var figures = CampaignMetrics.Compute(facts, asOf);

        // Measures only for the red-list rows that are shown.
        var shown = figures.RedList.Take(RedListWithText).ToList();
        var measures = await projection.MeasuresAsync(shown.Select(r => r.Task.TaskId).ToList(), ct).ConfigureAwait(false);
        figures = figures with
        {
            RedList = shown.Select(r => r with { Task = r.Task with { Measure = measures.GetValueOrDefault(r.Task.TaskId, "") } })
                .Concat(figures.RedList.Skip(RedListWithText)).ToList(),
        };
        return new DashboardResult(figures, asOf, true, focus.Name, facts.Select(f => f.RoundId).Distinct().Count());
    }

    /// <summary>
    /// The facts behind the figures: current, or as they stood at the end of <see cref="DashboardFilter.AsOf"/>
    /// when that is before today. The progress bulletin reads the same facts (with the measure text).
    /// </summary>
    public async Task<List<TaskFact>> FactsAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var focus = await FocusAsync(actor, filter, ct).ConfigureAwait(false);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var projection = await ProjectionAsync(db, ct).ConfigureAwait(false);
        return await FactsAsync(db, projection, actor, filter, focus.Path, withMeasure: true, ct).ConfigureAwait(false);
    }

    private async Task<TaskFactProjection> ProjectionAsync(TrackerDbContext db, CancellationToken ct) =>
        new(db, clock, (await units.AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id));

    private async Task<List<TaskFact>> FactsAsync(TrackerDbContext db, TaskFactProjection projection, Actor actor, DashboardFilter filter,
        string focusPath, bool withMeasure, CancellationToken ct)
    {
        var tasks = ledger.Filtered(db, actor, filter.ToLedger());
        var facts = await projection.FactsAsync(tasks, focusPath, withMeasure, ct).ConfigureAwait(false);
        if (filter.AsOf is { } asOf && asOf < clock.Today)
        {
            var events = await projection.EventsAsync(asOf, ct).ConfigureAwait(false);
            var signed = await projection.SignedOutcomesAsync(asOf, ct).ConfigureAwait(false);
            return AsOf.Reconstruct(facts, events, signed, asOf).ToList();
        }

        TaskFactProjection.AttachCurrentOutcomes(facts, await projection.SignedOutcomesAsync(null, ct).ConfigureAwait(false));
        return facts;
    }

    /// <summary>The unit whose next level is ranked: the filtered unit, else the actor's own (everything for an administrator).</summary>
    private async Task<(string Path, string Name)> FocusAsync(Actor actor, DashboardFilter filter, CancellationToken ct)
    {
        // A unit outside the actor's scope is not a focus (its tasks are filtered out anyway): not even its name shows.
        if (filter.UnitId is { } id && await units.FindAsync(id, ct).ConfigureAwait(false) is { } unit
            && (actor.Has(Role.Admin) || actor.InScope(unit.Path)))
        {
            return (unit.Path, unit.Label);
        }

        if (actor.Has(Role.Admin))
        {
            // One organisation at the top (the usual case): rank the units below it, as its office would see them.
            var roots = (await units.AllAsync(ct).ConfigureAwait(false)).Where(u => u.ParentId is null).ToList();
            return roots.Count == 1 ? (roots[0].Path, roots[0].Label) : ("/", "全部单位");
        }

        return (actor.UnitPath, (await units.FindAsync(actor.UnitId, ct).ConfigureAwait(false))?.Label ?? "");
    }
}
