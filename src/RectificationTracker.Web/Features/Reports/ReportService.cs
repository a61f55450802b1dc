using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports.Documents;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Reports;

public enum ReportStatus
{
    Ok,

    /// <summary>The round, unit or task is missing or outside the actor's scope (not told apart).</summary>
    NotFound,

    /// <summary>The PDF engine is missing, busy or timed out; <see cref="ReportOutcome.Message"/> says which.</summary>
    Failed,
}

public sealed record ReportOutcome(ReportStatus Status, string? FileName = null, string? Message = null)
{
    public const string NotFoundMessage = "未找到要导出的内容,或您无权访问。";

    public static ReportOutcome NotFound() => new(ReportStatus.NotFound, Message: NotFoundMessage);
}

/// <summary>
/// The printed and exported reports: each applies the actor's role and unit scope exactly as the page it
/// comes from (the ledger uses <see cref="LedgerQueries"/> with the same <see cref="LedgerFilter"/>), writes
/// the file to the caller's stream, and records the download in the history. An out-of-scope round, unit
/// or task is answered like a missing one and recorded as a denied attempt.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    LedgerQueries ledger,
    FlowchartQueries flowchart,
    TaskQueries tasks,
    UnitDirectory units,
    Features.Common.ScopedAccess access,
    Infrastructure.PdfWriter.NativePdf nativePdf,
    Clock clock,
    HistoryAnchors anchors,
    IConfiguration configuration)
{
    /// <summary>Configuration key: false leaves generated-by/at out of printed reports (copies to be filed); default true.</summary>
    public const string GeneratedFooterKey = "Tracker:Reports:GeneratedFooter";

    public const string LedgerTitle = "巡察反馈意见整改销号表";

    /// <summary>Null when PDFs can be printed; otherwise the Chinese reason to show instead of the PDF buttons.</summary>
    public string? PdfUnavailableReason => nativePdf.Fonts.CanDrawChinese
        ? null
        : "PDF 报表暂不可用:服务器未安装报表中文字体。请联系系统管理员安装 Debian 软件包 " + string.Join(" ", Infrastructure.PdfWriter.DocumentFonts.Packages) + ";Excel 导出等其他功能不受影响。";

    /// <summary>The ledger report's content for <paramref name="filter"/>, or null when its round or unit is out of scope.</summary>
    public async Task<LedgerReportModel?> LedgerModelAsync(Actor actor, LedgerFilter filter, PaperSize paper, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var scope = await DescribeScopeAsync(db, actor, filter, "导出整改台账", ct).ConfigureAwait(false);
        if (scope is null)
        {
            return null;
        }

        var rows = await ledger.AllAsync(actor, filter with { Page = 0 }, ct).ConfigureAwait(false);
        return new LedgerReportModel(LedgerTitle, scope.RoundText, scope.InspectedUnitsText, scope.ScopeText, rows, paper, await StampAsync(actor, ct).ConfigureAwait(false));
    }

    public async Task<ReportOutcome> LedgerPdfAsync(Actor actor, LedgerFilter filter, PaperSize paper, Stream output, CancellationToken ct = default)
    {
        var model = await LedgerModelAsync(actor, filter, paper, ct).ConfigureAwait(false);
        if (model is null)
        {
            return ReportOutcome.NotFound();
        }

        var failed = await WriteNativeAsync((fonts, file) => LedgerPdf.Write(model, fonts, file), output, ct).ConfigureAwait(false);
        if (failed is not null)
        {
            return failed;
        }

        var fileName = FileName(LedgerTitle, model.RoundText, "pdf");
        await RecordDownloadAsync(actor, $"导出{LedgerTitle} PDF({paper} 横向,{model.Rows.Count} 项):{model.ScopeText}",
            filter.RoundId, null, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, fileName);
    }

    public async Task<ReportOutcome> LedgerXlsxAsync(Actor actor, LedgerFilter filter, Stream output, CancellationToken ct = default)
    {
        var model = await LedgerModelAsync(actor, filter, PaperSize.A4, ct).ConfigureAwait(false);
        if (model is null)
        {
            return ReportOutcome.NotFound();
        }

        LedgerWorkbook.Write(model, output);
        await RecordDownloadAsync(actor, $"导出整改台账 Excel({model.Rows.Count} 项):{model.ScopeText}", filter.RoundId, null, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, FileName("整改台账", model.RoundText, "xlsx"));
    }

    /// <summary>The flowchart's counts and scope words, or null when the round or unit is out of scope.</summary>
    public async Task<FlowchartModel?> FlowchartModelAsync(Actor actor, int? roundId, int? unitId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var scope = await DescribeScopeAsync(db, actor, new LedgerFilter { RoundId = roundId, UnitId = unitId }, "查看整改工作流程图", ct).ConfigureAwait(false);
        if (scope is null)
        {
            return null;
        }

        var counts = await flowchart.CountAsync(actor, roundId, unitId, ct).ConfigureAwait(false);
        return new FlowchartModel(counts, scope.RoundText, scope.ScopeText);
    }

    public async Task<ReportOutcome> FlowchartPdfAsync(Actor actor, int? roundId, int? unitId, Stream output, CancellationToken ct = default)
    {
        var model = await FlowchartModelAsync(actor, roundId, unitId, ct).ConfigureAwait(false);
        if (model is null)
        {
            return ReportOutcome.NotFound();
        }

        var stamp = await StampAsync(actor, ct).ConfigureAwait(false);
        if (await WriteNativeAsync((fonts, file) => FlowchartPdf.Write(model, stamp, fonts, file), output, ct).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        await RecordDownloadAsync(actor, $"导出巡察整改工作流程图 PDF:{model.RoundText ?? "全部轮次"};{model.ScopeText}", roundId, null, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, FileName("巡察整改工作流程图", model.RoundText, "pdf"));
    }

    /// <summary>销号审签单 of one task; an out-of-scope task is answered like a missing one (and recorded).</summary>
    public async Task<ReportOutcome> SignOffPdfAsync(Actor actor, int taskId, Stream output, CancellationToken ct = default)
    {
        var detail = await tasks.DetailAsync(actor, taskId, "导出销号审签单", ct).ConfigureAwait(false);
        if (detail is null)
        {
            return ReportOutcome.NotFound();
        }

        if (await WriteSignOffAsync(actor, detail, output, ct).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        var code = $"{detail.ProblemNumber}-{detail.Task.Number}";
        await RecordDownloadAsync(actor, $"导出销号审签单 PDF:任务 {code}", detail.Task.RoundId, taskId, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, FileName("销号审签单-" + code, detail.RoundName, "pdf"));
    }

    /// <summary>The sign-off sheet of a task the actor may read, stamped now, written into <paramref name="output"/>; records nothing.</summary>
    internal async Task<ReportOutcome?> WriteSignOffAsync(Actor actor, TaskDetail detail, Stream output, CancellationToken ct)
    {
        var stamp = await StampAsync(actor, ct).ConfigureAwait(false);
        string Local(DateTime? utc) => utc is { } u ? clock.ToLocal(u).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
        return await WriteNativeAsync((fonts, file) => SignOffPdf.Write(detail, stamp, Local, fonts, file), output, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The date printed as 截至日期 (the operator command's <c>--as-of</c>); today when not set. The queries
    /// judge deadlines by their own clock, which the operator command sets to the same date.
    /// </summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>The stamp of a report printed now; the chain's head is anchored outside the database as it is printed.</summary>
    internal async Task<ReportStamp> StampAsync(Actor actor, CancellationToken ct)
    {
        var head = await anchors.AnchorHeadAsync(ct).ConfigureAwait(false);
        return new ReportStamp(actor.Name, clock.ToLocal(clock.UtcNow), AsOf ?? clock.Today, head.IsEmpty ? null : head.Fingerprint,
            configuration.GetValue(GeneratedFooterKey, true));
    }

    /// <summary>A report written straight to PDF (ADR 14) into <paramref name="output"/>; a failed outcome when the fonts are missing.</summary>
    internal async Task<ReportOutcome?> WriteNativeAsync(Action<Infrastructure.PdfWriter.DocumentFonts, Stream> write, Stream output, CancellationToken ct)
    {
        if (PdfUnavailableReason is { } reason)
        {
            return new ReportOutcome(ReportStatus.Failed, Message: reason);
        }

        await nativePdf.WriteAsync(write, output, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Characters a download's file name replaces with "_".</summary>
    private static readonly char[] NotInFileNames = [.. Path.GetInvalidFileNameChars(), '"'];

    internal string FileName(string title, string? roundText, string extension)
    {
        var name = roundText is null ? title : $"{title}-{roundText}";
        foreach (var c in NotInFileNames)
        {
            name = name.Replace(c, '_');
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name}-{clock.Today:yyyyMMdd}.{extension}");
    }

    internal async Task RecordDownloadAsync(Actor actor, string details, int? roundId, int? taskId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await AppendDownloadAsync(db, actor, details, roundId, taskId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds and saves a download's history record on <paramref name="db"/>, in its own transaction or the caller's (the
    /// warm-up's, which is rolled back).
    /// </summary>
    internal async Task AppendDownloadAsync(TrackerDbContext db, Actor actor, string details, int? roundId, int? taskId, CancellationToken ct)
    {
        db.History.Add(HistoryEntry.For(HistoryEntities.Report, taskId, actor, clock.UtcNow, HistoryActions.Download, details: details, roundId: roundId, taskId: taskId));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The round's name and the scope in words, or null (recorded as denied) when the round or unit is out of scope.</summary>
    internal async Task<(string? RoundText, string ScopeText)?> ScopeAsync(Actor actor, int? roundId, int? unitId, string attempted, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var scope = await DescribeScopeAsync(db, actor, new LedgerFilter { RoundId = roundId, UnitId = unitId }, attempted, ct).ConfigureAwait(false);
        return scope is null ? null : (scope.RoundText, scope.ScopeText);
    }

    private sealed record ScopeWords(string? RoundText, string? InspectedUnitsText, string ScopeText);

    /// <summary>
    /// Checks that the filter's round and unit are the actor's to see, and puts the filter into words.
    /// Null (and a denied record) when either is missing or out of scope.
    /// </summary>
    private async Task<ScopeWords?> DescribeScopeAsync(TrackerDbContext db, Actor actor, LedgerFilter f, string attempted, CancellationToken ct)
    {
        var parts = new List<string>();
        string? roundText = null;
        string? inspected = null;
        if (f.RoundId is { } roundId)
        {
            var round = await VisibleRoundAsync(db, actor, roundId, ct).ConfigureAwait(false);
            if (round is null)
            {
                access.RecordDenied(actor, HistoryEntities.Round, roundId, null, attempted);
                return null;
            }

            roundText = round.Value.Name;
            inspected = round.Value.Inspected;
        }

        if (f.UnitId is { } unitId)
        {
            var unit = await units.FindAsync(unitId, ct).ConfigureAwait(false);
            if (unit is null || !(actor.Has(Role.Admin) || actor.InScope(unit.Path)))
            {
                access.RecordDenied(actor, HistoryEntities.Unit, unitId, null, attempted);
                return null;
            }

            parts.Add($"责任单位 {unit.Label}(含下级单位)");
        }

        if (!string.IsNullOrEmpty(f.LeadLeaderId))
        {
            var leader = await db.Users.AsNoTracking().Where(u => u.Id == f.LeadLeaderId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            parts.Add($"牵头领导 {leader ?? "未知"}");
        }

        if (f.Category is { } category)
        {
            parts.Add($"整改类型 {TaskNames.DisplayName(category)}");
        }

        if (f.State is { } state)
        {
            parts.Add($"状态 {TaskNames.DisplayName(state)}");
        }

        if (f.Light is { } light)
        {
            parts.Add($"预警灯 {TaskLights.DisplayName(light)}");
        }

        if (f.DeadlineFrom is not null || f.DeadlineTo is not null)
        {
            parts.Add($"整改时限 {ReportText.Date(f.DeadlineFrom) switch { "" => "不限", var s => s }} 至 {ReportText.Date(f.DeadlineTo) switch { "" => "不限", var s => s }}");
        }

        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            parts.Add($"关键词“{f.Text.Trim()}”");
        }

        var list = f.List switch
        {
            Worklist.Mine => "我的任务",
            Worklist.Review => "待审核",
            Worklist.SignOff => "待我审签",
            _ => null,
        };
        if (list is not null)
        {
            parts.Insert(0, list);
        }

        // The scope is stated in names, never as "您职责范围内": a printed document is read by others.
        var scope = parts.Count == 0
            ? await WholeScopeAsync(actor, roundText, ct).ConfigureAwait(false)
            : string.Join(";", parts);
        return new ScopeWords(roundText, inspected, scope);
    }

    /// <summary>"西河县人民检察院(含下级单位)范围内的全部整改任务", or for an administrator "全部单位的全部整改任务".</summary>
    private async Task<string> WholeScopeAsync(Actor actor, string? roundText, CancellationToken ct)
    {
        var prefix = roundText is null ? "" : "本轮次";
        if (actor.Has(Role.Admin))
        {
            return prefix + "全部单位的全部整改任务";
        }

        var unit = await units.FindAsync(actor.UnitId, ct).ConfigureAwait(false);
        return $"{prefix}{unit?.Label ?? "本单位"}(含下级单位)范围内的全部整改任务";
    }

    private async Task<(string Name, string Inspected)?> VisibleRoundAsync(TrackerDbContext db, Actor actor, int roundId, CancellationToken ct)
    {
        var path = actor.UnitPath;
        var all = actor.Has(Role.Admin);
        var visible = db.Tasks.VisibleTo(db, actor);
#pragma warning disable CA1310 // SQL prefix test
        var round = await db.Rounds.AsNoTracking()
            .Where(r => r.Id == roundId && (all || r.OfficeUnit!.Path.StartsWith(path) || visible.Any(t => t.RoundId == r.Id)))
#pragma warning restore CA1310
            .Select(r => new { r.Name, Units = r.InspectedUnits.Select(i => i.UnitId).ToList() })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (round is null)
        {
            return null;
        }

        var labels = await units.LabelsAsync(ct).ConfigureAwait(false);
        var names = (await units.AllAsync(ct).ConfigureAwait(false)).Where(u => round.Units.Contains(u.Id)).OrderBy(u => u.SortOrder)
            .Select(u => labels[u.Id]).ToList();
        return (round.Name, names.Count == 0 ? "—" : string.Join("、", names));
    }
}
