using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Rounds;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Tasks.Edit;

/// <summary>
/// The office's task use cases: register or edit a task (<see cref="SaveAsync"/>), assign it (交办,
/// <see cref="AssignAsync"/>), or both in one transaction (<see cref="SaveAndAssignAsync"/>, the form's
/// 保存并交办). Only office staff whose unit runs the round may do either.
/// </summary>
public sealed class TaskEditHandler(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    UnitDirectory units,
    IValidator<TaskForm> taskValidator,
    IValidator<AssignTaskCommand> assignValidator,
    NavCounts navCounts,
    ScopedAccess access,
    ILogger<TaskEditHandler> logger)
{
    private const string AssignAttempt = "交办整改任务";

    /// <summary>Register a task (登记) or edit it.</summary>
    public Task<Result<int>> SaveAsync(Actor actor, TaskForm form, CancellationToken ct = default) =>
        SaveAsync(actor, form, assign: false, ct);

    /// <summary>Register or edit a task and assign it, in one transaction: both are written or neither.</summary>
    public Task<Result<int>> SaveAndAssignAsync(Actor actor, TaskForm form, CancellationToken ct = default) =>
        SaveAsync(actor, form, assign: true, ct);

    /// <summary>交办 a registered task as it is stored.</summary>
    public async Task<Result<int>> AssignAsync(Actor actor, AssignTaskCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        var validation = assignValidator.Validate(command);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var now = clock.UtcNow;
        var task = await access.TaskAsync(db, actor, command.TaskId, AssignAttempt, ct).ConfigureAwait(false);
        if (task is null)
        {
            return Result.Fail(ScopedAccess.TaskNotFoundMessage);
        }

        if (task.Version != command.Version)
        {
            return Result.Conflict();
        }

        try
        {
            if (await AssignStepAsync(db, actor, task, now, ct).ConfigureAwait(false) is { } refusal)
            {
                return Result.Fail(refusal);
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict();
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Assigning task {TaskId} failed", command.TaskId);
            return Result.Fail(RoundService.SaveFailedMessage);
        }

        navCounts.Invalidate();
        return Result.Success(task.Id, "任务已交办。");
    }

    private async Task<Result<int>> SaveAsync(Actor actor, TaskForm form, bool assign, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        var validation = assign
            ? taskValidator.Validate(form, o => o.IncludeRuleSets(TaskFormValidator.AssignRuleSet).IncludeRulesNotInRuleSet())
            : taskValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var now = clock.UtcNow;
        var names = await UnitNamesAsync(ct).ConfigureAwait(false);
        var problem = await db.Problems.Include(p => p.Tasks).FirstOrDefaultAsync(p => p.Id == form.ProblemId, ct).ConfigureAwait(false);
        var round = problem is null
            ? null
            : await access.RoundRunByAsync(db, db.Rounds.Include(r => r.InspectedUnits), actor, problem.RoundId, "登记/修改整改任务",
                ct, (HistoryEntities.Problem, problem.Id)).ConfigureAwait(false);
        if (problem is null || round is null)
        {
            return Result.Fail("未找到该问题,或您无权为其登记整改任务。");
        }

        var errors = new List<FluentValidation.Results.ValidationFailure>();
        var deadline = ToDate(form.Deadline);
        if (deadline is { } d && d < round.FeedbackDate)
        {
            errors.Add(new(nameof(TaskForm.Deadline), $"整改时限不能早于反馈日期({round.FeedbackDate:yyyy-MM-dd})。"));
        }

        AppUser? leader = null;
        if (!string.IsNullOrEmpty(form.LeadLeaderId))
        {
            leader = await db.Users.FirstOrDefaultAsync(u => u.Id == form.LeadLeaderId, ct).ConfigureAwait(false);
            var leaderRoleId = await db.Roles.Where(r => r.Name == Roles.Leader).Select(r => r.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            var isLeader = leader is not null && await db.UserRoles.AnyAsync(ur => ur.UserId == leader.Id && ur.RoleId == leaderRoleId, ct).ConfigureAwait(false);
            if (!isLeader)
            {
                errors.Add(new(nameof(TaskForm.LeadLeaderId), "牵头领导必须是具有“领导”角色的用户。"));
            }
        }

        var unitIds = form.CooperatingUnitIds.Append(form.ResponsibleUnitId ?? 0).Where(i => i > 0).Distinct().ToList();
        foreach (var id in unitIds)
        {
            if (await units.FindAsync(id, ct).ConfigureAwait(false) is null)
            {
                errors.Add(new(nameof(TaskForm.ResponsibleUnitId), "所选单位不存在。"));
            }
        }

        if (errors.Count > 0)
        {
            return Result.Invalid(new FluentValidation.Results.ValidationResult(errors));
        }

        RectificationTask task;
        TaskFields? before = null;
        if (form.Id == 0)
        {
            task = new RectificationTask
            {
                RoundId = round.Id,
                ProblemId = problem.Id,
                Number = problem.NextTaskNumber,
                CreatedAtUtc = now,
            };
            db.Tasks.Add(task);
        }
        else
        {
            var loaded = await db.Tasks.WithScopeFacts().FirstOrDefaultAsync(t => t.Id == form.Id && t.ProblemId == problem.Id, ct).ConfigureAwait(false);
            if (loaded is null)
            {
                return Result.Fail(ScopedAccess.TaskNotFoundMessage);
            }

            task = loaded;
            if (task.Version != form.Version)
            {
                return Result.Conflict();
            }

            if (task.EditRefusal(actor, TaskScoping.ScopeOf(task)) is { } refusal)
            {
                return Result.Fail(refusal);
            }

            before = TaskFields.Of(task, names);
        }

        task.Measure = form.Measure.Trim();
        task.Category = form.Category;
        task.LeadLeaderId = leader?.Id;
        task.LeadLeaderName = leader?.DisplayName;
        task.ResponsibleUnitId = form.ResponsibleUnitId;
        task.ResponsiblePersonName = string.IsNullOrWhiteSpace(form.ResponsiblePersonName) ? null : form.ResponsiblePersonName.Trim();
        task.Deadline = deadline;
        var wanted = form.CooperatingUnitIds.Where(i => i != form.ResponsibleUnitId).ToHashSet();
        task.CooperatingUnits.RemoveAll(c => !wanted.Contains(c.UnitId));
        foreach (var id in wanted.Where(id => task.CooperatingUnits.All(c => c.UnitId != id)))
        {
            task.CooperatingUnits.Add(new TaskCooperatingUnit { UnitId = id });
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var describe = await DescribeWithNamesAsync(task, ct).ConfigureAwait(false);
            db.History.Add(HistoryEntry.ForTask(task, actor, now, form.Id == 0 ? HistoryActions.Register : HistoryActions.Edit, null, form.Id == 0 ? TaskState.Registered : null, null,
                details: before is null ? describe : before.ChangesTo(TaskFields.Of(task, names)).ToString()));
            if (assign && await AssignStepAsync(db, actor, task, now, ct).ConfigureAwait(false) is { } refusal)
            {
                return Result.Fail(refusal); // the transaction is disposed uncommitted: the save is undone too
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict();
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Saving task {TaskId} failed; rolled back", form.Id);
            return Result.Fail(RoundService.SaveFailedMessage);
        }

        navCounts.Invalidate();
        return Result.Success(task.Id, assign ? "任务已保存并交办。" : "任务已保存。");
    }

    /// <summary>
    /// The assignment itself: the scope facts (units' paths) freshly loaded, the permission checked, the domain's
    /// move and its history row added (not yet saved). Returns the refusal, if any.
    /// </summary>
    private static async Task<string?> AssignStepAsync(TrackerDbContext db, Actor actor, RectificationTask task, DateTime now, CancellationToken ct)
    {
        await db.Entry(task).Reference(t => t.ResponsibleUnit).LoadAsync(ct).ConfigureAwait(false);
        await db.Entry(task).Reference(t => t.Round).LoadAsync(ct).ConfigureAwait(false);
        await db.Entry(task.Round!).Reference(r => r.OfficeUnit).LoadAsync(ct).ConfigureAwait(false);
        foreach (var c in task.CooperatingUnits)
        {
            await db.Entry(c).Reference(x => x.Unit).LoadAsync(ct).ConfigureAwait(false);
        }

        var scope = TaskScoping.ScopeOf(task);
        if (TaskWorkflow.Refusal(actor, TaskAction.Assign, task.State, scope) is { } refusal)
        {
            return refusal;
        }

        db.History.Add(task.Assign(actor, scope, now));
        return null;
    }

    private static DateOnly? ToDate(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    private async Task<IReadOnlyDictionary<int, string>> UnitNamesAsync(CancellationToken ct) =>
        (await units.AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id, u => u.Name);

    private async Task<string> DescribeWithNamesAsync(RectificationTask t, CancellationToken ct)
    {
        var unit = t.ResponsibleUnitId is { } id ? (await units.FindAsync(id, ct).ConfigureAwait(false))?.Name : null;
        return $"任务{t.Number}:{t.Measure}\n整改类型:{TaskNames.DisplayName(t.Category)};牵头领导:{t.LeadLeaderName};责任单位:{unit};整改时限:{t.Deadline:yyyy-MM-dd}";
    }
}
