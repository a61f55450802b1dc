using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Features.Tasks;

/// <summary>
/// Loads a task with everything its rules need (round office, units, applications) and applies read
/// scope. A task outside the actor's scope is reported exactly like a missing one, and the attempt is
/// recorded in the history and the log.
/// </summary>
public static class TaskLoader
{
    public const string NotFoundMessage = "未找到该任务,或您无权访问。";

    public static IQueryable<RectificationTask> WithScopeFacts(this IQueryable<RectificationTask> tasks) =>
        tasks.Include(t => t.Round).ThenInclude(r => r!.OfficeUnit)
            .Include(t => t.ResponsibleUnit)
            .Include(t => t.CooperatingUnits).ThenInclude(c => c.Unit)
            .AsSplitQuery();

    public static async Task<RectificationTask?> LoadVisibleAsync(TrackerDbContext db, Actor actor, int taskId,
        DateTime nowUtc, ILogger logger, string attempted, bool withApplications = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var query = db.Tasks.WithScopeFacts();
        if (withApplications)
        {
            query = query.Include(t => t.Applications).ThenInclude(a => a.Evidence);
        }

        var task = await query.FirstOrDefaultAsync(t => t.Id == taskId, ct).ConfigureAwait(false);
        if (task is not null && TaskWorkflow.CanRead(actor, TaskScoping.ScopeOf(task)))
        {
            return task;
        }

        await RecordDeniedAsync(db, actor, HistoryEntities.Task, taskId, task, nowUtc, logger, attempted, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// A refused attempt on something the actor may not see (e.g. a guessed id): logged and recorded
    /// in the history chain. Whether the thing exists stays out of the answer, not out of the record.
    /// </summary>
    public static async Task RecordDeniedAsync(TrackerDbContext db, Actor actor, string entityType, int entityId,
        RectificationTask? task, DateTime nowUtc, ILogger logger, string attempted, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(logger);
        var why = task is null ? "对象不存在" : "不在其可见范围内";
        logger.LogWarning("Denied: {UserId} ({UserName}, unit {UnitPath}) attempted {Attempt} on {EntityType} {EntityId}: {Why}",
            actor.UserId, actor.Name, actor.UnitPath, attempted, entityType, entityId, why);
        db.ChangeTracker.Clear();
        db.History.Add(HistoryEntry.For(entityType, entityId, actor, nowUtc, HistoryActions.Denied,
            details: $"{attempted}被拒绝:{why}", roundId: task?.RoundId, taskId: task?.Id));
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
