using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Web.Components.Tests.Tasks;

public sealed class TaskActionsTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly string[] Users = ["office", "leader", "unit", "unit2", "supervisor", "countyoffice"];

    [Fact]
    public async Task Each_user_sees_exactly_the_buttons_the_domain_allows_in_each_state()
    {
        var checkedPairs = 0;
        var withButtons = 0;
        foreach (var state in Enum.GetValues<TaskState>())
        {
            foreach (var taskId in await TaskIdsInAsync(state, 3))
            {
                foreach (var user in Users)
                {
                    var actor = await SignInAsync(user);
                    var detail = await Services.GetRequiredService<TaskQueries>().DetailAsync(actor, taskId);
                    if (detail is null)
                    {
                        continue; // out of the user's scope: the page shows 未找到, no actions at all
                    }

                    // The domain's rule, asked directly: which actions may this user take on this task now?
                    var scope = TaskScoping.ScopeOf(detail.Task);
                    var expected = Enum.GetValues<TaskAction>().Where(a => TaskWorkflow.Can(actor, a, detail.Task.State, scope))
                        .Select(a => a.ToString()).ToHashSet();
                    if (detail.Task.CanReportProgress(actor, scope))
                    {
                        expected.Add("Progress");
                    }

                    var cut = Render<TaskActions>(p => p.Add(x => x.Detail, detail));
                    var shown = cut.FindAll("[data-action]").Select(e => e.GetAttribute("data-action")!).ToHashSet();
                    Assert.True(expected.SetEquals(shown),
                        $"{user} on task {taskId} ({state}): expected [{string.Join(",", expected.Order())}], shown [{string.Join(",", shown.Order())}]");
                    if (shown.Count == 0)
                    {
                        Assert.NotEmpty(cut.Find("[data-testid=no-action]").TextContent.Trim());
                    }
                    else
                    {
                        withButtons++;
                    }

                    checkedPairs++;
                }
            }
        }

        // The sample covers enough of the matrix to mean something.
        Assert.True(checkedPairs >= 20, $"only {checkedPairs} user/task pairs checked");
        Assert.True(withButtons >= 4, $"only {withButtons} pairs had actions");
    }

    [Fact]
    public async Task The_office_reviews_and_the_unit_waits_on_an_application_awaiting_review()
    {
        var office = await SignInAsync("office");
        var taskId = await ReviewableByOfficeAsync(office, skip: 0);
        var forOffice = Render<TaskActions>(p => p.Add(x => x.Detail, DetailFor(office, taskId)));
        Assert.Equal(["ApproveReview", "ReturnFromReview"], forOffice.FindAll("[data-action]").Select(e => e.GetAttribute("data-action")).Order());
        Assert.Equal(["审核通过", "审核退回"], forOffice.FindAll("[data-action]").Select(e => e.TextContent.Trim()).Order());

        var supervisor = await SignInAsync("supervisor");
        var forSupervisor = Render<TaskActions>(p => p.Add(x => x.Detail, DetailFor(supervisor, taskId)));
        Assert.Empty(forSupervisor.FindAll("[data-action]"));
        Assert.Contains("等待巡察办审核", forSupervisor.Find("[data-testid=no-action]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_review_asks_first_and_cancel_changes_nothing()
    {
        var office = await SignInAsync("office");
        var taskId = await ReviewableByOfficeAsync(office, skip: 0);
        var detail = DetailFor(office, taskId);
        var cut = Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<TaskActions>(1);
            b.AddAttribute(2, nameof(TaskActions.Detail), detail);
            b.CloseComponent();
        });

        cut.Find("[data-action=ApproveReview]").Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("审核通过后,任务转交牵头领导", dialog.TextContent, StringComparison.Ordinal);
        Assert.Contains(detail.Task.LeadLeaderName!, dialog.TextContent, StringComparison.Ordinal);
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "取消").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Equal(TaskState.AwaitingReview, await StateOfAsync(taskId));

        cut.Find("[data-action=ApproveReview]").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "确定审核通过").Click();
        await WaitForStateAsync(taskId, TaskState.AwaitingSignOff);
    }

    [Fact]
    public async Task A_return_needs_its_reason_and_asks_no_confirmation()
    {
        var office = await SignInAsync("office");
        var taskId = await ReviewableByOfficeAsync(office, skip: 1);
        var detail = DetailFor(office, taskId);
        var cut = Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<TaskActions>(1);
            b.AddAttribute(2, nameof(TaskActions.Detail), detail);
            b.CloseComponent();
        });

        cut.Find("[data-action=ReturnFromReview]").Click();
        cut.WaitForAssertion(() => Assert.Contains("理由", cut.Find(".mud-input-helper-text.mud-input-error, .mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".mud-dialog"));
        Assert.Equal(TaskState.AwaitingReview, await StateOfAsync(taskId));
    }

    /// <summary>A task awaiting review that this office user may review (demo data: several rounds, several offices).</summary>
    private async Task<int> ReviewableByOfficeAsync(Domain.Organisation.Actor office, int skip)
    {
        var found = new List<int>();
        foreach (var id in await TaskIdsInAsync(TaskState.AwaitingReview, 50))
        {
            if (await Services.GetRequiredService<TaskQueries>().DetailAsync(office, id) is { } d && d.AllowedActions.Contains(TaskAction.ApproveReview))
            {
                found.Add(id);
            }
        }

        Assert.True(found.Count > skip, "the demo data has too few applications awaiting this office's review");
        return found[skip];
    }

    private TaskDetail DetailFor(Domain.Organisation.Actor actor, int taskId) =>
        Services.GetRequiredService<TaskQueries>().DetailAsync(actor, taskId).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException($"task {taskId} not visible to {actor.Name}");

    private async Task<List<int>> TaskIdsInAsync(TaskState state, int count)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.Tasks.Where(t => t.State == state).OrderBy(t => t.Id).Select(t => t.Id).Take(count).ToListAsync();
    }

    private async Task<TaskState> StateOfAsync(int taskId)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.Tasks.Where(t => t.Id == taskId).Select(t => t.State).SingleAsync();
    }

    private async Task WaitForStateAsync(int taskId, TaskState expected)
    {
        for (var i = 0; i < 100 && await StateOfAsync(taskId) != expected; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(expected, await StateOfAsync(taskId));
    }
}
