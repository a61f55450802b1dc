using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Features.Common;

/// <summary>
/// "Load within the actor's scope, or record the denied attempt": the one place a refused attempt on
/// something the actor may not reach (a guessed id, another office's round) is logged and written to
/// the history. Whether the thing exists stays out of the answer, not out of the record.
/// </summary>
public static class ScopedAccess
{
    /// <summary>
    /// A round the actor's office runs, loaded through <paramref name="rounds"/> (which sets the includes); null, recorded,
    /// otherwise. The refusal is recorded on the round, or on <paramref name="attemptedOn"/> (e.g. the problem a task was for).
    /// </summary>
    public static async Task<InspectionRound?> RoundRunByAsync(TrackerDbContext db, IQueryable<InspectionRound> rounds, Actor actor, int roundId,
        string attempted, DateTime nowUtc, ILogger logger, CancellationToken ct, (string EntityType, int EntityId)? attemptedOn = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(actor);
        var round = await rounds.Include(r => r.OfficeUnit).FirstOrDefaultAsync(r => r.Id == roundId, ct).ConfigureAwait(false);
        if (round is not null && actor.RunsRoundOf(round.OfficeUnit!.Path))
        {
            return round;
        }

        var (entityType, entityId) = attemptedOn ?? (HistoryEntities.Round, roundId);
        await RecordDeniedAsync(db, actor, entityType, entityId, round?.Id, taskId: null, attempted,
            round is null ? "轮次不存在" : "不是其单位负责整改的轮次或无巡察办角色", nowUtc, logger, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Log and record a refused attempt; a failure to record is logged, never shown.</summary>
    public static async Task RecordDeniedAsync(TrackerDbContext db, Actor actor, string entityType, int entityId, int? roundId, int? taskId,
        string attempted, string why, DateTime nowUtc, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(logger);
        logger.LogWarning("Denied: {UserId} ({UserName}, unit {UnitPath}) attempted {Attempt} on {EntityType} {EntityId}: {Why}",
            actor.UserId, actor.Name, actor.UnitPath, attempted, entityType, entityId, why);
        db.ChangeTracker.Clear();
        db.History.Add(HistoryEntry.For(entityType, entityId, actor, nowUtc, HistoryActions.Denied,
            details: $"{attempted}被拒绝:{why}", roundId: roundId, taskId: taskId));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Recording a denied attempt by {UserId} on {EntityType} {EntityId} failed", actor.UserId, entityType, entityId);
        }
    }
}
