using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Rounds;

/// <summary>Correct an aspect's title (方面标题).</summary>
public sealed record EditAspectCommand(int RoundId, int AspectId, string Title);

/// <summary>Correct a problem's title and full text; the number stays the document's.</summary>
public sealed record EditProblemCommand(int RoundId, int ProblemId, string Title, string Text);

/// <summary>Move a problem to another aspect of the same round; it keeps its number.</summary>
public sealed record MoveProblemCommand(int RoundId, int ProblemId, int TargetAspectId);

/// <summary>Delete a problem that has no tasks, with the reason (e.g. 原文重复录入).</summary>
public sealed record DeleteProblemCommand(int RoundId, int ProblemId, string Reason);

/// <summary>Delete an aspect (and the problems under it) when none of them has tasks, with the reason.</summary>
public sealed record DeleteAspectCommand(int RoundId, int AspectId, string Reason);

public sealed class EditAspectCommandValidator : AbstractValidator<EditAspectCommand>
{
    public EditAspectCommandValidator() =>
        RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("请填写方面的标题。")
            .MaximumLength(SchemaLimits.TitleLength).WithMessage($"标题不能超过 {SchemaLimits.TitleLength} 字。");
}

public sealed class EditProblemCommandValidator : AbstractValidator<EditProblemCommand>
{
    public EditProblemCommandValidator()
    {
        RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("请填写问题标题。")
            .MaximumLength(SchemaLimits.TitleLength).WithMessage($"问题标题不能超过 {SchemaLimits.TitleLength} 字。");
        RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("请填写问题内容。")
            .MaximumLength(SchemaLimits.LongTextLength).WithMessage($"问题内容不能超过 {SchemaLimits.LongTextLength} 字。");
    }
}

public sealed class MoveProblemCommandValidator : AbstractValidator<MoveProblemCommand>
{
    public MoveProblemCommandValidator() =>
        RuleFor(c => c.TargetAspectId).GreaterThan(0).WithMessage("请选择要移入的方面。");
}

public sealed class DeleteProblemCommandValidator : AbstractValidator<DeleteProblemCommand>
{
    public DeleteProblemCommandValidator() =>
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("请填写删除原因。")
            .MaximumLength(SchemaLimits.ReasonLength).WithMessage($"删除原因不能超过 {SchemaLimits.ReasonLength} 字。");
}

public sealed class DeleteAspectCommandValidator : AbstractValidator<DeleteAspectCommand>
{
    public DeleteAspectCommandValidator() =>
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("请填写删除原因。")
            .MaximumLength(SchemaLimits.ReasonLength).WithMessage($"删除原因不能超过 {SchemaLimits.ReasonLength} 字。");
}

