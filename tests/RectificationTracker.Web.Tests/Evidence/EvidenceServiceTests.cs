using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RectificationTracker.Web.Features.Evidence;

namespace RectificationTracker.Web.Tests.Evidence;

public sealed class EvidenceServiceTests : IAsyncLifetime
{
    private EvidenceWorld _world = null!;

    public async Task InitializeAsync() => _world = await EvidenceWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Owner_uploads_a_pdf_and_it_is_recorded_with_its_sniffed_type_and_hash()
    {
        var taskId = await _world.CreateTaskAsync();
        var bytes = SampleFiles.Pdf("owner upload");

        // The name says Word; the content says PDF. The path part a browser may send is dropped.
        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(bytes), @"C:\fakepath\整改方案.docx");

        Assert.True(result.Succeeded, result.Outcome.Message);
        var info = result.Value!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal("整改方案.pdf", info.FileName); // the extension follows the content
        Assert.Equal("PDF", info.Kind);
        Assert.Equal("application/pdf", info.ContentType);
        Assert.Equal(bytes.Length, info.Size);
        Assert.Equal(sha, info.Sha256);
        Assert.Equal(sha[..12], info.ShortHash);
        Assert.Equal(_world.NowUtc, info.UploadedAtUtc);
        Assert.Equal("陈晓", info.UploadedByName);
        Assert.Null(info.ApplicationId);
        Assert.True(_world.Store.Exists(sha));

