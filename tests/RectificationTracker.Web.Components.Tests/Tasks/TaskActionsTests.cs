using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Tasks;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Tasks;

/// <summary>Which buttons and forms the task page offers; nothing here is confirmed (see <see cref="TaskDecisionTests"/>).</summary>
public sealed class TaskActionsTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly string[] Users = ["office", "leader", "unit", "unit2", "unit3", "unit4", "supervisor", "countyoffice"];
    private static readonly string[] UnitUsers = ["unit", "unit2", "unit3", "unit4"];
    private static readonly string[] Leaders = ["leader", "leader2", "leader3"];

    [Fact]
    public async Task Each_user_sees_exactly_the_buttons_the_domain_allows_in_each_state()
    {
        var checkedPairs = 0;
        var withButtons = 0;
        var statesSeen = new HashSet<TaskState>();
        var usersSeen = new HashSet<string>();
        foreach (var state in Enum.GetValues<TaskState>())
        {
            foreach (var taskId in await SampleAsync(state))
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

                    if (detail.CanUrge)
                    {
                        expected.Add("Urge");
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

                    statesSeen.Add(state);
                    usersSeen.Add(user);
                    checkedPairs++;
                }
            }
        }

        // The sample covers the whole matrix: every state, every kind of user.
        Assert.Equal(Enum.GetValues<TaskState>().ToHashSet(), statesSeen);
        Assert.Superset(new HashSet<string> { "office", "leader", "supervisor" }, usersSeen);
        Assert.Contains(usersSeen, u => u.StartsWith("unit", StringComparison.Ordinal));
        Assert.True(checkedPairs >= 20, $"only {checkedPairs} user/task pairs checked");
        Assert.True(withButtons >= 4, $"only {withButtons} pairs had actions");
    }

    /// <summary>The first tasks in <paramref name="state"/>, and one a unit user owns (the first ones may all be another unit's).</summary>
    private async Task<List<int>> SampleAsync(TaskState state)
    {
        var ids = await TaskIdsInAsync(state, 3);
        if (state == TaskState.Registered)
        {
            return ids; // not assigned yet: no unit owns it
        }

        try
        {
            var (_, owned) = await DemoTaskAsync(state, UnitUsers, (a, d) => TaskWorkflow.IsOwner(a, TaskScoping.ScopeOf(d.Task)));
            return ids.Contains(owned.Task.Id) ? ids : [.. ids, owned.Task.Id];
        }
        catch (InvalidOperationException)
        {
            return ids; // no demo unit user owns a task in this state
        }
    }

    /// <summary>The workflow as the users know it: who does what in which state (the office runs the round).</summary>
    [Theory]
    [InlineData(TaskState.Registered, "office", "Assign", null)]
    [InlineData(TaskState.Registered, "supervisor", "", "该任务尚未交办。")]
    [InlineData(TaskState.InProgress, "unit", "ApplyForClosure,Progress", null)]
    [InlineData(TaskState.InProgress, "leader", "", "您对该任务没有可执行的操作。")]
    [InlineData(TaskState.AwaitingReview, "office", "ApproveReview,ReturnFromReview", null)]
    [InlineData(TaskState.AwaitingReview, "unit", "Progress,Withdraw", null)]
    [InlineData(TaskState.AwaitingReview, "supervisor", "", "该任务已申请销号,正等待巡察办审核。")]
    [InlineData(TaskState.AwaitingSignOff, "leader", "ReturnFromSignOff,SignOff", null)]
    [InlineData(TaskState.AwaitingSignOff, "office", "", "正等待牵头领导")]
    [InlineData(TaskState.AwaitingSignOff, "unit", "Progress", null)]
    [InlineData(TaskState.Closed, "office", "Reopen", null)]
    [InlineData(TaskState.Closed, "unit", "", "该任务已销号,佐证材料已冻结。")]
    [InlineData(TaskState.Closed, "leader", "", "该任务已销号,佐证材料已冻结。")]
    [InlineData(TaskState.Closed, "supervisor", "", "该任务已销号,佐证材料已冻结。")]
    public async Task Each_role_sees_its_own_buttons_in_each_state(TaskState state, string role, string actions, string? waiting)
    {
        var (_, detail) = await DemoTaskAsync(state, role switch
        {
            "unit" => UnitUsers,
            "leader" => Leaders,
            _ => [role],
        }, (actor, d) => role switch
        {
            "office" => TaskWorkflow.RunsRound(actor, TaskScoping.ScopeOf(d.Task)),
            "unit" => TaskWorkflow.IsOwner(actor, TaskScoping.ScopeOf(d.Task)),
            "leader" => d.Task.LeadLeaderId == actor.UserId,
            _ => true,
        });

        var cut = Render<TaskActions>(p => p.Add(x => x.Detail, detail));

        // Urging depends on the deadline, not on the state: it is covered by the matrix above.
        var shown = cut.FindAll("[data-action]").Select(e => e.GetAttribute("data-action")!).Where(a => a != "Urge").Order();
        Assert.Equal(actions.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), shown);
        var labels = cut.FindAll("button[data-action], a[data-action]").Select(b => b.TextContent.Trim()).ToList();
        Assert.All(labels, l => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", l));
        if (waiting is not null)
        {
            Assert.Contains(waiting, cut.Find("[data-testid=no-action]").TextContent, StringComparison.Ordinal);
        }

        if (state == TaskState.AwaitingSignOff && waiting is not null)
        {
            Assert.Contains(detail.Task.LeadLeaderName!, cut.Find("[data-testid=no-action]").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_office_reviews_and_the_supervisor_waits_on_an_application_awaiting_review()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.AwaitingReview, ["office"], (_, d) => d.AllowedActions.Contains(TaskAction.ApproveReview));
        var forOffice = Render<TaskActions>(p => p.Add(x => x.Detail, detail));
        Assert.Equal(["ApproveReview", "ReturnFromReview"], forOffice.FindAll("[data-action]").Select(e => e.GetAttribute("data-action")).Order());
        Assert.Equal(["审核通过", "审核退回"], forOffice.FindAll("[data-action]").Select(e => e.TextContent.Trim()).Order());

        var supervisor = await SignInAsync("supervisor");
        var forSupervisor = Render<TaskActions>(p => p.Add(x => x.Detail, DetailAsync(supervisor, detail.Task.Id).GetAwaiter().GetResult()));
        Assert.Empty(forSupervisor.FindAll("[data-action]"));
        Assert.Contains("等待巡察办审核", forSupervisor.Find("[data-testid=no-action]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_progress_report_shows_the_validators_message_beside_the_field_and_saves_nothing()
    {
        var (unit, detail) = await DemoTaskAsync(TaskState.InProgress, UnitUsers, (_, d) => d.CanReportProgress);
        var before = detail.Progress.Count;
        var cut = Render<TaskActions>(p => p.Add(x => x.Detail, detail));

        cut.Find("[aria-label=报送整改进展] form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(["请填写整改进展。"], MudMessagesBeside(cut, "进展情况")));
        Assert.Equal(before, (await DetailAsync(unit, detail.Task.Id)).Progress.Count);
    }

    [Fact]
    public async Task An_incomplete_application_shows_the_validators_messages_beside_its_fields_and_asks_nothing()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.InProgress, UnitUsers, (_, d) => d.AllowedActions.Contains(TaskAction.ApplyForClosure));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<TaskActions>(p => p.Add(x => x.Detail, detail));

        MudInput(cut, "追责问责(人)").Change("2");
        cut.Find("[aria-label=申请销号] form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(["请填写整改情况说明。"], MudMessagesBeside(cut, "整改情况说明")));
        Assert.Equal(["有追责问责人员时,请填写问责方式(如诫勉谈话、党内警告)。"], MudMessagesBeside(cut, "问责方式"));
        Assert.Equal(["申请销号须至少选择一份佐证材料。"],
            cut.Find("[aria-label=申请销号] fieldset.rt-fieldset").QuerySelectorAll(".rt-field-error").Select(e => e.TextContent.Trim()));
        Assert.Empty(MudMessagesBeside(cut, "资金清退(万元)"));
        Assert.Empty(dialogs.FindAll(".mud-dialog")); // nothing to confirm: the form is refused first
        Assert.Equal(TaskState.InProgress, await StateOfAsync(detail.Task.Id));
    }
}
