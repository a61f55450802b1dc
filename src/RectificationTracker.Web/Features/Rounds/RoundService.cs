using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Rounds;

/// <summary>
/// The office's use cases on a round's issue list: rounds, aspects and problems (tasks: <see cref="Tasks.Edit.TaskEditHandler"/>).
/// Only office staff whose unit runs the round may change it.
/// </summary>
public sealed class RoundService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    UnitDirectory units,
    IValidator<RoundForm> roundValidator,
    IValidator<AspectForm> aspectValidator,
    IValidator<ProblemForm> problemValidator,
    ScopedAccess access,
    ILogger<RoundService> logger)
{
    /// <summary>The database refused the write (not a concurrent edit): nothing was saved.</summary>
    public const string SaveFailedMessage = "保存失败:数据未能写入,未作任何修改。请稍后重试。";

    private const string NotFound = "未找到该巡察轮次,或您无权修改。";

    public async Task<Result<int>> SaveRoundAsync(Actor actor, RoundForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        var validation = roundValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        if (!actor.Has(Role.Office))
        {
            return Result.Fail("只有巡察办人员可以创建或修改巡察轮次。");
        }

        var office = await units.FindAsync(form.OfficeUnitId, ct).ConfigureAwait(false);
        if (office is null || !actor.InScope(office.Path))
        {
            return Result.Invalid(new FluentValidation.Results.ValidationResult(
                [new FluentValidation.Results.ValidationFailure(nameof(RoundForm.OfficeUnitId), "只能选择本单位或下级单位。")]));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var now = clock.UtcNow;
        InspectionRound round;
        if (form.Id == 0)
        {
            round = new InspectionRound { CreatedAtUtc = now, CreatedById = actor.UserId };
            db.Rounds.Add(round);
        }
        else
        {
            var found = await LoadEditableAsync(db, actor, form.Id, "修改巡察轮次", ct).ConfigureAwait(false);
            if (found is null)
            {
                return Result.Fail(NotFound);
            }

            round = found;
            if (round.Version != form.Version)
            {
                return Result.Conflict();
            }

            if (round.Aspects.SelectMany(a => a.Problems).SelectMany(p => p.Tasks)
                    .Any(t => t.Deadline is { } d && d < DateOnly.FromDateTime(form.FeedbackDate!.Value)))
            {
                return Result.Invalid(new FluentValidation.Results.ValidationResult(
                    [new FluentValidation.Results.ValidationFailure(nameof(RoundForm.FeedbackDate), "已有整改任务的时限早于该反馈日期,请先调整任务时限。")]));
            }
        }

        var names = await UnitNamesAsync(ct).ConfigureAwait(false);
        var before = form.Id == 0 ? null : RoundFields.Of(round, names);
        round.Name = form.Name.Trim();
        round.Kind = form.Kind;
        round.InspectingBody = form.InspectingBody.Trim();
        round.OfficeUnitId = form.OfficeUnitId;
        round.InspectionStart = ToDate(form.InspectionStart);
        round.InspectionEnd = ToDate(form.InspectionEnd);
        round.FeedbackDate = ToDate(form.FeedbackDate)!.Value;
        round.RectificationDeadline = ToDate(form.RectificationDeadline)!.Value;
        round.Notes = string.IsNullOrWhiteSpace(form.Notes) ? null : form.Notes.Trim();
        var wanted = form.InspectedUnitIds.Distinct().ToHashSet();
        round.InspectedUnits.RemoveAll(u => !wanted.Contains(u.UnitId));
        foreach (var id in wanted.Where(id => round.InspectedUnits.All(u => u.UnitId != id)))
        {
            round.InspectedUnits.Add(new RoundInspectedUnit { UnitId = id });
        }

        var after = RoundFields.Of(round, names);
        var saved = await SaveWithHistoryAsync(db, () => HistoryEntry.For(HistoryEntities.Round, round.Id, actor, now, form.Id == 0 ? HistoryActions.Create : HistoryActions.Edit,
            details: before is null ? after.Describe() : before.ChangesTo(after).ToString(), roundId: round.Id), ct).ConfigureAwait(false);
        return saved ?? Result.Success(round.Id, form.Id == 0 ? "巡察轮次已创建。" : "巡察轮次已保存。");
    }

    public async Task<Result<int>> SaveAspectAsync(Actor actor, AspectForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var validation = aspectValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadEditableAsync(db, actor, form.RoundId, "新增或修改方面", ct).ConfigureAwait(false);
        if (round is null)
        {
            return Result.Fail(NotFound);
        }

        Aspect? aspect;
        var title = form.Title.Trim();
        string action;
        string details;
        if (form.Id == 0)
        {
            if (round.AspectRefusal() is { } refusal)
            {
                return Result.Fail(refusal);
            }

            aspect = round.AddAspect(title);
            action = HistoryActions.CreateAspect;
            details = $"{aspect.OrdinalLabel}{aspect.Title}";
        }
        else
        {
            aspect = round.Aspects.FirstOrDefault(a => a.Id == form.Id);
            if (aspect is null)
            {
                return Result.Fail("未找到该方面。");
            }

            action = HistoryActions.EditAspect;
            details = round.EditAspect(aspect, title).ToString();
        }

        var saved = await SaveWithHistoryAsync(db, () => HistoryEntry.For(HistoryEntities.Aspect, aspect.Id, actor, clock.UtcNow, action,
            details: details, roundId: round.Id), ct).ConfigureAwait(false);
        if (saved is not null)
        {
            return saved;
        }

        return Result.Success(aspect.Id, "已保存。");
    }

    public async Task<Result<int>> SaveProblemAsync(Actor actor, ProblemForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var validation = problemValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadEditableAsync(db, actor, form.RoundId, "新增或修改问题", ct).ConfigureAwait(false);
        if (round is null)
        {
            return Result.Fail(NotFound);
        }

        var aspect = round.Aspects.FirstOrDefault(a => a.Id == form.AspectId);
        if (aspect is null)
        {
            return Result.Fail("所选方面不属于该轮次。");
        }

        var title = form.Title.Trim();
        var text = string.IsNullOrWhiteSpace(form.Text) ? title : form.Text.Trim();
        Problem? problem;
        string action;
        string details;
        if (form.Id == 0)
        {
            problem = round.AddProblem(aspect, title, text);
            action = HistoryActions.CreateProblem;
            details = $"问题{problem.Number}:{problem.Title}";
        }
        else
        {
            problem = round.Aspects.SelectMany(a => a.Problems).FirstOrDefault(p => p.Id == form.Id);
            if (problem is null)
            {
                return Result.Fail("未找到该问题。");
            }

            var lines = round.EditProblem(problem, title, text).Lines.Concat(round.MoveProblem(problem, aspect).Lines).ToList();
            var changes = lines.Count == 0 ? ChangeList.NoChange : string.Join("\n", lines);
            action = HistoryActions.EditProblem;
            details = $"问题{problem.Number}:\n{changes}";
        }

        var saved = await SaveWithHistoryAsync(db, () => HistoryEntry.For(HistoryEntities.Problem, problem.Id, actor, clock.UtcNow, action,
            details: details, roundId: round.Id), ct).ConfigureAwait(false);
        if (saved is not null)
        {
            return saved;
        }

        return Result.Success(problem.Id, "已保存。");
    }

    /// <summary>A round the actor's office runs, with its tree; null (and the attempt recorded) when missing or out of scope.</summary>
    private Task<InspectionRound?> LoadEditableAsync(TrackerDbContext db, Actor actor, int roundId, string attempted, CancellationToken ct,
        bool includeTree = true, (string EntityType, int EntityId)? attemptedOn = null)
    {
        IQueryable<InspectionRound> query = db.Rounds.Include(r => r.InspectedUnits);
        if (includeTree)
        {
            query = query.Include(r => r.Aspects).ThenInclude(a => a.Problems).ThenInclude(p => p.Tasks).AsSplitQuery();
        }

        return access.RoundRunByAsync(db, query, actor, roundId, attempted, ct, attemptedOn);
    }

    private static DateOnly? ToDate(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    /// <summary>
    /// Saves the change, then its history record (which needs the new id), in one transaction: both are
    /// written or neither. Returns null on success, else the failure to show.
    /// </summary>
    private async Task<Result?> SaveWithHistoryAsync(TrackerDbContext db, Func<HistoryEntry> history, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.History.Add(history());
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict();
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Message);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Saving an issue-list change failed; rolled back");
            return Result.Fail(SaveFailedMessage);
        }
    }

    private async Task<IReadOnlyDictionary<int, string>> UnitNamesAsync(CancellationToken ct) =>
        (await units.AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id, u => u.Name);
}