        await using var db = await _world.Db.CreateDbContextAsync();
        var row = await db.EvidenceFiles.SingleAsync();
        Assert.Equal(_world.Owner.UserId, row.UploadedById);
        var history = await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db);
        var upload = Assert.Single(history, h => h.Action == "Upload");
        Assert.Equal("Evidence", upload.EntityType);
        Assert.Equal(taskId, upload.TaskId);
        Assert.NotNull(upload.RoundId);
        Assert.Equal(_world.Owner.UserId, upload.ActorId);
        Assert.Equal($"整改方案.pdf ({info.SizeText}, {sha[..12]})", upload.Details);
    }

    [Fact]
    public async Task The_inspection_office_may_upload_too()
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Office, taskId, new MemoryStream(SampleFiles.Xlsx()), "清退台账.xlsx");

        Assert.True(result.Succeeded, result.Outcome.Message);
        Assert.Equal("XLSX", result.Value!.Kind);
    }

    [Fact]
    public async Task Renamed_executable_is_refused_and_nothing_is_written()
    {
        var taskId = await _world.CreateTaskAsync();
        var historyBefore = (await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db)).Count;

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.WindowsExe()), "整改报告.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("文件内容为可执行程序,禁止上传(文件名:整改报告.pdf)", result.Outcome.Message);
        Assert.Equal(0, await _world.EvidenceRowCountAsync());
        Assert.Empty(_world.FilesOnDisk());
        Assert.Equal(historyBefore, (await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db)).Count);
        Assert.Contains(_world.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("整改报告.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_file_is_accepted()
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Utf8Text()), "整改说明.txt");

        Assert.True(result.Succeeded, result.Outcome.Message);
        Assert.Equal("TXT", result.Value!.Kind);
        Assert.Equal("text/plain; charset=utf-8", result.Value.ContentType);
    }

    [Fact]
    public async Task Duplicate_upload_makes_two_rows_and_one_blob()
    {
        var taskId = await _world.CreateTaskAsync();
        var bytes = SampleFiles.Docx();

        var first = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(bytes), "整改方案.docx");
        var second = await _world.Service.UploadAsync(_world.OwnerColleague, taskId, new MemoryStream(bytes), "整改方案(定稿).docx");

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.NotEqual(first.Value!.Id, second.Value!.Id);
        Assert.Equal(first.Value.Sha256, second.Value.Sha256);
        Assert.Equal(2, await _world.EvidenceRowCountAsync());
        Assert.Equal([_world.Store.PathOf(first.Value.Sha256)], _world.FilesOnDisk());
    }

    [Fact]
    public async Task File_over_the_size_limit_is_refused_and_nothing_is_written()
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Owner, taskId,
            new MemoryStream(SampleFiles.TextOfSize((int)EvidenceWorld.MaxUploadBytes + 1)), "超大文本.txt");

        Assert.False(result.Succeeded);
        Assert.Equal("文件超过大小上限 1 MB", result.Outcome.Message);
        Assert.Equal(0, await _world.EvidenceRowCountAsync());
        Assert.Empty(_world.FilesOnDisk());
    }

    [Fact]
    public async Task User_of_another_unit_cannot_upload_and_the_attempt_is_recorded_as_denied()
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.WestCounty, taskId, new MemoryStream(SampleFiles.Pdf()), "整改报告.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("未找到该任务或无权访问。", result.Outcome.Message);
        Assert.Equal(0, await _world.EvidenceRowCountAsync());
        Assert.Empty(_world.FilesOnDisk());
        var denied = Assert.Single(await _world.HistoryWithDeniedAttemptsAsync(), h => h.Action == "Denied");
        Assert.Equal("Task", denied.EntityType);
        Assert.Equal(taskId, denied.EntityId);
        Assert.Equal(_world.WestCounty.UserId, denied.ActorId);
        Assert.Contains("上传佐证材料", denied.Details, StringComparison.Ordinal);
        Assert.Contains("整改报告.pdf", denied.Details, StringComparison.Ordinal);
        Assert.Contains(_world.AccessLog.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_to_a_task_that_does_not_exist_looks_the_same_as_no_access()
    {
        var result = await _world.Service.UploadAsync(_world.Owner, 9999, new MemoryStream(SampleFiles.Pdf()), "a.pdf");

        Assert.Equal("未找到该任务或无权访问。", result.Outcome.Message);
        Assert.Single(await _world.HistoryWithDeniedAttemptsAsync(), h => h.Action == "Denied" && h.EntityId == 9999);
    }

    [Fact]
    public async Task A_visible_but_unassigned_task_takes_no_evidence()
    {
        var taskId = await _world.CreateTaskAsync(assign: false);

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf()), "a.pdf");

        Assert.Equal("任务尚未交办,不能上传佐证材料。", result.Outcome.Message);
    }

    [Fact]
    public async Task The_lead_leader_sees_the_task_but_may_not_upload()
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Leader, taskId, new MemoryStream(SampleFiles.Pdf()), "a.pdf");

        Assert.Equal("只有责任单位或巡察办人员可以上传佐证材料。", result.Outcome.Message);
    }

    [Fact]
    public async Task Upload_is_refused_once_the_task_is_closed()
    {
        var taskId = await _world.CreateTaskAsync();
        Assert.True((await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("first")), "整改报告.pdf")).Succeeded);
        await EvidenceTaskSteps.CloseAsync(_world.Db, taskId, _world.Owner, _world.Office, _world.Leader, _world.NowUtc);

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("late")), "补充材料.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("任务已销号,佐证材料已冻结,不能再上传。", result.Outcome.Message);
        Assert.Equal(1, await _world.EvidenceRowCountAsync());
        var office = await _world.Service.UploadAsync(_world.Office, taskId, new MemoryStream(SampleFiles.Pdf("late")), "补充材料.pdf");
        Assert.False(office.Succeeded);
    }

    [Fact]
    public async Task When_the_database_save_fails_there_is_no_row_and_the_blob_is_harmlessly_kept()
    {
        var taskId = await _world.CreateTaskAsync();
        await using (var db = await _world.Db.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER fail_evidence BEFORE INSERT ON EvidenceFiles BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        }

        var bytes = SampleFiles.Pdf("save fails");
        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(bytes), "整改报告.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("保存失败,请稍后重试。", result.Outcome.Message);
        Assert.Equal(0, await _world.EvidenceRowCountAsync());
        Assert.DoesNotContain(await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db), h => h.Action == "Upload");
        Assert.True(_world.Store.Exists(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.Contains(_world.Log.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task List_shows_the_task_evidence_to_those_who_may_see_the_task_only()
    {
        var taskId = await _world.CreateTaskAsync();
        var otherTaskId = await _world.CreateTaskAsync();
        await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("a")), "一.pdf");
        _world.Time.Now = _world.Time.Now.AddMinutes(5);
        await _world.Service.UploadAsync(_world.Office, taskId, new MemoryStream(SampleFiles.Png()), "二.png");
        await _world.Service.UploadAsync(_world.Owner, otherTaskId, new MemoryStream(SampleFiles.Jpeg()), "别的任务.jpg");

        var forOwner = await _world.Service.ListAsync(_world.Owner, taskId);
        var forLeader = await _world.Service.ListAsync(_world.Leader, taskId);
        var forWestCounty = await _world.Service.ListAsync(_world.WestCounty, taskId);

        Assert.Equal(["一.pdf", "二.png"], forOwner.Select(e => e.FileName));
        Assert.Equal(2, forLeader.Count);
        Assert.Empty(forWestCounty);
    }

    [Fact]
    public async Task Uploader_removes_an_unsubmitted_file_the_row_goes_the_blob_stays()
    {
        var taskId = await _world.CreateTaskAsync();
        var uploaded = (await _world.Service.UploadAsync(_world.Office, taskId, new MemoryStream(SampleFiles.Pdf("remove")), "错传的.pdf")).Value!;

        var result = await _world.Service.RemoveAsync(_world.Office, uploaded.Id);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(0, await _world.EvidenceRowCountAsync());
        Assert.True(_world.Store.Exists(uploaded.Sha256));
        var removal = Assert.Single(await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db), h => h.Action == "RemoveEvidence");
        Assert.Equal("Evidence", removal.EntityType);
        Assert.Equal(uploaded.Id, removal.EntityId);
        Assert.Equal(taskId, removal.TaskId);
        Assert.StartsWith("错传的.pdf (", removal.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_colleague_of_the_responsible_unit_may_remove_but_others_may_not()
    {
        var taskId = await _world.CreateTaskAsync();
        var byOwner = (await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("x")), "x.pdf")).Value!;

        var byOffice = await _world.Service.RemoveAsync(_world.Office, byOwner.Id);
        var byLeader = await _world.Service.RemoveAsync(_world.Leader, byOwner.Id);
        var byColleague = await _world.Service.RemoveAsync(_world.OwnerColleague, byOwner.Id);

        Assert.Equal("只有上传人或责任单位人员可以删除佐证材料。", byOffice.Message);
        Assert.False(byLeader.Succeeded);
        Assert.True(byColleague.Succeeded, byColleague.Message);
    }

    [Fact]
    public async Task A_file_in_a_submitted_application_cannot_be_removed()
    {
        var taskId = await _world.CreateTaskAsync();
        var uploaded = (await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("submitted")), "整改报告.pdf")).Value!;
        await EvidenceTaskSteps.ApplyForClosureAsync(_world.Db, taskId, _world.Owner, _world.NowUtc);

        var result = await _world.Service.RemoveAsync(_world.Owner, uploaded.Id);

        Assert.Equal("该材料已随销号申请提交,不能删除。", result.Message);
        Assert.Equal(1, await _world.EvidenceRowCountAsync());
        Assert.NotNull(Assert.Single(await _world.Service.ListAsync(_world.Owner, taskId)).ApplicationId);
    }

    [Fact]
    public async Task Evidence_of_a_closed_task_is_frozen()
    {
        var taskId = await _world.CreateTaskAsync();
        var uploaded = (await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("frozen")), "a.pdf")).Value!;
        await EvidenceTaskSteps.CloseAsync(_world.Db, taskId, _world.Owner, _world.Office, _world.Leader, _world.NowUtc);

        var result = await _world.Service.RemoveAsync(_world.Owner, uploaded.Id);

        Assert.Equal("任务已销号,佐证材料已冻结,不能删除。", result.Message);
    }

    [Fact]
    public async Task Removal_by_a_user_who_cannot_see_the_task_is_not_found_and_recorded()
    {
        var taskId = await _world.CreateTaskAsync();
        var uploaded = (await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("y")), "y.pdf")).Value!;

        var result = await _world.Service.RemoveAsync(_world.WestCounty, uploaded.Id);

        Assert.Equal("未找到该佐证材料或无权访问。", result.Message);
        Assert.Equal(1, await _world.EvidenceRowCountAsync());
        var denied = Assert.Single(await _world.HistoryWithDeniedAttemptsAsync(), h => h.Action == "Denied");
        Assert.Equal("Evidence", denied.EntityType);
        Assert.Equal(uploaded.Id, denied.EntityId);
    }

    [Fact]
    public async Task Download_is_recorded_before_the_bytes_are_handed_out()
    {
        var taskId = await _world.CreateTaskAsync();
        var bytes = SampleFiles.Pdf("download");
        var uploaded = (await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(bytes), "整改报告.pdf")).Value!;

        var download = await _world.Service.OpenDownloadAsync(_world.Leader, uploaded.Id, preview: true);

        Assert.Equal(DownloadOutcome.Ok, download.Outcome);
        await using (var content = download.Content!)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        var record = Assert.Single(await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db), h => h.Action == "Download");
        Assert.Equal(uploaded.Id, record.EntityId);
        Assert.Equal(_world.Leader.UserId, record.ActorId);
        Assert.StartsWith("在线预览:整改报告.pdf", record.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_of_a_file_whose_bytes_are_gone_says_so_and_records_no_download()
    {
        var taskId = await _world.CreateTaskAsync();
        var uploaded = (await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Pdf("lost")), "a.pdf")).Value!;
        File.Delete(_world.Store.PathOf(uploaded.Sha256));

        var download = await _world.Service.OpenDownloadAsync(_world.Owner, uploaded.Id);

        Assert.Equal(DownloadOutcome.ContentMissing, download.Outcome);
        Assert.DoesNotContain(await EvidenceTaskSteps.VerifiedHistoryAsync(_world.Db), h => h.Action == "Download");
        Assert.Contains(_world.Log.Entries, e => e.Level == LogLevel.Error);
    }

    [Theory]
    [InlineData("整改报告.bat")]
    [InlineData("run.ps1")]
    [InlineData("run.hta")]
    [InlineData("evil.html")]
    [InlineData("img.svg")]
    [InlineData("说明.txt.js")]
    public async Task Text_under_an_executable_or_active_name_is_refused(string name)
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Utf8Text()), name);

        Assert.False(result.Succeeded);
        Assert.Contains("禁止上传", result.Outcome.Message, StringComparison.Ordinal);
        await using var db = await _world.Db.CreateDbContextAsync();
        Assert.Empty(db.EvidenceFiles);
    }

    [Fact]
    public async Task An_old_office_file_that_is_neither_doc_nor_xls_is_refused()
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Ole()), "ole.exe");

        Assert.False(result.Succeeded);
        Assert.Contains("禁止上传", result.Outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("会议纪要", "会议纪要.txt")]
    [InlineData("会议纪要.md", "会议纪要.md.txt")]
    [InlineData("会议纪要.pdf", "会议纪要.txt")]
    [InlineData("会议纪要.TXT", "会议纪要.TXT")]
    public async Task The_stored_name_carries_the_extension_of_the_sniffed_type(string name, string stored)
    {
        var taskId = await _world.CreateTaskAsync();

        var result = await _world.Service.UploadAsync(_world.Owner, taskId, new MemoryStream(SampleFiles.Utf8Text()), name);

        Assert.True(result.Succeeded, result.Outcome.Message);
        Assert.Equal(stored, result.Value!.FileName);
    }
}
