using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Tasks.Edit;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Tasks;

public sealed class TaskEditPageTests(SeededApp app) : AppComponentTest(app)
{
    [Fact]
    public async Task Saving_and_assigning_an_empty_task_shows_the_validators_Chinese_messages_beside_the_fields()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.InProgress, ["office"], (a, d) => TaskWorkflow.RunsRound(a, TaskScoping.ScopeOf(d.Task)));
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"/tasks/new?problem={detail.Task.ProblemId}");
        Render<MudPopoverProvider>();
        var page = Render<TaskEditPage>();
        page.WaitForElement("form", TimeSpan.FromSeconds(10));
        Assert.Contains("保存并交办", page.Find("button[type=submit]").TextContent, StringComparison.Ordinal);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["请填写整改措施。"], MudMessagesBeside(page, "整改措施")));
        Assert.Equal(["交办须明确牵头领导。"], MudMessagesBeside(page, "牵头领导"));
        Assert.Equal(["交办须明确责任单位。"], MudMessagesBeside(page, "责任单位(主责)"));
        Assert.Equal(["交办须明确整改时限。"], MudMessagesBeside(page, "整改时限"));
        Assert.Empty(MudMessagesBeside(page, "责任人"));
        Assert.EndsWith($"/tasks/new?problem={detail.Task.ProblemId}", nav.Uri, StringComparison.Ordinal); // not saved: still on the form
    }

    [Fact]
    public async Task A_measure_alone_is_enough_to_save_without_assigning_and_the_assign_messages_go()
    {
        var (_, detail) = await DemoTaskAsync(TaskState.InProgress, ["office"], (a, d) => TaskWorkflow.RunsRound(a, TaskScoping.ScopeOf(d.Task)));
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/tasks/new?problem={detail.Task.ProblemId}");
        Render<MudPopoverProvider>();
        var page = Render<TaskEditPage>();
        page.WaitForElement("form", TimeSpan.FromSeconds(10));
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotEmpty(MudMessagesBeside(page, "牵头领导")));

        // Switching 保存后立即交办 off: the assignment's rules no longer apply; the measure's still does.
        page.Find(".mud-switch input[type=checkbox]").Change(false);
        page.WaitForAssertion(() => Assert.Equal("保存", page.Find("button[type=submit]").TextContent.Trim()));
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Empty(MudMessagesBeside(page, "牵头领导")));
        Assert.Empty(MudMessagesBeside(page, "责任单位(主责)"));
        Assert.Equal(["请填写整改措施。"], MudMessagesBeside(page, "整改措施"));
    }
}
