using RectificationTracker.Domain.History;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>The live numbers of the workflow flowchart for one scope (round and/or unit, within the actor's scope).</summary>
public sealed record FlowchartCounts(
    int Problems,
    int Tasks,
    int ResponsibleUnits,
    IReadOnlyDictionary<TaskState, int> ByState,
    int Overdue,
    int ReturnedFromReview,
    int ReturnedFromSignOff,
    int Reopened)
{
    public int In(TaskState state) => ByState.GetValueOrDefault(state);

    /// <summary>整改完成率 by task, rounded as everywhere else (<see cref="Rate"/>).</summary>
    public Rate Completion => new(In(TaskState.Closed), Tasks);
}

/// <summary>
/// Counts for 巡察整改工作流程图: tasks per state, problems and responsible units of those tasks, overdue
/// items, and how often items went back (returns and reopenings, from the history). The scope is the
/// ledger's own query (<see cref="LedgerQueries"/>), so the chart and the ledger always agree.
/// </summary>
public sealed class FlowchartQueries(IDbContextFactory<TrackerDbContext> dbFactory, LedgerQueries ledger, Clock clock)
{
    public async Task<FlowchartCounts> CountAsync(Actor actor, int? roundId, int? unitId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var tasks = ledger.Filtered(db, actor, new LedgerFilter { RoundId = roundId, UnitId = unitId });
        var today = clock.Today;
        var byState = await tasks.GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct).ConfigureAwait(false);
        var problems = await tasks.Select(t => t.ProblemId).Distinct().CountAsync(ct).ConfigureAwait(false);
        var units = await tasks.Where(t => t.ResponsibleUnitId != null).Select(t => t.ResponsibleUnitId).Distinct().CountAsync(ct).ConfigureAwait(false);
        var overdue = await tasks.Where(TaskLights.OverdueExpression(today)).CountAsync(ct).ConfigureAwait(false);
        var ids = tasks.Select(t => (int?)t.Id);
        var moves = await db.History.AsNoTracking()
            .Where(h => h.EntityType == HistoryEntities.Task && ids.Contains(h.TaskId)
                && (h.Action == nameof(TaskAction.ReturnFromReview) || h.Action == nameof(TaskAction.ReturnFromSignOff) || h.Action == nameof(TaskAction.Reopen)))
            .GroupBy(h => h.Action).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return new FlowchartCounts(problems, byState.Values.Sum(), units, byState, overdue,
            moves.GetValueOrDefault(nameof(TaskAction.ReturnFromReview)),
            moves.GetValueOrDefault(nameof(TaskAction.ReturnFromSignOff)),
            moves.GetValueOrDefault(nameof(TaskAction.Reopen)));
    }
}
