using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Evidence;

/// <summary>An evidence file as pages and the download endpoint see it.</summary>
public sealed record EvidenceFileInfo(
    int Id,
    int TaskId,
    /// <summary>The first closure application that holds the file (a returned application's files may be carried into the next); null when none does.</summary>
    int? ApplicationId,
    string FileName,
    string Kind,
    string ContentType,
    long Size,
    string Sha256,
    DateTime UploadedAtUtc,
    string UploadedByName)
{
    /// <summary>"1.2 MB".</summary>
    public string SizeText => EvidenceNames.SizeText(Size);

    /// <summary>The first 12 hex characters of the SHA-256.</summary>
    public string ShortHash => EvidenceNames.ShortHash(Sha256);

    /// <summary>"PDF 文档", "Word 文档" ….</summary>
    public string KindLabel => FileSniffer.LabelOf(Kind);

    /// <summary>PDF and images can be opened in the browser (<c>?inline=true</c>).</summary>
    public bool CanPreview => FileSniffer.CanPreview(Kind);

    public string DownloadUrl => EvidenceEndpoints.DownloadUrl(Id);

    public string PreviewUrl => EvidenceEndpoints.DownloadUrl(Id, inline: true);
}

public enum DownloadOutcome
{
    Ok,

    /// <summary>No such file, or not visible to the actor (the two are not told apart).</summary>
    NotFound,

    /// <summary>The row exists but its bytes are gone from the store: an operations problem.</summary>
    ContentMissing,
}

/// <summary>An opened download; the caller owns and disposes <see cref="Content"/>.</summary>
public sealed record EvidenceDownload(DownloadOutcome Outcome, EvidenceFileInfo? File, Stream? Content);

