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

        cut.Find("[aria-label=申请销号] form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("确定提交销号申请吗", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Contains("待审核", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        Button(dialogs, "取消").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(TaskState.InProgress, await StateOfAsync(detail.Task.Id));

        cut.Find("[aria-label=申请销号] form").Submit();
        dialogs.WaitForElement(".mud-dialog");
        Button(dialogs, "确定申请销号").Click();
        await WaitForStateAsync(detail.Task.Id, TaskState.AwaitingReview);
    }

    [Fact]
    public async Task Approving_a_review_asks_first_naming_the_lead_leader_and_cancel_changes_nothing()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingReview, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.ApproveReview));
        var (dialogs, cut) = RenderWithDialogs(detail);

        cut.Find("[data-action=ApproveReview]").Click();
        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("审核通过后,任务转交牵头领导", dialog.TextContent, StringComparison.Ordinal);
        Assert.Contains(detail.Task.LeadLeaderName!, dialog.TextContent, StringComparison.Ordinal);
        Button(dialogs, "取消").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(TaskState.AwaitingReview, await StateOfAsync(detail.Task.Id));

        cut.Find("[data-action=ApproveReview]").Click();
        dialogs.WaitForElement(".mud-dialog");
        Button(dialogs, "确定审核通过").Click();
        await WaitForStateAsync(detail.Task.Id, TaskState.AwaitingSignOff);
    }

    [Fact]
    public async Task A_review_return_needs_its_reason_and_asks_no_confirmation()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingReview, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.ReturnFromReview));
        var (dialogs, cut) = RenderWithDialogs(detail);

        cut.Find("[data-action=ReturnFromReview]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["“审核退回”须填写理由。"], MudMessagesBeside(cut, "审核意见(退回时必填)")));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(TaskState.AwaitingReview, await StateOfAsync(detail.Task.Id));
    }

    [Fact]
    public async Task Signing_off_asks_first_naming_the_task_cancel_changes_nothing_and_confirm_closes_it()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingSignOff, Leaders, (_, d) => d.AllowedActions.Contains(TaskAction.SignOff));
        var (dialogs, cut) = RenderWithDialogs(detail);

        // A return without its reason is refused beside the field, with no dialog.
        cut.Find("[data-action=ReturnFromSignOff]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["“审签退回”须填写理由。"], MudMessagesBeside(cut, "审签意见(退回时必填)")));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        cut.Find("[data-action=SignOff]").Click();
        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains($"任务 {detail.ProblemNumber}-{detail.Task.Number} 即{TaskNames.ClosedLabel(detail.Task.Category)}", dialog.TextContent, StringComparison.Ordinal);
        Assert.Contains("佐证材料随之冻结", dialog.TextContent, StringComparison.Ordinal);
        Button(dialogs, "取消").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(TaskState.AwaitingSignOff, await StateOfAsync(detail.Task.Id));

        cut.Find("[data-action=SignOff]").Click();
        dialogs.WaitForElement(".mud-dialog");
        Button(dialogs, "确定审签同意").Click();
        await WaitForStateAsync(detail.Task.Id, TaskState.Closed);
    }

    [Fact]
    public async Task Reopening_needs_a_reason_then_asks_first_cancel_keeps_it_closed_and_confirm_reopens_it()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.Closed, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.Reopen));
        var (dialogs, cut) = RenderWithDialogs(detail);

        cut.Find("[data-action=Reopen]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["“重新挂账”须填写理由。"], MudMessagesBeside(cut, "重新挂账理由(必填)")));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(TaskState.Closed, await StateOfAsync(detail.Task.Id));

        MudInput(cut, "重新挂账理由(必填)").Change("回头看发现问题反弹。");
        cut.Find("[data-action=Reopen]").Click();
        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains($"重新挂账后,任务 {detail.ProblemNumber}-{detail.Task.Number} 撤销原销号", dialog.TextContent, StringComparison.Ordinal);
        Button(dialogs, "取消").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(TaskState.Closed, await StateOfAsync(detail.Task.Id));

        cut.Find("[data-action=Reopen]").Click();
        dialogs.WaitForElement(".mud-dialog");
        Button(dialogs, "确定重新挂账").Click();
        await WaitForStateAsync(detail.Task.Id, TaskState.InProgress);
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<TaskActions> Actions) RenderWithDialogs(TaskDetail detail)
    {
        var dialogs = Render<MudDialogProvider>();
        return (dialogs, Render<TaskActions>(p => p.Add(x => x.Detail, detail)));
    }
}
