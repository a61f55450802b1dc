using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
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
    bool CanEdit,
    bool CanUrge = false,
    IReadOnlyList<Urging>? Urgings = null)
{
    /// <summary>
    /// The application a sign-off sheet is about: the signed one (<see cref="ApplicationEvidence.SignedApplication"/>), else the latest.
    /// </summary>
    public ClosureApplication? ApplicationOfRecord { get; } =
        ApplicationEvidence.SignedApplication(Applications) ?? Applications.MaxBy(a => a.Attempt);

    /// <summary>The files of <see cref="ApplicationOfRecord"/> as it was submitted; the task's files when it has none.</summary>
    public IReadOnlyList<EvidenceFile> RecordEvidence => ApplicationOfRecord is { } a ? a.Evidence.OrderBy(e => e.Id).ToList() : Evidence;

    /// <summary>The task's files held by a closure application (they can no longer be removed).</summary>
    public IReadOnlySet<int> HeldEvidenceIds { get; } = Applications.SelectMany(a => a.Evidence).Select(e => e.Id).ToHashSet();
}

/// <summary>The task detail page's data, limited to tasks the actor may read.</summary>
public sealed class TaskQueries(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock, ScopedAccess access, UnitDirectory units,
    Microsoft.Extensions.Options.IOptions<UrgingOptions> urging)
{
    /// <summary>The task page's data; null (and the attempt recorded) when missing or out of scope.</summary>
    public Task<TaskDetail?> DetailAsync(Actor actor, int taskId, CancellationToken ct = default) =>
        DetailAsync(actor, taskId, "查看任务详情", ct);

    /// <summary>The task's data for <paramref name="attempted"/> (what a refusal is recorded as, e.g. a report of the task).</summary>
    public async Task<TaskDetail?> DetailAsync(Actor actor, int taskId, string attempted, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var task = await access.TaskAsync(db, actor, taskId, attempted, ct, q => q
            .Include(t => t.Problem).ThenInclude(p => p!.Aspect)
            .Include(t => t.ProgressUpdates)
            .Include(t => t.Evidence)
            .Include(t => t.Applications).ThenInclude(a => a.RulesMade)
            .Include(t => t.Applications).ThenInclude(a => a.Evidence)
            .Include(t => t.Urgings), tracking: false).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }

        var scope = TaskScoping.ScopeOf(task);

        var history = await db.History.AsNoTracking()
            .Where(h => h.TaskId == taskId && h.Action != HistoryActions.Denied)
            .OrderBy(h => h.Id).ToListAsync(ct).ConfigureAwait(false);
        var labels = await units.LabelsAsync(ct).ConfigureAwait(false);
        var today = clock.Today;
        var allowed = Enum.GetValues<TaskAction>().Where(a => TaskWorkflow.Can(actor, a, task.State, scope!)).ToHashSet();
        return new TaskDetail(
            task,
            task.Round!.Name,
            task.Problem!.Aspect!.OrdinalLabel + task.Problem.Aspect.Title,
            task.Problem.Number,
            task.Problem.Title,
            task.Problem.Text,
            task.ResponsibleUnitId is { } unitId ? labels.GetValueOrDefault(unitId) : null,
            task.CooperatingUnits.Select(c => labels.GetValueOrDefault(c.UnitId) ?? c.Unit!.Name).ToList(),
            TaskLights.Compute(task.State, task.Deadline, task.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : null, today),
            TaskLights.DaysOverdue(task.State, task.Deadline, today),
            task.ProgressUpdates.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).ToList(),
            task.Evidence.OrderBy(e => e.Id).ToList(),
            task.Applications.OrderByDescending(a => a.Attempt).ToList(),
            history,
            allowed,
            task.CanReportProgress(actor, scope!),
            task.CanAddEvidence(actor, scope!),
            task.CanEdit(actor, scope!),
            task.CanUrge(actor, scope!, urging.Value.Policy, clock.UtcNow, clock.LocalDate),
            task.Urgings.OrderByDescending(u => u.AtUtc).ToList());
    }
}