/// <summary>
/// 佐证材料: upload (type by content, content-addressed storage), list, remove and download, each
/// checked against the task's read scope and recorded in the history chain — refusals included.
/// </summary>
public sealed class EvidenceService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    EvidenceStore store,
    Clock clock,
    ScopedAccess access,
    ILogger<EvidenceService> logger)
{
    public const string TaskNotFoundMessage = "未找到该任务或无权访问。";
    public const string EvidenceNotFoundMessage = "未找到该佐证材料或无权访问。";
    public const string SaveFailedMessage = "保存失败,请稍后重试。";

    /// <summary>
    /// The upload limit. A page reading an <c>IBrowserFile</c> should open it with
    /// <c>OpenReadStream(MaxUploadBytes + 1)</c>: the store then stops at the limit and answers with its
    /// Chinese message, rather than the browser stream failing with an English exception.
    /// </summary>
    public long MaxUploadBytes => store.MaxBytes;

    /// <summary>The refusal for a file over <see cref="MaxUploadBytes"/>.</summary>
    public string TooLargeMessage => store.TooLargeMessage;

    public async Task<Result<EvidenceFileInfo>> UploadAsync(Actor actor, int taskId, Stream content, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        var name = EvidenceNames.Sanitise(fileName);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var task = await access.TaskAsync(db, actor, taskId, $"上传佐证材料“{name}”", ct, tracking: false).ConfigureAwait(false);
        if (task is null)
        {
            return Result.Fail(TaskNotFoundMessage);
        }

        if (task.EvidenceRefusal(actor, TaskScoping.ScopeOf(task)) is { } refusal)
        {
            logger.LogInformation("Upload of {FileName} to task {TaskId} by {UserId} refused: {Reason}", name, taskId, actor.UserId, refusal);
            return Result.Fail(refusal);
        }

        var staged = await store.StageAsync(content, ct).ConfigureAwait(false);
        if (!staged.Succeeded)
        {
            logger.LogInformation("Upload of {FileName} to task {TaskId} by {UserId} refused: {Reason}", name, taskId, actor.UserId, staged.Outcome.Message);
            return staged.Outcome;
        }

        await using var blob = staged.Value!;
        Result<FileType> sniffed;
        await using (var bytes = blob.OpenRead())
        {
            sniffed = FileSniffer.Sniff(bytes, name);
        }

        if (!sniffed.Succeeded)
        {
            logger.LogWarning("Upload of {FileName} ({Size} bytes, SHA-256 {Sha256}) to task {TaskId} by {UserId} refused: {Reason}",
                name, blob.Size, blob.Sha256, taskId, actor.UserId, sniffed.Outcome.Message);
            return sniffed.Outcome;
        }

        var type = sniffed.Value!;
        var nameRefusal = EvidenceNames.ActiveNameRefusal(name)
            ?? (EvidenceNames.IsAllowedKind(type.Kind) ? null : $"无法确认该 {type.Label} 的具体类型,禁止上传。旧版 Word/Excel 文件请使用 .doc/.xls 扩展名,或另存为 .docx/.xlsx。");
        if (nameRefusal is not null)
        {
            logger.LogWarning("Upload of {FileName} ({Kind}, SHA-256 {Sha256}) to task {TaskId} by {UserId} refused: {Reason}",
                name, type.Kind, blob.Sha256, taskId, actor.UserId, nameRefusal);
            return Result.Fail(nameRefusal);
        }

        // The stored (and so the downloaded) name ends in an extension of the sniffed type.
        name = EvidenceNames.ForType(name.Length == 0 ? "佐证材料" : name, type.Kind);

        // The blob goes in place first: should the save below fail, an unreferenced blob is harmless
        // (content-addressed), whereas a row without its bytes would be a broken record.
        var stored = blob.Commit();
        var now = clock.UtcNow;
        var row = new EvidenceFile
        {
            TaskId = task.Id,
            FileName = name,
            ContentType = type.ContentType,
            Kind = type.Kind,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            UploadedAtUtc = now,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
        };
        db.EvidenceFiles.Add(row);
        // The row's id is not known before the save, and the history record is sealed before it:
        // the record names the task and the file by name and hash instead.
        db.History.Add(HistoryEntry.For(HistoryEntities.Evidence, null, actor, now, HistoryActions.Upload,
            details: EvidenceNames.Describe(name, stored.Size, stored.Sha256), roundId: task.RoundId, taskId: task.Id));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Saving evidence {FileName} (SHA-256 {Sha256}) of task {TaskId} failed", name, stored.Sha256, taskId);
            return Result.Fail(SaveFailedMessage);
        }

        logger.LogInformation("Evidence {EvidenceId} {FileName} ({Size} bytes, {Kind}, SHA-256 {Sha256}, {Storage}) uploaded to task {TaskId} by {UserId}",
            row.Id, name, stored.Size, type.Kind, stored.Sha256, stored.AlreadyStored ? "already stored" : "new blob", taskId, actor.UserId);
        return Result.Success(ToInfo(row, heldBy: null), $"已上传“{name}”。");
    }

    /// <summary>The task's evidence, oldest first; empty when the task is not visible to the actor.</summary>
    public async Task<IReadOnlyList<EvidenceFileInfo>> ListAsync(Actor actor, int taskId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        if (!await db.Tasks.VisibleTo(db, actor).AnyAsync(t => t.Id == taskId, ct).ConfigureAwait(false))
        {
            return [];
        }

        return await db.EvidenceFiles.AsNoTracking()
            .Where(e => e.TaskId == taskId)
            .OrderBy(e => e.UploadedAtUtc).ThenBy(e => e.Id)
            .Select(e => new EvidenceFileInfo(e.Id, e.TaskId,
                db.ClosureApplications.Where(a => a.Evidence.Any(x => x.Id == e.Id)).Min(a => (int?)a.Id),
                e.FileName, e.Kind, e.ContentType, e.Size, e.Sha256, e.UploadedAtUtc, e.UploadedByName))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Take a file back before it is submitted: the uploader or the responsible unit, while the file is
    /// in no closure application or progress report and the task is not closed. The row goes; the blob
    /// stays (it may be shared, and the history names its hash).
    /// </summary>
    public async Task<Result> RemoveAsync(Actor actor, int evidenceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var file = await db.EvidenceFiles.FirstOrDefaultAsync(e => e.Id == evidenceId, ct).ConfigureAwait(false);
        var task = await access.TaskAsync(db, actor, file?.TaskId, "删除佐证材料", ct, tracking: false,
            attemptedOn: (HistoryEntities.Evidence, evidenceId)).ConfigureAwait(false);
        if (file is null || task is null)
        {
            return Result.Fail(EvidenceNotFoundMessage);
        }

        var held = await HeldByAsync(db, file.Id, ct).ConfigureAwait(false);
        var refusal = RemovalRefusal(actor, file, held, task);
        if (refusal is not null)
        {
            logger.LogInformation("Removal of evidence {EvidenceId} by {UserId} refused: {Reason}", evidenceId, actor.UserId, refusal);
            return Result.Fail(refusal);
        }

        db.EvidenceFiles.Remove(file);
        db.History.Add(HistoryEntry.For(HistoryEntities.Evidence, file.Id, actor, clock.UtcNow, HistoryActions.RemoveEvidence,
            details: EvidenceNames.Describe(file.FileName, file.Size, file.Sha256), roundId: task.RoundId, taskId: task.Id));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("该佐证材料已被删除或修改,请刷新后查看。");
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Removing evidence {EvidenceId} failed", evidenceId);
            return Result.Fail(SaveFailedMessage);
        }

        logger.LogInformation("Evidence {EvidenceId} {FileName} removed from task {TaskId} by {UserId}", file.Id, file.FileName, task.Id, actor.UserId);
        return Result.Ok($"已删除“{file.FileName}”。");
    }

    /// <summary>
    /// Open a file for download (or in-browser preview). Not found and not visible look the same to the
    /// caller; a refusal is recorded as Denied, a delivery as Download, before any byte is sent.
    /// </summary>
    public async Task<EvidenceDownload> OpenDownloadAsync(Actor actor, int evidenceId, bool preview = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var file = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId, ct).ConfigureAwait(false);
        var task = await access.TaskAsync(db, actor, file?.TaskId, preview ? "预览佐证材料" : "下载佐证材料", ct, tracking: false,
            attemptedOn: (HistoryEntities.Evidence, evidenceId)).ConfigureAwait(false);
        if (file is null || task is null)
        {
            return new EvidenceDownload(DownloadOutcome.NotFound, null, null);
        }

        Stream content;
        try
        {
            content = store.OpenRead(file.Sha256);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogError("Evidence {EvidenceId} ({FileName}) of task {TaskId}: blob {Sha256} is missing from the store {Root}",
                file.Id, file.FileName, file.TaskId, file.Sha256, store.RootDirectory);
            return new EvidenceDownload(DownloadOutcome.ContentMissing, ToInfo(file, await HeldByAsync(db, file.Id, ct).ConfigureAwait(false)), null);
        }

        try
        {
            var details = (preview ? "在线预览:" : "") + EvidenceNames.Describe(file.FileName, file.Size, file.Sha256);
            db.History.Add(HistoryEntry.For(HistoryEntities.Evidence, file.Id, actor, clock.UtcNow, HistoryActions.Download,
                details: details, roundId: task.RoundId, taskId: task.Id));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            // No record, no download.
            await content.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new EvidenceDownload(DownloadOutcome.Ok, ToInfo(file, await HeldByAsync(db, file.Id, ct).ConfigureAwait(false)), content);
    }

    /// <summary>The first closure application that holds the file (it may be carried into later ones), or null.</summary>
    private static Task<int?> HeldByAsync(TrackerDbContext db, int evidenceId, CancellationToken ct) =>
        db.ClosureApplications.Where(a => a.Evidence.Any(x => x.Id == evidenceId)).MinAsync(a => (int?)a.Id, ct);

    private static string? RemovalRefusal(Actor actor, EvidenceFile file, int? heldBy, RectificationTask task)
    {
        if (task.EvidenceFrozen)
        {
            return "任务已销号,佐证材料已冻结,不能删除。";
        }

        if (heldBy is not null)
        {
            return "该材料已随销号申请提交,不能删除。";
        }

        if (file.ProgressUpdateId is not null)
        {
            return "该材料已随整改进展报送,不能删除。";
        }

        var isUploader = string.Equals(file.UploadedById, actor.UserId, StringComparison.Ordinal);
        return isUploader || TaskWorkflow.IsOwner(actor, TaskScoping.ScopeOf(task))
            ? null
            : "只有上传人或责任单位人员可以删除佐证材料。";
    }


    private static EvidenceFileInfo ToInfo(EvidenceFile e, int? heldBy) =>
        new(e.Id, e.TaskId, heldBy, e.FileName, e.Kind, e.ContentType, e.Size, e.Sha256, e.UploadedAtUtc, e.UploadedByName);
}
