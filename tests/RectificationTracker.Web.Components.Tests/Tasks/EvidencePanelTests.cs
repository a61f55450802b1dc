using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Web.Components.Tests.Tasks;

[Collection(ChangingDataGroup.Name)]
public sealed class EvidencePanelTests(SeededApp app) : AppComponentTest(app)
{
    [Fact]
    public async Task After_closure_the_responsible_unit_can_neither_upload_nor_delete()
    {
        var (closed, unitUser) = await OwnedTaskAsync(TaskState.Closed);
        var actor = await SignInAsync(unitUser);
        var detail = (await Services.GetRequiredService<TaskQueries>().DetailAsync(actor, closed))!;
        Assert.NotEmpty(detail.Evidence);

        var cut = Render<EvidencePanel>(p => p
            .Add(x => x.TaskId, closed).Add(x => x.Files, detail.Evidence)
            .Add(x => x.CanAdd, detail.CanAddEvidence).Add(x => x.Frozen, detail.Task.State == TaskState.Closed));

        Assert.Empty(cut.FindAll("input[type=file]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "删除");
        Assert.Contains("佐证材料已冻结", cut.Find("[data-testid=evidence-frozen]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_in_progress_the_responsible_unit_uploads_from_files_or_the_camera()
    {
        var (open, unitUser) = await OwnedTaskAsync(TaskState.InProgress);
        var actor = await SignInAsync(unitUser);
        var detail = (await Services.GetRequiredService<TaskQueries>().DetailAsync(actor, open))!;
        Assert.True(detail.CanAddEvidence);

        var cut = Render<EvidencePanel>(p => p
            .Add(x => x.TaskId, open).Add(x => x.Files, detail.Evidence).Add(x => x.CanAdd, detail.CanAddEvidence));

        var inputs = cut.FindAll("input[type=file]");
        Assert.Equal(2, inputs.Count);
        Assert.Contains(inputs, i => i.GetAttribute("capture") == "environment" && i.GetAttribute("accept") == "image/*");
        Assert.Contains(inputs, i => i.HasAttribute("multiple"));
    }

    [Fact]
    public async Task Deleting_evidence_asks_first_naming_the_file()
    {
        var (taskId, unitUser) = await OwnedTaskAsync(TaskState.InProgress, withEvidence: false);
        var actor = await SignInAsync(unitUser);
        await using (var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("专题研讨会议纪要:已按要求整改。")))
        {
            var upload = await Services.GetRequiredService<Features.Evidence.EvidenceService>().UploadAsync(actor, taskId, text, "会议纪要.txt");
            Assert.True(upload.Succeeded, upload.Outcome.Message);
        }

        var detail = (await Services.GetRequiredService<TaskQueries>().DetailAsync(actor, taskId))!;
        var file = detail.Evidence.First(e => !detail.HeldEvidenceIds.Contains(e.Id) && e.ProgressUpdateId is null);
        var changed = 0;
        var cut = Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<EvidencePanel>(1);
            b.AddAttribute(2, nameof(EvidencePanel.TaskId), taskId);
            b.AddAttribute(3, nameof(EvidencePanel.Files), detail.Evidence);
            b.AddAttribute(4, nameof(EvidencePanel.CanAdd), true);
            b.AddAttribute(5, nameof(EvidencePanel.Changed), Microsoft.AspNetCore.Components.EventCallback.Factory.Create(this, () => changed++));
            b.CloseComponent();
        });

        cut.Find($"button[aria-label='删除 {file.FileName}']").Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains(file.FileName, dialog.TextContent, StringComparison.Ordinal);
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "取消").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.True(await EvidenceExistsAsync(file.Id));
        Assert.Equal(0, changed);

        cut.Find($"button[aria-label='删除 {file.FileName}']").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "确定删除").Click();
        cut.WaitForAssertion(() => Assert.Equal(1, changed), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll(".rt-field-error"));
        Assert.False(await EvidenceExistsAsync(file.Id));
    }

    /// <summary>A task in <paramref name="state"/> with evidence, and a demo unit user who owns it.</summary>
    private async Task<(int TaskId, string UserName)> OwnedTaskAsync(TaskState state, bool withEvidence = true)
    {
        foreach (var user in new[] { "unit", "unit2", "unit3", "unit4" })
        {
            var actor = await SignInAsync(user);
            await using var db = await App.Db.CreateDbContextAsync();
            var ids = await db.Tasks.Where(t => t.State == state && (!withEvidence || t.Evidence.Any()))
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
            foreach (var id in ids)
            {
                var d = await Services.GetRequiredService<TaskQueries>().DetailAsync(actor, id);
                if (d is not null && (state == TaskState.Closed || d.CanAddEvidence))
                {
                    return (id, user);
                }
            }
        }

        throw new InvalidOperationException($"the demo data has no owned {state} task with evidence");
    }

    private async Task<bool> EvidenceExistsAsync(int id)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.Set<EvidenceFile>().AnyAsync(e => e.Id == id);
    }
}
