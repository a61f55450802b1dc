using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Intake;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.ThreeLists;

/// <summary>The outcome of checking (and possibly importing) an uploaded sheet.</summary>
public sealed record ThreeListOutcome(bool Committed, string Message, ThreeListPlan? Plan, IReadOnlyList<ImportError> Errors)
{
    /// <summary>Units' distinct labels by id, so the preview shows each row's 责任单位 and 配合单位 before confirming.</summary>
    public IReadOnlyDictionary<int, string> UnitLabels { get; init; } = new Dictionary<int, string>();

    public string UnitLabel(int id) => UnitLabels.TryGetValue(id, out var label) ? label : "";

    public bool Valid => Errors.Count == 0 && Plan is { IsValid: true };
}

/// <summary>A workbook to send: name and bytes.</summary>
public sealed record WorkbookFile(string FileName, byte[] Content);

/// <summary>
/// The three lists as Excel: template and export for a round, and the import (check every row,
/// preview, commit in one transaction). Only office staff whose unit runs the round may use them.
/// </summary>
public sealed class ThreeListService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    UnitDirectory units,
    PeopleQueries people,
    NavCounts navCounts,
    ScopedAccess access,
    ILogger<ThreeListService> logger)
{
    public const string ImportAction = HistoryActions.ImportThreeLists;

    /// <summary>The empty template (header, drop-downs, instructions); null when the round is out of reach.</summary>
    public Task<WorkbookFile?> TemplateAsync(Actor actor, int roundId, CancellationToken ct = default) =>
        WorkbookAsync(actor, roundId, withRows: false, ct);

    /// <summary>The round's three lists in the template's layout; null when the round is out of reach.</summary>
    public Task<WorkbookFile?> ExportAsync(Actor actor, int roundId, CancellationToken ct = default) =>
        WorkbookAsync(actor, roundId, withRows: true, ct);

    /// <summary>Checks every row; writes nothing.</summary>
    public Task<ThreeListOutcome> PreviewAsync(Actor actor, int roundId, Stream content, string fileName, CancellationToken ct = default) =>
        RunAsync(actor, roundId, content, fileName, commit: false, ct);

    /// <summary>Checks every row again against the round as it is now and, only if all are valid, applies them in one transaction.</summary>
    public Task<ThreeListOutcome> CommitAsync(Actor actor, int roundId, Stream content, string fileName, CancellationToken ct = default) =>
        RunAsync(actor, roundId, content, fileName, commit: true, ct);

    private async Task<WorkbookFile?> WorkbookAsync(Actor actor, int roundId, bool withRows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadAsync(db, actor, roundId, withRows ? "导出三个清单" : "下载三个清单模板", ct).ConfigureAwait(false);
        if (round is null)
        {
            return null;
        }

        var (unitLabels, unitNames) = await UnitLabelsAsync(ct).ConfigureAwait(false);
        var leaders = (await people.LeadersAsync(ct).ConfigureAwait(false)).Select(l => l.Name).Distinct(StringComparer.Ordinal).ToList();
        // Both start from the issue list: every problem of the round is listed (序号, 方面, 问题); a problem
        // without tasks gets one row with empty task columns to fill, and the export adds the tasks there are.
        var rows = new List<IReadOnlyList<string>>();
        foreach (var aspect in round.Aspects.OrderBy(a => a.Ordinal))
        {
            foreach (var problem in aspect.Problems.OrderBy(p => p.Number))
            {
                if (!withRows || problem.Tasks.Count == 0)
                {
                    rows.Add(ProblemOnlyRow(aspect, problem));
                    continue;
                }

                foreach (var task in problem.Tasks.OrderBy(t => t.Number))
                {
                    rows.Add(Row(aspect, problem, task, unitNames));
                }
            }
        }

        using var buffer = new MemoryStream();
        ThreeListWorkbook.Write(buffer, rows, unitLabels, leaders, round.Name);
        db.History.Add(HistoryEntry.For(HistoryEntities.Round, round.Id, actor, clock.UtcNow, HistoryActions.Download, roundId: round.Id,
            details: withRows ? string.Create(CultureInfo.InvariantCulture, $"导出三个清单({rows.Count} 项任务)") : "下载三个清单模板"));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        var name = (withRows ? "三个清单-" : "三个清单模板-") + SafeName(round.Name) + ".xlsx";
        return new WorkbookFile(name, buffer.ToArray());
    }

    private static string[] ProblemOnlyRow(Aspect aspect, Problem problem)
    {
        var cells = Enumerable.Repeat("", ThreeListColumns.Headers.Count).ToArray();
        cells[ThreeListColumns.Aspect] = aspect.OrdinalLabel + aspect.Title;
        cells[ThreeListColumns.ProblemNumber] = problem.Number.ToString(CultureInfo.InvariantCulture);
        cells[ThreeListColumns.Problem] = problem.Title;
        return cells;
    }

    private static string[] Row(Aspect aspect, Problem problem, RectificationTask task, Dictionary<int, string> unitNames)
    {
        var cells = new string[ThreeListColumns.Headers.Count];
        cells[ThreeListColumns.Aspect] = aspect.OrdinalLabel + aspect.Title;
        cells[ThreeListColumns.ProblemNumber] = problem.Number.ToString(CultureInfo.InvariantCulture);
        cells[ThreeListColumns.Problem] = problem.Title;
        cells[ThreeListColumns.TaskNumber] = task.Number.ToString(CultureInfo.InvariantCulture);
        cells[ThreeListColumns.Measure] = task.Measure;
        cells[ThreeListColumns.Category] = TaskNames.DisplayName(task.Category);
        cells[ThreeListColumns.LeadLeader] = task.LeadLeaderName ?? "";
        cells[ThreeListColumns.ResponsibleUnit] = task.ResponsibleUnitId is { } u && unitNames.TryGetValue(u, out var n) ? n : "";
        cells[ThreeListColumns.CooperatingUnits] = string.Join("、", task.CooperatingUnits.Select(c => unitNames.GetValueOrDefault(c.UnitId, "")).Where(s => s.Length > 0));
        cells[ThreeListColumns.ResponsiblePerson] = task.ResponsiblePersonName ?? "";
        cells[ThreeListColumns.Deadline] = task.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        return cells;
    }

    private async Task<ThreeListOutcome> RunAsync(Actor actor, int roundId, Stream content, string fileName, bool commit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await LoadAsync(db, actor, roundId, "导入三个清单", ct).ConfigureAwait(false);
        if (round is null)
        {
            return new ThreeListOutcome(false, FeedbackIntakeService.NotFound, null, [new ImportError(0, "", FeedbackIntakeService.NotFound)]);
        }

        var sheet = ThreeListWorkbook.Read(content, fileName);
        if (sheet.Errors.Count > 0 && sheet.Rows.Count == 0)
        {
            return new ThreeListOutcome(false, sheet.Errors[0].Message, null, sheet.Errors);
        }

        var reference = await ReferenceAsync(round, ct).ConfigureAwait(false);
        var plan = ThreeListPlanner.Plan(sheet.Rows, reference);
        var errors = sheet.Errors.Concat(plan.Errors).OrderBy(e => e.Row).ToList();
        if (errors.Count > 0)
        {
            return new ThreeListOutcome(false, string.Create(CultureInfo.InvariantCulture, $"发现 {errors.Count} 处错误,未导入任何数据。请修改表格后重新上传。"), plan, errors);
        }

        if (!commit)
        {
            return new ThreeListOutcome(false, string.Create(CultureInfo.InvariantCulture,
                $"检查通过:共 {plan.Rows.Count} 行,将新增 {plan.Creates} 项任务、更新 {plan.Updates} 项,{plan.Rows.Count - plan.Creates - plan.Updates} 项无变化。"), plan, [])
            {
                UnitLabels = await units.LabelsAsync(ct).ConfigureAwait(false),
            };
        }

        try
        {
            await ApplyAsync(db, actor, round, plan, fileName, ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Three-lists import into round {RoundId} failed", roundId);
            return new ThreeListOutcome(false, "导入失败:该轮次刚刚已被其他人修改,请重新上传。", plan, [new ImportError(0, "", "导入失败:该轮次刚刚已被其他人修改,请重新上传。")]);
        }
        catch (DomainException ex)
        {
            return new ThreeListOutcome(false, ex.Message, plan, [new ImportError(0, "", ex.Message)]);
        }

        navCounts.Invalidate();
        return new ThreeListOutcome(true, string.Create(CultureInfo.InvariantCulture,
            $"导入完成:新增 {plan.Creates} 项任务、更新 {plan.Updates} 项。"), plan, []);
    }

    private async Task ApplyAsync(TrackerDbContext db, Actor actor, InspectionRound round, ThreeListPlan plan, string fileName, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var allUnits = (await units.AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var problems = round.Aspects.SelectMany(a => a.Problems).ToDictionary(p => p.Number);
        var tasks = problems.Values.SelectMany(p => p.Tasks).ToDictionary(t => t.Id);
        var newAspects = new List<Aspect>();
        var newProblems = new List<Problem>();
        var created = new List<(RectificationTask Task, PlannedTaskRow Row)>();
        var updated = new List<(RectificationTask Task, PlannedTaskRow Row)>();
        foreach (var row in plan.Rows.Where(r => r.Action != RowAction.Unchanged))
        {
            if (!problems.TryGetValue(row.ProblemNumber, out var problem))
            {
                var aspect = round.Aspects.FirstOrDefault(a => string.Equals(a.Title, row.AspectTitle, StringComparison.Ordinal));
                if (aspect is null)
                {
                    aspect = round.AddAspect(row.AspectTitle);
                    newAspects.Add(aspect);
                }

                problem = new Problem { RoundId = round.Id, Number = row.ProblemNumber, Title = row.ProblemTitle, Text = row.ProblemTitle };
                aspect.Problems.Add(problem);
                problems[row.ProblemNumber] = problem;
                newProblems.Add(problem);
            }

            var task = row.ExistingTaskId is { } id ? tasks[id] : new RectificationTask { RoundId = round.Id, Number = row.TaskNumber, CreatedAtUtc = now };
            task.Measure = row.Measure;
            task.Category = row.Category;
            task.LeadLeaderId = row.LeadLeaderId;
            task.LeadLeaderName = row.LeadLeaderName;
            task.ResponsibleUnitId = row.ResponsibleUnitId;
            task.ResponsiblePersonName = row.ResponsiblePersonName;
            task.Deadline = row.Deadline;
            task.CooperatingUnits.RemoveAll(c => !row.CooperatingUnitIds.Contains(c.UnitId));
            foreach (var unitId in row.CooperatingUnitIds.Where(u => task.CooperatingUnits.All(c => c.UnitId != u)))
            {
                task.CooperatingUnits.Add(new TaskCooperatingUnit { UnitId = unitId });
            }

            if (row.ExistingTaskId is null)
            {
                problem.Tasks.Add(task);
                created.Add((task, row));
            }
            else
            {
                updated.Add((task, row));
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        db.History.Add(HistoryEntry.For(HistoryEntities.Round, round.Id, actor, now, ImportAction, roundId: round.Id,
            details: string.Create(CultureInfo.InvariantCulture,
                $"导入三个清单《{SafeName(fileName)}》:新增 {created.Count} 项任务、更新 {updated.Count} 项,新增 {newAspects.Count} 个方面、{newProblems.Count} 个问题")));
        foreach (var aspect in newAspects)
        {
            db.History.Add(HistoryEntry.For(HistoryEntities.Aspect, aspect.Id, actor, now, HistoryActions.CreateAspect, details: $"{aspect.OrdinalLabel}{aspect.Title}(导入三个清单)", roundId: round.Id));
        }

        foreach (var problem in newProblems)
        {
            db.History.Add(HistoryEntry.For(HistoryEntities.Problem, problem.Id, actor, now, HistoryActions.CreateProblem,
                details: string.Create(CultureInfo.InvariantCulture, $"问题{problem.Number}:{problem.Title}(导入三个清单)"), roundId: round.Id));
        }

        foreach (var (task, row) in updated)
        {
            db.History.Add(HistoryEntry.ForTask(task, actor, now, HistoryActions.Edit, null, null, null,
                details: "导入三个清单:" + string.Join(";", row.Changes)));
        }

        foreach (var (task, row) in created)
        {
            db.History.Add(HistoryEntry.ForTask(task, actor, now, HistoryActions.Register, null, TaskState.Registered, null,
                details: string.Create(CultureInfo.InvariantCulture, $"任务{task.Number}:{task.Measure}(导入三个清单第 {row.RowNumber} 行)")));
            var scope = new TaskScope(
                round.OfficeUnit!.Path,
                allUnits.TryGetValue(row.ResponsibleUnitId, out var unit) ? unit.Path : null,
                row.CooperatingUnitIds.Select(u => allUnits.TryGetValue(u, out var c) ? c.Path : null).OfType<string>().ToList(),
                task.LeadLeaderId,
                task.ResponsiblePersonId);
            db.History.Add(task.Assign(actor, scope, now));
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<ThreeListReference> ReferenceAsync(InspectionRound round, CancellationToken ct)
    {
        var (labels, _) = await UnitLabelsAsync(ct).ConfigureAwait(false);
        var all = (await units.AllAsync(ct).ConfigureAwait(false)).Where(u => u.IsActive).ToList();
        var unitMap = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var group in all.GroupBy(u => u.Name, StringComparer.Ordinal))
        {
            unitMap[group.Key] = group.Count() == 1 ? group.First().Id : null;
        }

        foreach (var (id, label) in LegacyLabels(all))
        {
            unitMap[label] = id;
        }

        foreach (var (label, id) in labels.Zip(all.Select(u => u.Id)))
        {
            unitMap[label] = id;
        }

        var leaderMap = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var group in (await people.LeadersAsync(ct).ConfigureAwait(false)).GroupBy(l => l.Name, StringComparer.Ordinal))
        {
            leaderMap[group.Key] = group.Count() == 1 ? group.First().Id : null;
        }

        var problems = round.Aspects.SelectMany(a => a.Problems).ToList();
        return new ThreeListReference
        {
            FeedbackDate = round.FeedbackDate,
            Units = unitMap,
            Leaders = leaderMap,
            Aspects = round.Aspects.Select(a => new ExistingAspect(a.Id, a.Ordinal, a.Title)).ToList(),
            Problems = problems.ToDictionary(p => p.Number, p => new ExistingProblem(p.Id, p.Number, p.Title, p.AspectId)),
            Tasks = problems.SelectMany(p => p.Tasks.Select(t => (p, t))).ToDictionary(
                x => (x.p.Number, x.t.Number),
                x => new ExistingTask(x.t.Id, x.t.Measure, x.t.Category, x.t.LeadLeaderId, x.t.ResponsibleUnitId,
                    x.t.CooperatingUnits.Select(c => c.UnitId).ToList(), x.t.ResponsiblePersonName, x.t.Deadline, x.t.IsClosed)),
        };
    }

    /// <summary>
    /// Labels of the active units for the drop-down, in tree order, by the one labelling rule (<see cref="UnitLabels"/>):
    /// the unit's short name or name, qualified by its parent ("东岭县人民检察院 / 综合办公室") when another unit reads the same.
    /// </summary>
    private async Task<(List<string> Labels, Dictionary<int, string> ById)> UnitLabelsAsync(CancellationToken ct)
    {
        var all = await units.AllAsync(ct).ConfigureAwait(false);
        var labels = all.ToDictionary(u => u.Id, u => u.Label);
        return (all.Where(u => u.IsActive).Select(u => labels[u.Id]).ToList(), labels);
    }

    /// <summary>The label workbooks filled before <see cref="UnitLabels"/> named units by ("上级/名称"), still understood on import.</summary>
    private static Dictionary<int, string> LegacyLabels(IReadOnlyList<UnitInfo> all)
    {
        var byId = all.ToDictionary(u => u.Id);
        var shared = all.Where(u => u.IsActive).GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return all.Where(u => shared.Contains(u.Name) && u.ParentId is { } parent && byId.ContainsKey(parent))
            .ToDictionary(u => u.Id, u => byId[u.ParentId!.Value].Name + "/" + u.Name);
    }

    private Task<InspectionRound?> LoadAsync(TrackerDbContext db, Actor actor, int roundId, string attempted, CancellationToken ct) =>
        access.RoundRunByAsync(db,
            db.Rounds.Include(r => r.Aspects).ThenInclude(a => a.Problems).ThenInclude(p => p.Tasks).ThenInclude(t => t.CooperatingUnits).AsSplitQuery(),
            actor, roundId, attempted, ct);

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray()).Trim();
        return cleaned.Length > 60 ? cleaned[..60] : cleaned;
    }
}
