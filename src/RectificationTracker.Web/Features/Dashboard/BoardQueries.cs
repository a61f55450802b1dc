using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Dashboard;

public sealed record BoardResult(int RoundId, string RoundName, DateOnly Today, BoardLayout Layout, CampaignFigures Figures);

/// <summary>
/// 挂图作战 for one round: the round's tasks the actor may see, laid out by <see cref="TaskBoard"/>.
/// A round the actor neither runs nor has a visible task in is reported as missing (null).
/// </summary>
public sealed class BoardQueries(IDbContextFactory<TrackerDbContext> dbFactory, UnitDirectory units, Clock clock)
{
    public async Task<BoardResult?> BoardAsync(Actor actor, int roundId, BoardLanes lanes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new { r.Id, r.Name, OfficePath = r.OfficeUnit!.Path })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (round is null)
        {
            return null;
        }

        var tasks = db.Tasks.AsNoTracking().VisibleTo(db, actor).Where(t => t.RoundId == roundId);
        var projection = new TaskFactProjection(db, clock, (await units.AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id));
        var facts = await projection.FactsAsync(tasks, focusPath: null, withMeasure: true, ct).ConfigureAwait(false);
        if (facts.Count == 0 && !(actor.Has(Role.Admin) || actor.InScope(round.OfficePath)))
        {
            return null;
        }

        var today = clock.Today;
        return new BoardResult(round.Id, round.Name, today, TaskBoard.Build(facts, lanes, today), CampaignMetrics.Compute(facts, today));
    }
}
