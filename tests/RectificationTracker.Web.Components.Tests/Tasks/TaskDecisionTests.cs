using MudBlazor;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Tasks;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Tasks;

/// <summary>
/// The irreversible steps ask first, naming what will happen; cancel changes nothing, confirm does it; returns need
/// their reason and ask nothing. These tests change data, so they run on their own app.
/// </summary>
[Collection(ChangingDataGroup.Name)]
public sealed class TaskDecisionTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly string[] UnitUsers = ["unit", "unit2", "unit3", "unit4"];
    private static readonly string[] Leaders = ["leader", "leader2", "leader3"];

    [Fact]
    public async Task Submitting_an_application_asks_first_cancel_keeps_the_task_in_progress_and_confirm_submits_it()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.InProgress, UnitUsers,
            (_, d) => d.AllowedActions.Contains(TaskAction.ApplyForClosure) && d.Evidence.Count > 0);
        var (dialogs, cut) = RenderWithDialogs(detail);
        MudInput(cut, "整改情况说明").Change("已完成专题学习,制定学习计划并落实。");
        cut.Find("[aria-label=申请销号] input[type=checkbox]").Change(true);

        await AsksFirstAsync(dialogs, () => cut.Find("[aria-label=申请销号] form").Submit(), detail.Task.Id,
            "确定申请销号", TaskState.AwaitingReview, "确定提交销号申请吗", "待审核");
    }

    [Fact]
    public async Task Approving_a_review_asks_first_naming_the_lead_leader_and_cancel_changes_nothing()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingReview, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.ApproveReview));
        var (dialogs, cut) = RenderWithDialogs(detail);

        await AsksFirstAsync(dialogs, () => cut.Find("[data-action=ApproveReview]").Click(), detail.Task.Id,
            "确定审核通过", TaskState.AwaitingSignOff, "审核通过后,任务转交牵头领导", detail.Task.LeadLeaderName!);
    }

    [Fact]
    public async Task A_review_return_needs_its_reason_and_asks_no_confirmation()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingReview, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.ReturnFromReview));
        var (dialogs, cut) = RenderWithDialogs(detail);

        await NeedsReasonAsync(dialogs, cut, TaskAction.ReturnFromReview, "审核意见(退回时必填)", detail.Task.Id);
    }

    [Fact]
    public async Task Signing_off_asks_first_naming_the_task_cancel_changes_nothing_and_confirm_closes_it()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingSignOff, Leaders, (_, d) => d.AllowedActions.Contains(TaskAction.SignOff));
        var (dialogs, cut) = RenderWithDialogs(detail);
        await NeedsReasonAsync(dialogs, cut, TaskAction.ReturnFromSignOff, "审签意见(退回时必填)", detail.Task.Id);

        await AsksFirstAsync(dialogs, () => cut.Find("[data-action=SignOff]").Click(), detail.Task.Id, "确定审签同意", TaskState.Closed,
            $"任务 {detail.ProblemNumber}-{detail.Task.Number} 即{TaskNames.ClosedLabel(detail.Task.Category)}", "佐证材料随之冻结");
    }

    [Fact]
    public async Task Reopening_needs_a_reason_then_asks_first_cancel_keeps_it_closed_and_confirm_reopens_it()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.Closed, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.Reopen));
        var (dialogs, cut) = RenderWithDialogs(detail);
        await NeedsReasonAsync(dialogs, cut, TaskAction.Reopen, "重新挂账理由(必填)", detail.Task.Id);

        MudInput(cut, "重新挂账理由(必填)").Change("回头看发现问题反弹。");
        await AsksFirstAsync(dialogs, () => cut.Find("[data-action=Reopen]").Click(), detail.Task.Id, "确定重新挂账", TaskState.InProgress,
            $"重新挂账后,任务 {detail.ProblemNumber}-{detail.Task.Number} 撤销原销号");
    }

    /// <summary>
    /// <paramref name="act"/> opens a confirmation naming <paramref name="names"/>; cancel leaves the task as it was;
    /// doing it again and pressing <paramref name="yes"/> moves the task to <paramref name="after"/>.
    /// </summary>
    private async Task AsksFirstAsync(IRenderedComponent<MudDialogProvider> dialogs, Action act, int taskId, string yes, TaskState after, params string[] names)
    {
        var before = await StateOfAsync(taskId);
        act();
        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.All(names, n => Assert.Contains(n, dialog.TextContent, StringComparison.Ordinal));
        Button(dialogs, "取消").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(before, await StateOfAsync(taskId));

        act();
        dialogs.WaitForElement(".mud-dialog");
        Button(dialogs, yes).Click();
        await WaitForStateAsync(taskId, after);
    }

    /// <summary>A return or reopening without its reason: the handler's message beside the field, no dialog, nothing changed.</summary>
    private async Task NeedsReasonAsync(IRenderedComponent<MudDialogProvider> dialogs, IRenderedComponent<TaskActions> cut, TaskAction action, string field, int taskId)
    {
        var before = await StateOfAsync(taskId);
        cut.Find($"[data-action={action}]").Click();
        cut.WaitForAssertion(() => Assert.Equal([$"“{TaskNames.DisplayName(action)}”须填写理由。"], MudMessagesBeside(cut, field)));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(before, await StateOfAsync(taskId));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<TaskActions> Actions) RenderWithDialogs(TaskDetail detail)
    {
        var dialogs = Render<MudDialogProvider>();
        return (dialogs, Render<TaskActions>(p => p.Add(x => x.Detail, detail)));
    }
}
