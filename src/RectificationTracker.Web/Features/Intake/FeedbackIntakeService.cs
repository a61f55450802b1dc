using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Intake;

/// <summary>What the intake page needs to know about the round it imports into.</summary>
public sealed record IntakeTarget(int RoundId, string RoundName, int MaxAspectOrdinal, int MaxProblemNumber);

/// <summary>
/// Feedback document → reviewed outline → aspects and problems of a round. Only office staff whose
/// unit runs the round may import; the same document (by <see cref="FeedbackFingerprint"/>) is
/// imported into a round at most once.
/// </summary>
public sealed class FeedbackIntakeService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    ScopedAccess access,
    ILogger<FeedbackIntakeService> logger)
{
    public const string ImportAction = HistoryActions.ImportFeedback;
    public const string NotFound = "未找到该巡察轮次,或您无权导入。";
    public const string DuplicateMessage = "该反馈意见已导入过本轮次,不能重复导入。如需补充,请在轮次页面逐条添加,或修改文档后再导入。";

    /// <summary>The round if the actor may import into it; null (and a recorded denial) otherwise.</summary>
    public async Task<IntakeTarget?> TargetAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadEditableAsync(db, actor, roundId, ct).ConfigureAwait(false);
        return round is null ? null : Target(round);
    }

    /// <summary>The text of an uploaded .docx/.txt, or the Chinese reason it cannot be read.</summary>
    public static Result<string> ReadUpload(Stream content, string fileName)
    {
        try
        {
            return Result.Success(FeedbackDocumentReader.ReadText(content, fileName));
        }
        catch (FeedbackParseException ex)
        {
            return Result.Fail(ex.Message);
        }
    }

    /// <summary>Parses the text into a draft for review; refuses a document already imported into the round.</summary>
    public async Task<Result<IntakeDraft>> ReadAsync(Actor actor, int roundId, string text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadEditableAsync(db, actor, roundId, ct).ConfigureAwait(false);
        if (round is null)
        {
            return Result.Fail(NotFound);
        }

        IntakeDraft draft;
        try
        {
            draft = IntakeDraft.From(FeedbackParser.Parse(text ?? ""), text ?? "");
        }
        catch (FeedbackParseException ex)
        {
            return Result.Fail(ex.Message);
        }

        if (await AlreadyImportedAsync(db, roundId, draft.Fingerprint, ct).ConfigureAwait(false))
        {
            return Result.Fail(DuplicateMessage);
        }

        return Result.Success(draft);
    }

    /// <summary>
    /// Creates the draft's aspects and problems (numbered after what the round holds), appends the
    /// kept notes to the round's notes and records it all in the history, in one transaction.
    /// </summary>
    public async Task<Result<int>> ConfirmAsync(Actor actor, int roundId, IntakeDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadEditableAsync(db, actor, roundId, ct).ConfigureAwait(false);
        if (round is null)
        {
            return Result.Fail(NotFound);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);

        if (await AlreadyImportedAsync(db, roundId, draft.Fingerprint, ct).ConfigureAwait(false))
        {
            return Result.Fail(DuplicateMessage);
        }

        var target = Target(round);
        var plan = draft.Plan(target.MaxAspectOrdinal, target.MaxProblemNumber);
        if (!plan.IsValid)
        {
            return Result.Fail("无法导入:" + string.Join(";", plan.Errors.Take(5)));
        }

        var notes = string.Join("\n\n", plan.Notes.Where(n => !string.IsNullOrWhiteSpace(n)));
        var combinedNotes = string.IsNullOrWhiteSpace(round.Notes) ? notes : notes.Length == 0 ? round.Notes : round.Notes + "\n\n" + notes;
        if (combinedNotes.Length > Domain.Common.SchemaLimits.LongTextLength)
        {
            return Result.Fail("无法导入:总体评价、意见建议等文字加上轮次原有备注超过 20000 字,请在预览中去掉部分段落。");
        }

        round.Notes = combinedNotes.Length == 0 ? null : combinedNotes;
        var created = new List<(Aspect Aspect, List<Problem> Problems)>();
        foreach (var planned in plan.Aspects)
        {
            var aspect = new Aspect { RoundId = round.Id, Ordinal = planned.Ordinal, Title = planned.Title };
            var problems = planned.Problems.Select(p => new Problem
            {
                RoundId = round.Id,
                Number = p.Number,
                Title = p.Title,
                Text = p.Text.Length == 0 ? p.Title : p.Text,
                SourceExcerpt = p.SourceExcerpt,
            }).ToList();
            aspect.Problems.AddRange(problems);
            round.Aspects.Add(aspect);
            created.Add((aspect, problems));
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var now = clock.UtcNow;
            var first = plan.Aspects[0].Problems[0].Number;
            var last = plan.Aspects[^1].Problems[^1].Number;
            db.History.Add(HistoryEntry.For(HistoryEntities.Round, round.Id, actor, now, ImportAction, roundId: round.Id,
                details: string.Create(CultureInfo.InvariantCulture,
                    $"导入反馈意见:{plan.Aspects.Count} 个方面、{plan.ProblemCount} 个问题(问题{first}–{last}),{plan.Notes.Count} 段文字追加到轮次备注{StatedNote(draft)}\n{FeedbackFingerprint.Marker}{draft.Fingerprint}")));
            foreach (var (aspect, problems) in created)
            {
                db.History.Add(HistoryEntry.For(HistoryEntities.Aspect, aspect.Id, actor, now, HistoryActions.CreateAspect, details: $"{aspect.OrdinalLabel}{aspect.Title}(导入)", roundId: round.Id));
                foreach (var p in problems)
                {
                    db.History.Add(HistoryEntry.For(HistoryEntities.Problem, p.Id, actor, now, HistoryActions.CreateProblem,
                        details: string.Create(CultureInfo.InvariantCulture, $"问题{p.Number}:{p.Title}(导入)"), roundId: round.Id));
                }
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Feedback import into round {RoundId} failed", roundId);
            return Result.Fail("导入失败:该轮次的问题清单刚刚已被其他人修改,请刷新后重新导入。");
        }

        return Result.Success(plan.ProblemCount, string.Create(CultureInfo.InvariantCulture, $"已导入 {plan.Aspects.Count} 个方面、{plan.ProblemCount} 个问题。"));
    }

    /// <summary>The document's own totals and any mismatch, kept in the import's history record.</summary>
    private static string StatedNote(IntakeDraft draft) =>
        draft.Stated is not { } stated ? ""
        : "\n文件所述总数:" + stated.Describe() + (draft.TotalsWarnings.Count > 0 ? "(与导入数不符,经确认导入)" : "(与导入数一致)");

    private static IntakeTarget Target(InspectionRound round) => new(
        round.Id,
        round.Name,
        round.NextAspectOrdinal - 1,
        round.NextProblemNumber - 1);

    private static Task<bool> AlreadyImportedAsync(TrackerDbContext db, int roundId, string fingerprint, CancellationToken ct)
    {
        var marker = FeedbackFingerprint.Marker + fingerprint;
        return db.History.AnyAsync(h => h.RoundId == roundId && h.EntityType == HistoryEntities.Round && h.Action == ImportAction
            && h.Details != null && h.Details.Contains(marker), ct);
    }

    private Task<InspectionRound?> LoadEditableAsync(TrackerDbContext db, Actor actor, int roundId, CancellationToken ct) =>
        access.RoundRunByAsync(db, db.Rounds.Include(r => r.Aspects).ThenInclude(a => a.Problems).AsSplitQuery(), actor, roundId,
            "导入反馈意见", ct);
}
