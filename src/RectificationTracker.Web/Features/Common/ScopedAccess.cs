using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Common;

/// <summary>
/// "Load within the actor's scope, or record the denied attempt": the one service every handler, query and
/// endpoint uses to load a task or a round by id. A refused attempt (a guessed id, another unit's task, another
/// office's round) is logged one by one and counted in the history in aggregate (<see cref="DeniedAttempts"/>:
/// one row per user, minute and kind); whether the thing exists stays out of the answer, not out of the record.
/// Callers pass their own short-lived context, so the load and their write share it.
/// </summary>
public sealed class ScopedAccess(DeniedAttempts denied, ILogger<ScopedAccess> logger)
{
    /// <summary>What a caller shows for a task that is missing or out of scope (the two look the same).</summary>
    public const string TaskNotFoundMessage = "未找到该任务,或您无权访问。";

    private const string Missing = "对象不存在";
    private const string OutOfScope = "不在其可见范围内";

    /// <summary>
    /// A task the actor may read, with its scope facts (round office, units) and whatever <paramref name="include"/>
    /// adds; null, recorded, otherwise. The refusal is recorded on the task, or on <paramref name="attemptedOn"/>
    /// (e.g. the evidence file asked for); a null <paramref name="taskId"/> means the thing it hangs on is missing.
    /// </summary>
    public async Task<RectificationTask?> TaskAsync(TrackerDbContext db, Actor actor, int? taskId, string attempted, CancellationToken ct,
        Func<IQueryable<RectificationTask>, IQueryable<RectificationTask>>? include = null, bool tracking = true,
        (string EntityType, int EntityId)? attemptedOn = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        RectificationTask? task = null;
        if (taskId is { } id)
        {
            var query = db.Tasks.WithScopeFacts();
            query = include is null ? query : include(query);
            query = tracking ? query : query.AsNoTracking();
            task = await query.FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
            if (task is not null && TaskWorkflow.CanRead(actor, TaskScoping.ScopeOf(task)))
            {
                return task;
            }
        }

        var (entityType, entityId) = attemptedOn ?? (HistoryEntities.Task, taskId ?? 0);
        RecordDenied(actor, entityType, entityId, task, attempted);
        return null;
    }

    /// <summary>
    /// A round the actor's office runs, loaded through <paramref name="rounds"/> (which sets the includes); null, recorded,
    /// otherwise. The refusal is recorded on the round, or on <paramref name="attemptedOn"/> (e.g. the problem a task was for).
    /// </summary>
    public async Task<InspectionRound?> RoundRunByAsync(TrackerDbContext db, IQueryable<InspectionRound> rounds, Actor actor, int roundId,
        string attempted, CancellationToken ct, (string EntityType, int EntityId)? attemptedOn = null)
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
        RecordDenied(actor, entityType, entityId, round?.Id, taskId: null, attempted,
            round is null ? "轮次不存在" : "不是其单位负责整改的轮次或无巡察办角色");
        return null;
    }

    /// <summary>A refused attempt on something of a task (or on a round or unit out of read scope, <paramref name="task"/> null).</summary>
    public void RecordDenied(Actor actor, string entityType, int entityId, RectificationTask? task, string attempted) =>
        RecordDenied(actor, entityType, entityId, task?.RoundId, task?.Id, attempted, task is null ? Missing : OutOfScope);

    /// <summary>Log a refused attempt and count it in the history's aggregate row of its user, minute and kind.</summary>
    public void RecordDenied(Actor actor, string entityType, int entityId, int? roundId, int? taskId, string attempted, string why)
    {
        ArgumentNullException.ThrowIfNull(actor);
        logger.LogWarning("Denied: {UserId} ({UserName}, unit {UnitPath}) attempted {Attempt} on {EntityType} {EntityId}: {Why}",
            actor.UserId, actor.Name, actor.UnitPath, attempted, entityType, entityId, why);
        denied.Record(actor, entityType, entityId, roundId, taskId, attempted, why);
    }
}
