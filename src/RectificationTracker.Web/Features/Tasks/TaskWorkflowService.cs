using RectificationTracker.Domain.History;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Tasks;

/// <summary>
/// The sign-off workflow's use cases: apply for closure, review, sign off, return, reopen, report
/// progress. Each validates, loads within scope, checks the version the user saw, calls the domain,
/// appends history and saves in one transaction.
/// </summary>
public sealed class TaskWorkflowService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    IValidator<DecisionCommand> decisionValidator,
    IValidator<ApplyForClosureCommand> applyValidator,
    IValidator<ProgressCommand> progressValidator,
    IValidator<UrgeCommand> urgeValidator,
    Microsoft.Extensions.Options.IOptions<UrgingOptions> urging,
    NavCounts navCounts,
    ScopedAccess access)
{
    /// <summary>The urging rules in force (<c>Tracker:Urging</c>).</summary>
    public UrgingPolicy UrgingPolicy => urging.Value.Policy;

    /// <summary>
    /// 催办: the round's office or the task's lead leader urges the owner of an overdue or stale task with a message.
    /// The urging and its history record commit together; the owner sees it in the bell and on the task.
    /// </summary>
    public Task<Result> UrgeAsync(Actor actor, UrgeCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = urgeValidator.Validate(command);
        if (!validation.IsValid)
        {
            return Task.FromResult(Result.Invalid(validation));
        }

        return ExecuteAsync(actor, command.TaskId, command.Version, "催办", withApplications: false, (task, scope, now) =>
            Task.FromResult(task.Urge(actor, scope, command.Message, UrgingPolicy, now, clock.LocalDate)), ct, withUrgings: true);
    }

    public Task<Result> DecideAsync(Actor actor, DecisionCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = decisionValidator.Validate(command);
        if (!validation.IsValid)
        {
            return Task.FromResult(Result.Invalid(validation));
        }

        return ExecuteAsync(actor, command.TaskId, command.Version, TaskNames.DisplayName(command.Action), withApplications: true, (task, scope, now) =>
        {
            var entry = command.Action switch
            {
                TaskAction.ApproveReview => task.ApproveReview(actor, scope, command.Comment, now),
                TaskAction.ReturnFromReview => task.ReturnFromReview(actor, scope, command.Comment!, now),
                TaskAction.SignOff => task.SignOff(actor, scope, command.Comment, now, clock.LocalDate(now)),
                TaskAction.ReturnFromSignOff => task.ReturnFromSignOff(actor, scope, command.Comment!, now),
                TaskAction.Reopen => task.Reopen(actor, scope, command.Comment!, now),
                TaskAction.Withdraw => task.Withdraw(actor, scope, command.Comment, now),
                _ => throw new DomainException("不支持的操作。"),
            };
            return Task.FromResult(entry);
        }, ct);
    }

    public async Task<Result> ApplyForClosureAsync(Actor actor, ApplyForClosureCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = applyValidator.Validate(command);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        return await ExecuteAsync(actor, command.TaskId, command.Version, "申请销号", withApplications: true, (task, scope, now) =>
        {
            var application = new ClosureApplication
            {
                Summary = command.Summary.Trim(),
                FundsRecoveredWan = command.FundsRecoveredWan,
                PeopleHeldAccountable = command.PeopleHeldAccountable,
                AccountabilityKinds = string.IsNullOrWhiteSpace(command.AccountabilityKinds) ? null : command.AccountabilityKinds.Trim(),
                RulesMade = command.Rules.Where(r => !string.IsNullOrWhiteSpace(r.Title))
                    .Select(r => new RuleMade { Title = r.Title.Trim(), IsRevision = r.IsRevision, IssuedOn = r.IssuedOn }).ToList(),
            };
            // The files this application holds: new uploads and files carried forward from earlier applications.
            application.Evidence = task.EvidenceForApplication(command.EvidenceIds.ToHashSet());

            return Task.FromResult(task.ApplyForClosure(actor, scope, application, now));
        }, ct, includeEvidence: true).ConfigureAwait(false);
    }

    public Task<Result> ReportProgressAsync(Actor actor, ProgressCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = progressValidator.Validate(command);
        if (!validation.IsValid)
        {
            return Task.FromResult(Result.Invalid(validation));
        }

        return ExecuteAsync(actor, command.TaskId, version: null, "报送整改进展", withApplications: false, (task, scope, now) =>
        {
            task.RecordProgress(actor, scope, new ProgressUpdate
            {
                Date = command.Date ?? clock.LocalDate(now),
                Text = command.Text.Trim(),
                AuthorId = actor.UserId,
                AuthorName = actor.Name,
            }, now);
            return Task.FromResult(Domain.History.HistoryEntry.ForTask(task, actor, now, HistoryActions.Progress, null, null, null,
                details: Truncate(command.Text.Trim(), 200)));
        }, ct);
    }

    private async Task<Result> ExecuteAsync(Actor actor, int taskId, long? version, string attempted, bool withApplications,
        Func<RectificationTask, TaskScope, DateTime, Task<Domain.History.HistoryEntry>> act, CancellationToken ct, bool includeEvidence = false,
        bool withUrgings = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var now = clock.UtcNow;
        if (includeEvidence)
        {
            await db.EvidenceFiles.Where(e => e.TaskId == taskId).LoadAsync(ct).ConfigureAwait(false);
        }

        var task = await access.TaskAsync(db, actor, taskId, attempted, ct,
            withApplications ? q => q.Include(t => t.Applications).ThenInclude(a => a.Evidence)
            : withUrgings ? q => q.Include(t => t.Urgings) : null).ConfigureAwait(false);
        if (task is null)
        {
            return Result.Fail(ScopedAccess.TaskNotFoundMessage);
        }

        if (version is { } v && v != task.Version)
        {
            return Result.Conflict();
        }

        try
        {
            var entry = await act(task, TaskScoping.ScopeOf(task), now).ConfigureAwait(false);
            db.History.Add(entry);
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

        navCounts.Invalidate();
        return Result.Ok($"已{attempted}。");
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