/// <summary>
/// Correcting a round's issue list after import (修正问题清单): office staff of the unit running the
/// round edit an aspect's or problem's title and text, move a problem to another aspect, and delete an
/// aspect or problem that has no tasks, with a reason. The rules (numbers stay the document's, no
/// deletion under tasks) are <see cref="InspectionRound"/>'s; every change and its history record
/// (old and new values; for a deletion the removed text in full and the reason) commit in one transaction.
/// </summary>
public sealed class IssueListCorrectionHandler(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    ScopedAccess access,
    IValidator<EditAspectCommand> editAspectValidator,
    IValidator<EditProblemCommand> editProblemValidator,
    IValidator<MoveProblemCommand> moveValidator,
    IValidator<DeleteProblemCommand> deleteProblemValidator,
    IValidator<DeleteAspectCommand> deleteAspectValidator,
    ILogger<IssueListCorrectionHandler> logger)
{
    public const string NotFound = "未找到该巡察轮次,或您无权修改。";
    public const string AspectNotFound = "未找到该方面,请刷新页面。";
    public const string ProblemNotFound = "未找到该问题,请刷新页面。";

    public Task<Result> EditAspectAsync(Actor actor, EditAspectCommand command, CancellationToken ct = default) =>
        RunAsync(actor, command.RoundId, editAspectValidator.Validate(command), "修改方面", (round, now) =>
        {
            var aspect = round.Aspects.FirstOrDefault(a => a.Id == command.AspectId);
            if (aspect is null)
            {
                return Fail(AspectNotFound);
            }

            var changes = round.EditAspect(aspect, command.Title.Trim());
            return changes.IsEmpty ? Unchanged()
                : Done("方面已修改。", HistoryEntry.For(HistoryEntities.Aspect, aspect.Id, actor, now, HistoryActions.EditAspect,
                    details: $"方面{aspect.OrdinalLabel}:\n{changes}", roundId: round.Id));
        }, ct);

    public Task<Result> EditProblemAsync(Actor actor, EditProblemCommand command, CancellationToken ct = default) =>
        RunAsync(actor, command.RoundId, editProblemValidator.Validate(command), "修改问题", (round, now) =>
        {
            var problem = ProblemIn(round, command.ProblemId);
            if (problem is null)
            {
                return Fail(ProblemNotFound);
            }

            var changes = round.EditProblem(problem, command.Title.Trim(), command.Text.Trim());
            return changes.IsEmpty ? Unchanged()
                : Done("问题已修改。", HistoryEntry.For(HistoryEntities.Problem, problem.Id, actor, now, HistoryActions.EditProblem,
                    details: $"问题{problem.Number}:\n{changes}", roundId: round.Id));
        }, ct);

    public Task<Result> MoveProblemAsync(Actor actor, MoveProblemCommand command, CancellationToken ct = default) =>
        RunAsync(actor, command.RoundId, moveValidator.Validate(command), "移动问题", (round, now) =>
        {
            var problem = ProblemIn(round, command.ProblemId);
            var target = round.Aspects.FirstOrDefault(a => a.Id == command.TargetAspectId);
            if (problem is null || target is null)
            {
                return Fail(problem is null ? ProblemNotFound : AspectNotFound);
            }

            var changes = round.MoveProblem(problem, target);
            return changes.IsEmpty ? Unchanged()
                : Done($"问题{problem.Number}已移至方面{target.OrdinalLabel},序号不变。", HistoryEntry.For(HistoryEntities.Problem, problem.Id, actor, now,
                    HistoryActions.MoveProblem, details: $"问题{problem.Number}(序号不变):\n{changes}", roundId: round.Id));
        }, ct);

    public Task<Result> DeleteProblemAsync(Actor actor, DeleteProblemCommand command, CancellationToken ct = default) =>
        RunAsync(actor, command.RoundId, deleteProblemValidator.Validate(command), "删除问题", (round, now) =>
        {
            var problem = ProblemIn(round, command.ProblemId);
            if (problem is null)
            {
                return Fail(ProblemNotFound);
            }

            if (InspectionRound.ProblemDeletionRefusal(problem) is { } refusal)
            {
                return Fail(refusal);
            }

            var removed = round.DeleteProblem(problem);
            return Done($"问题{problem.Number}已删除(序号{problem.Number}不再使用,其余问题序号不变)。",
                HistoryEntry.For(HistoryEntities.Problem, problem.Id, actor, now, HistoryActions.DeleteProblem,
                    details: removed, reason: command.Reason.Trim(), roundId: round.Id),
                (db) => db.Problems.Remove(problem));
        }, ct);

    public Task<Result> DeleteAspectAsync(Actor actor, DeleteAspectCommand command, CancellationToken ct = default) =>
        RunAsync(actor, command.RoundId, deleteAspectValidator.Validate(command), "删除方面", (round, now) =>
        {
            var aspect = round.Aspects.FirstOrDefault(a => a.Id == command.AspectId);
            if (aspect is null)
            {
                return Fail(AspectNotFound);
            }

            if (InspectionRound.AspectDeletionRefusal(aspect) is { } refusal)
            {
                return Fail(refusal);
            }

            var reason = command.Reason.Trim();
            var (described, problems) = round.DeleteAspect(aspect);
            var history = new List<HistoryEntry>
            {
                HistoryEntry.For(HistoryEntities.Aspect, aspect.Id, actor, now, HistoryActions.DeleteAspect, details: described, reason: reason, roundId: round.Id),
            };
            history.AddRange(problems.Select(p => HistoryEntry.For(HistoryEntities.Problem, p.Problem.Id, actor, now, HistoryActions.DeleteProblem,
                details: p.Removed + "\n(随方面删除)", reason: reason, roundId: round.Id)));
            return new Outcome(null, $"方面{aspect.OrdinalLabel}已删除。", history, db =>
            {
                db.Problems.RemoveRange(problems.Select(p => p.Problem));
                db.Aspects.Remove(aspect);
            });
        }, ct);

    private sealed record Outcome(string? Failure, string? Message, IReadOnlyList<HistoryEntry> History, Action<TrackerDbContext>? Apply = null);

    private static Outcome Fail(string message) => new(message, null, []);

    private static Outcome Unchanged() => new(null, "内容没有变化,未作修改。", []);

    private static Outcome Done(string message, HistoryEntry history, Action<TrackerDbContext>? apply = null) => new(null, message, [history], apply);

    private static Problem? ProblemIn(InspectionRound round, int problemId) =>
        round.Aspects.SelectMany(a => a.Problems).FirstOrDefault(p => p.Id == problemId);

    /// <summary>Validate, load the round within the actor's scope (a refusal is recorded), apply, save change and history in one transaction.</summary>
    private async Task<Result> RunAsync(Actor actor, int roundId, FluentValidation.Results.ValidationResult validation, string attempted,
        Func<InspectionRound, DateTime, Outcome> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await access.RoundRunByAsync(db,
            db.Rounds.Include(r => r.OfficeUnit).Include(r => r.Aspects).ThenInclude(a => a.Problems).ThenInclude(p => p.Tasks).AsSplitQuery(),
            actor, roundId, attempted, ct).ConfigureAwait(false);
        if (round is null)
        {
            return Result.Fail(NotFound);
        }

        Outcome outcome;
        try
        {
            outcome = change(round, clock.UtcNow);
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Message);
        }

        if (outcome.Failure is { } failure)
        {
            return Result.Fail(failure);
        }

        if (outcome.History.Count == 0)
        {
            return Result.Ok(outcome.Message);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            outcome.Apply?.Invoke(db);
            db.History.AddRange(outcome.History);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict();
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Correcting the issue list of round {RoundId} failed; rolled back", roundId);
            return Result.Fail(RoundService.SaveFailedMessage);
        }

        return Result.Ok(outcome.Message);
    }
}
