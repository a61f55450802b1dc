using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Notifications;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Tests.Evidence;

namespace RectificationTracker.Web.Tests.Features.Urging;

/// <summary>撤回 while awaiting review, and evidence carried from a returned application into the next one, through the handlers.</summary>
[Collection(ClockedAppGroup.Name)]
public sealed class WithdrawAndCarriedEvidenceTests(ClockedApp app)
{
    [Fact]
    public async Task The_owner_withdraws_an_application_awaiting_review_and_it_leaves_the_offices_list()
    {
        app.SetLocal(DateTime.Now);
        var owner = await app.ActorAsync("unit");
        var office = await app.ActorAsync("office");
        var task = await app.AwaitingReviewTaskAsync();
        var officeBefore = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(office));
        Assert.Contains(officeBefore.Items, n => n.TaskId == task.Id && n.Kind == NoticeKind.AwaitingReview);

        var result = await app.DecideAsync(owner, task, TaskAction.Withdraw, "材料上传有误,撤回后补充");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("已撤回销号申请。", result.Message);
        var stored = await app.ReloadAsync(task.Id);
        Assert.Equal(TaskState.InProgress, stored.State);
        Assert.True(stored.LatestApplication!.Withdrawn);
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var entry = await db.History.AsNoTracking().Where(h => h.TaskId == task.Id).OrderBy(h => h.Id).LastAsync();
            Assert.Equal((nameof(TaskAction.Withdraw), "AwaitingReview", "InProgress", "材料上传有误,撤回后补充", owner.UserId),
                (entry.Action, entry.FromState, entry.ToState, entry.Reason, entry.ActorId));
        }

        var officeAfter = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(office));
        var ownerBell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(owner));
        Assert.DoesNotContain(officeAfter.Items, n => n.TaskId == task.Id);
        Assert.Equal(officeBefore.Total - 1, officeAfter.Total);
        Assert.DoesNotContain(ownerBell.Items, n => n.TaskId == task.Id && n.Kind == NoticeKind.Returned);
    }

    [Fact]
    public async Task The_office_cannot_withdraw_and_another_unit_cannot_reach_the_task()
    {
        app.SetLocal(DateTime.Now);
        var task = await app.AwaitingReviewTaskAsync();

        var byOffice = await app.DecideAsync(await app.ActorAsync("office"), task, TaskAction.Withdraw, null);
        var byWest = await app.DecideAsync(await app.ActorAsync("westcounty"), task, TaskAction.Withdraw, null);

        Assert.Equal("您无权对该任务执行“撤回销号申请”。", byOffice.Message);
        Assert.Equal(ScopedAccess.TaskNotFoundMessage, byWest.Message);
        Assert.Equal(TaskState.AwaitingReview, (await app.ReloadAsync(task.Id)).State);
    }

    [Fact]
    public async Task A_returned_applications_files_are_carried_into_the_next_and_the_signed_one_is_what_sheet_and_ledger_show()
    {
        app.SetLocal(DateTime.Now);
        var owner = await app.ActorAsync("unit");
        var office = await app.ActorAsync("office");
        var task = await app.CityTaskAsync(TaskState.InProgress, "第一检察部", q => q.Where(t => t.LeadLeaderId != null));
        string leadName;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            leadName = await db.Users.Where(u => u.Id == task.LeadLeaderId).Select(u => u.UserName!).SingleAsync();
        }

        var report = await UploadAsync(owner, task.Id, "整改报告-携带测试.pdf");
        var apply1 = await ApplyAsync(owner, task.Id, [report]);
        Assert.True(apply1.Succeeded, apply1.Message);
        var returned = await app.DecideAsync(office, await app.ReloadAsync(task.Id), TaskAction.ReturnFromReview, "缺少清退凭证,请补充。");
        Assert.True(returned.Succeeded, returned.Message);
        var receipt = await UploadAsync(owner, task.Id, "清退凭证-携带测试.pdf");
        var draft = await UploadAsync(owner, task.Id, "草稿-不随申请.pdf");

        var apply2 = await ApplyAsync(owner, task.Id, [report, receipt]);

        Assert.True(apply2.Succeeded, apply2.Message);
        var stored = await app.ReloadAsync(task.Id);
        var first = stored.Applications.Single(a => a.Attempt == stored.Applications.Max(x => x.Attempt) - 1);
        var second = stored.LatestApplication!;
        Assert.Contains(report, first.Evidence.Select(e => e.Id));
        Assert.Equal([report, receipt], second.Evidence.Select(e => e.Id).Order());
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var applied = await db.History.AsNoTracking().Where(h => h.TaskId == task.Id && h.Action == nameof(TaskAction.ApplyForClosure))
                .OrderBy(h => h.Id).LastAsync();
            Assert.Equal("佐证材料 2 份(沿用此前申请 1 份、新增 1 份):整改报告-携带测试.pdf、清退凭证-携带测试.pdf", applied.Details);
        }

        // A file held by an application can no longer be removed; the draft still can (before closure).
        var removeHeld = await app.WithAsync<EvidenceService, Result>(s => s.RemoveAsync(owner, report));
        Assert.Equal("该材料已随销号申请提交,不能删除。", removeHeld.Message);

        var approved = await app.DecideAsync(office, await app.ReloadAsync(task.Id), TaskAction.ApproveReview, "材料齐全");
        Assert.True(approved.Succeeded, approved.Message);
        var signed = await app.DecideAsync(await app.ActorAsync(leadName), await app.ReloadAsync(task.Id), TaskAction.SignOff, "同意销号");
        Assert.True(signed.Succeeded, signed.Message);

        // The sign-off sheet's files (TaskDetail.RecordEvidence, what SignOffSheet prints) and the ledger's agree:
        // the signed application's two files, not the draft that was uploaded but not submitted.
        var detail = (await app.WithAsync<TaskQueries, TaskDetail?>(q => q.DetailAsync(office, task.Id)))!;
        var rows = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(q => q.AllAsync(office, new LedgerFilter { RoundId = task.RoundId }));
        var row = rows.Single(r => r.Id == task.Id);
        string[] expected = ["整改报告-携带测试.pdf", "清退凭证-携带测试.pdf"];
        Assert.Equal(expected, detail.RecordEvidence.Select(e => e.FileName));
        Assert.Equal(expected, row.SignedEvidence);
        Assert.Contains(draft, detail.Evidence.Select(e => e.Id));
        Assert.Equal(second.Id, detail.ApplicationOfRecord!.Id);

        // verify-history's state replay still agrees with every task.
        Assert.Equal(0, await OperatorCommands.RunAsync(["verify-history", "--Tracker:DataDirectory=" + app.DataDirectory]));
    }

    [Fact]
    public async Task A_file_of_another_task_cannot_be_carried_into_an_application()
    {
        app.SetLocal(DateTime.Now);
        var owner = await app.ActorAsync("unit4");
        var task = await app.CityTaskAsync(TaskState.InProgress, "政治部");
        int foreign;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            foreign = await db.EvidenceFiles.Where(e => e.TaskId != task.Id).Select(e => e.Id).FirstAsync();
        }

        var result = await ApplyAsync(owner, task.Id, [foreign]);

        Assert.Equal("所选佐证材料不属于该任务或已被删除,请刷新后重新选择。", result.Message);
        Assert.Equal(TaskState.InProgress, (await app.ReloadAsync(task.Id)).State);
    }

    private async Task<int> UploadAsync(Actor owner, int taskId, string name)
    {
        using var content = new MemoryStream(SampleFiles.Pdf(name));
        var uploaded = await app.WithAsync<EvidenceService, Result<EvidenceFileInfo>>(s => s.UploadAsync(owner, taskId, content, name));
        Assert.True(uploaded.Succeeded, uploaded.Outcome.Message);
        return uploaded.Value!.Id;
    }

    private async Task<Result> ApplyAsync(Actor owner, int taskId, int[] evidence)
    {
        var task = await app.ReloadAsync(taskId);
        return await app.WithAsync<TaskWorkflowService, Result>(s => s.ApplyForClosureAsync(owner, new ApplyForClosureCommand
        {
            TaskId = taskId,
            Version = task.Version,
            Summary = "已修订《财务报销管理办法》,清退违规报销款项。",
            EvidenceIds = evidence,
        }));
    }
}
