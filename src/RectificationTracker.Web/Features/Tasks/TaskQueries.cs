using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Tasks;

public sealed record TaskDetail(
    RectificationTask Task,
    string RoundName,
    string AspectLabel,
    int ProblemNumber,
    string ProblemTitle,
    string ProblemText,
    string? ResponsibleUnitName,
    IReadOnlyList<string> CooperatingUnitNames,
    TaskLight Light,
    int? DaysOverdue,
    IReadOnlyList<ProgressUpdate> Progress,
    IReadOnlyList<EvidenceFile> Evidence,
    IReadOnlyList<ClosureApplication> Applications,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlySet<TaskAction> AllowedActions,
    bool CanReportProgress,
    bool CanAddEvidence,
    bool CanEdit);

/// <summary>The task detail page's data, limited to tasks the actor may read.</summary>
public sealed class TaskQueries(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock, ILogger<TaskQueries> logger)
{
    public async Task<TaskDetail?> DetailAsync(Actor actor, int taskId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var task = await db.Tasks.AsNoTracking().WithScopeFacts()
            .Include(t => t.Problem).ThenInclude(p => p!.Aspect)
            .Include(t => t.ProgressUpdates)
            .Include(t => t.Evidence)
            .Include(t => t.Applications).ThenInclude(a => a.RulesMade)
            .FirstOrDefaultAsync(t => t.Id == taskId, ct).ConfigureAwait(false);
        var scope = task is null ? null : TaskScoping.ScopeOf(task);
        if (task is null || !TaskWorkflow.CanRead(actor, scope!))
        {
            await TaskLoader.RecordDeniedAsync(db, actor, HistoryEntities.Task, taskId, task, clock.UtcNow, logger, "查看任务详情", ct).ConfigureAwait(false);
            return null;
        }

        var history = await db.History.AsNoTracking()
            .Where(h => h.TaskId == taskId && h.Action != HistoryActions.Denied)
            .OrderBy(h => h.Id).ToListAsync(ct).ConfigureAwait(false);
        var today = clock.Today;
        var allowed = Enum.GetValues<TaskAction>().Where(a => TaskWorkflow.Can(actor, a, task.State, scope!)).ToHashSet();
        return new TaskDetail(
            task,
            task.Round!.Name,
            task.Problem!.Aspect!.OrdinalLabel + task.Problem.Aspect.Title,
            task.Problem.Number,
            task.Problem.Title,
            task.Problem.Text,
            task.ResponsibleUnit?.Name,
            task.CooperatingUnits.Select(c => c.Unit!.Name).ToList(),
            TaskLights.Compute(task.State, task.Deadline, task.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : null, today),
            TaskLights.DaysOverdue(task.State, task.Deadline, today),
            task.ProgressUpdates.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).ToList(),
            task.Evidence.OrderBy(e => e.Id).ToList(),
            task.Applications.OrderByDescending(a => a.Attempt).ToList(),
            history,
            allowed,
            task.CanReportProgress(actor, scope!),
            task.CanAddEvidence(actor, scope!),
            task.CanEdit(actor, scope!));
    }
}
