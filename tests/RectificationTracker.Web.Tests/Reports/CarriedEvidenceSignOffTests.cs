using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Tests.Evidence;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>
/// Returned, re-applied with a carried file and a new one (and a draft left out), signed: the printed 销号审签单 lists
/// exactly the files the signed application held, the same ones the ledger row names.
/// </summary>
[Collection(ReportsFixture.Name)]
public sealed class CarriedEvidenceSignOffTests(ReportsApp app)
{
    [Fact]
    public async Task The_sign_off_sheet_prints_the_signed_applications_files_as_the_ledger_names_them()
    {
        var owner = await app.ActorAsync("unit");
        var office = await app.ActorAsync("office");
        RectificationTask task;
        string leadName;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            task = await db.Tasks.AsNoTracking()
                .Where(t => t.State == TaskState.InProgress && t.ResponsibleUnit!.Name == "第一检察部" && t.LeadLeaderId != null
                    && t.Round!.OfficeUnit!.Path == office.UnitPath)
                .OrderByDescending(t => t.Id).FirstAsync();
            leadName = await db.Users.Where(u => u.Id == task.LeadLeaderId).Select(u => u.UserName!).SingleAsync();
        }

        var first = await UploadAsync(owner, task.Id, "问题台账(首次申请).pdf");
        Assert.True((await ApplyAsync(owner, task.Id, [first])).Succeeded);
        Assert.True((await DecideAsync(office, task.Id, TaskAction.ReturnFromReview, "缺少整改前后对比照片。")).Succeeded);
        var added = await UploadAsync(owner, task.Id, "整改前后对比照片.pdf");
        await UploadAsync(owner, task.Id, "未提交的草稿.pdf");
        var applied = await ApplyAsync(owner, task.Id, [first, added]);
        Assert.True(applied.Succeeded, applied.Message);
        Assert.True((await DecideAsync(office, task.Id, TaskAction.ApproveReview, "同意")).Succeeded);
        Assert.True((await DecideAsync(await app.ActorAsync(leadName), task.Id, TaskAction.SignOff, "同意销号")).Succeeded);

        using var client = await app.SignedInClientAsync("office");
        using var response = await client.GetAsync(ReportEndpoints.SignOffUrl(task.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync())).Compact;
        IReadOnlyList<LedgerRow> rows;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            rows = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().AllAsync(office, new LedgerFilter { RoundId = task.RoundId });
        }

        var ledgerFiles = rows.Single(r => r.Id == task.Id).SignedEvidence!;
        Assert.Equal(["问题台账(首次申请).pdf", "整改前后对比照片.pdf"], ledgerFiles);
        Assert.Contains("第2次申请所附2份", text, StringComparison.Ordinal);
        foreach (var name in ledgerFiles)
        {
            Assert.Contains(PdfText.Squeeze(name), text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(PdfText.Squeeze("未提交的草稿.pdf"), text, StringComparison.Ordinal);
    }

    private async Task<int> UploadAsync(Actor owner, int taskId, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var content = new MemoryStream(SampleFiles.Pdf(name));
        var uploaded = await scope.ServiceProvider.GetRequiredService<EvidenceService>().UploadAsync(owner, taskId, content, name);
        Assert.True(uploaded.Succeeded, uploaded.Outcome.Message);
        return uploaded.Value!.Id;
    }

    private async Task<Result> ApplyAsync(Actor owner, int taskId, int[] evidence)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskWorkflowService>().ApplyForClosureAsync(owner, new ApplyForClosureCommand
        {
            TaskId = taskId,
            Version = await VersionAsync(taskId),
            Summary = "已建立问题台账并逐项整改,附整改前后对比照片。",
            EvidenceIds = evidence,
        });
    }

    private async Task<Result> DecideAsync(Actor actor, int taskId, TaskAction action, string comment)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskWorkflowService>().DecideAsync(actor, new DecisionCommand
        {
            TaskId = taskId,
            Version = await VersionAsync(taskId),
            Action = action,
            Comment = comment,
        });
    }

    private async Task<long> VersionAsync(int taskId)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.Tasks.Where(t => t.Id == taskId).Select(t => t.Version).SingleAsync();
    }
}
