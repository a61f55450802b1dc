using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;

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

    /// <summary>A refused attempt on a task (or something of it) the actor may not see: see <see cref="ScopedAccess.RecordDeniedAsync"/>.</summary>
    public static Task RecordDeniedAsync(TrackerDbContext db, Actor actor, string entityType, int entityId,
        RectificationTask? task, DateTime nowUtc, ILogger logger, string attempted, CancellationToken ct = default) =>
        ScopedAccess.RecordDeniedAsync(db, actor, entityType, entityId, task?.RoundId, task?.Id, attempted,
            task is null ? "对象不存在" : "不在其可见范围内", nowUtc, logger, ct);
}
