using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Rounds;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Rounds;

/// <summary>
/// Correcting the issue list on the round detail page (issue 13): who sees the buttons, the dialogs show the
/// handler's Chinese messages beside the fields and write nothing on bad input, a refused deletion says why,
/// and what is saved reaches the page and the history.
/// </summary>
[Collection(ChangingDataGroup.Name)]
public sealed class IssueListCorrectionPageTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static int _counter;

    [Fact]
    public async Task A_unit_user_sees_the_round_but_no_correction_buttons()
    {
        var unit = await SignInAsync("unit");
        var roundId = await RoundSeenByUnitAsync(unit);
        var forUnit = RenderPage(roundId);
        forUnit.WaitForElement(".rt-problem", Wait);
        Assert.Empty(forUnit.FindAll("[data-testid=problem-actions]"));
        Assert.Empty(forUnit.FindAll("[data-testid=aspect-actions]"));
        Assert.DoesNotContain(forUnit.FindAll("button"), b => (b.GetAttribute("aria-label") ?? "").StartsWith("删除", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_office_running_the_round_sees_edit_and_delete_on_every_aspect_and_problem()
    {
        var office = await SignInAsync("office");
        var (roundId, _, _, _) = await FreshProblemAsync(office);
        var tree = await Services.GetRequiredService<RoundQueries>().TreeAsync(office, roundId);
        var forOffice = RenderPage(roundId);
        forOffice.WaitForElement("[data-testid=problem-actions]", Wait);
        var problems = tree!.Aspects.SelectMany(a => a.Problems).ToList();
        Assert.Equal(problems.Count, forOffice.FindAll("[data-testid=problem-actions]").Count);
        Assert.Equal(tree.Aspects.Count, forOffice.FindAll("[data-testid=aspect-actions]").Count);
        Assert.All(problems, p =>
        {
            Assert.Single(forOffice.FindAll($"button[aria-label='修改问题{p.Number}']"));
            Assert.Single(forOffice.FindAll($"button[aria-label='移动问题{p.Number}']"));
            Assert.Single(forOffice.FindAll($"button[aria-label='删除问题{p.Number}']"));
        });
        Assert.Single(forOffice.FindAll($"button[aria-label='修改方面{tree.Aspects[0].OrdinalLabel}']"));
    }

    [Fact]
    public async Task Editing_a_problem_with_an_empty_title_shows_the_message_beside_the_field_and_writes_nothing_then_saves_with_history()
    {
        var office = await SignInAsync("office");
        var (roundId, _, problemId, number) = await FreshProblemAsync(office);
        var page = RenderPage(roundId);
        page.WaitForElement($"button[aria-label='修改问题{number}']", Wait).Click();
        page.WaitForElement(".mud-dialog #CorrectProblemTitle", Wait);
        Assert.Contains($"修改问题{number}", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal);

        page.Find("#CorrectProblemTitle").Change("  ");
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Equal(["请填写问题标题。"], MessagesBeside(page, "问题标题")), Wait);
        Assert.Empty(MessagesBeside(page, "问题全文"));
        Assert.Equal("组件测试问题原标题", await ProblemTitleAsync(problemId));

        page.Find("#CorrectProblemTitle").Change("组件测试问题新标题");
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Wait);
        page.WaitForAssertion(() => Assert.Contains($"{number}. 组件测试问题新标题", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal("组件测试问题新标题", await ProblemTitleAsync(problemId));
        var history = await LastHistoryAsync("Problem", problemId);
        Assert.Equal(("EditProblem", office.UserId), (history.Action, history.ActorId));
        Assert.Contains("标题:组件测试问题原标题 → 组件测试问题新标题", history.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_asks_for_a_reason_and_names_the_problem_and_a_problem_with_tasks_is_refused_with_the_handlers_message()
    {
        var office = await SignInAsync("office");
        var (roundId, _, problemId, number) = await FreshProblemAsync(office);
        var tree = (await Services.GetRequiredService<RoundQueries>().TreeAsync(office, roundId))!;
        var withTasks = tree.Aspects.SelectMany(a => a.Problems).First(p => p.Tasks.Count > 0);
        var page = RenderPage(roundId);

        // A problem with tasks: the handler refuses, the dialog says why, nothing is deleted.
        page.WaitForElement($"button[aria-label='删除问题{withTasks.Number}']", Wait).Click();
        page.WaitForElement(".mud-dialog #CorrectReason", Wait).Change("误录");
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Equal(
            $"问题{withTasks.Number}已有 {withTasks.Tasks.Count} 项整改任务,不能删除。如确属误录,请先处理其整改任务。",
            page.Find("[data-testid=correction-refused]").TextContent.Trim()), Wait);
        Assert.NotNull(await ProblemTitleAsync(withTasks.Id));
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "取消").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Wait);

        // A problem without tasks: the dialog names it, the reason is required, then it is gone with its history.
        page.Find($"button[aria-label='删除问题{number}']").Click();
        var what = page.WaitForElement("[data-testid=delete-what]", Wait).TextContent;
        Assert.Contains($"将删除问题{number}“组件测试问题原标题”", what, StringComparison.Ordinal);
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Equal(["请填写删除原因。"], MessagesBeside(page, "删除原因")), Wait);
        Assert.NotNull(await ProblemTitleAsync(problemId));

        page.Find("#CorrectReason").Change("原文重复录入");
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Wait);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"button[aria-label='删除问题{number}']")), Wait);
        Assert.Null(await ProblemTitleAsync(problemId));
        var history = await LastHistoryAsync("Problem", problemId);
        Assert.Equal(("DeleteProblem", "原文重复录入"), (history.Action, history.Reason));
        Assert.Contains("组件测试问题原标题", history.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_aspect_title_shows_the_new_title_and_keeps_its_number()
    {
        var office = await SignInAsync("office");
        var (roundId, aspectId, _, _) = await FreshProblemAsync(office);
        var tree = (await Services.GetRequiredService<RoundQueries>().TreeAsync(office, roundId))!;
        var label = tree.Aspects.Single(a => a.Id == aspectId).OrdinalLabel;
        var page = RenderPage(roundId);
        page.WaitForElement($"button[aria-label='修改方面{label}']", Wait).Click();
        page.WaitForElement(".mud-dialog #CorrectAspectTitle", Wait).Change("");
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Equal(["请填写方面的标题。"], MessagesBeside(page, "方面标题")), Wait);

        page.Find("#CorrectAspectTitle").Change("组件测试方面改后");
        page.Find("form#issue-list-correction").Submit();
        page.WaitForAssertion(() => Assert.Contains($"{label}组件测试方面改后", page.Markup, StringComparison.Ordinal), Wait);
        var history = await LastHistoryAsync("Aspect", aspectId);
        Assert.Equal("EditAspect", history.Action);
        Assert.Contains("→ 组件测试方面改后", history.Details, StringComparison.Ordinal);
    }

    private bool _popovers;

    private IRenderedComponent<IComponent> RenderPage(int roundId)
    {
        if (!_popovers)
        {
            Render<MudPopoverProvider>();
            _popovers = true;
        }

        return Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<RoundDetailPage>(1);
            b.AddAttribute(2, nameof(RoundDetailPage.Id), roundId);
            b.CloseComponent();
        });
    }

    /// <summary>A new aspect with one problem (no tasks) in a demo round the office runs that already has tasks.</summary>
    private async Task<(int RoundId, int AspectId, int ProblemId, int Number)> FreshProblemAsync(Actor office)
    {
        var n = Interlocked.Increment(ref _counter);
        var rounds = Services.GetRequiredService<RoundService>();
        var queries = Services.GetRequiredService<RoundQueries>();
        var roundId = 0;
        foreach (var row in (await queries.ListAsync(office)).Where(r => r.Tasks > 0))
        {
            if (await queries.TreeAsync(office, row.Id) is { CanEdit: true })
            {
                roundId = row.Id;
                break;
            }
        }

        Assert.True(roundId > 0, "the demo data has no round with tasks that the office user runs");
        var aspect = await rounds.SaveAspectAsync(office, new AspectForm { RoundId = roundId, Title = $"组件测试方面{n}" });
        Assert.True(aspect.Succeeded, aspect.Outcome.Message);
        var problem = await rounds.SaveProblemAsync(office, new ProblemForm { RoundId = roundId, AspectId = aspect.Value, Title = "组件测试问题原标题", Text = "组件测试问题原文。" });
        Assert.True(problem.Succeeded, problem.Outcome.Message);
        await using var read = await App.Db.CreateDbContextAsync();
        var number = await read.Problems.Where(p => p.Id == problem.Value).Select(p => p.Number).SingleAsync();
        return (roundId, aspect.Value, problem.Value, number);
    }

    private async Task<int> RoundSeenByUnitAsync(Actor unit)
    {
        foreach (var row in await Services.GetRequiredService<RoundQueries>().ListAsync(unit))
        {
            if (await Services.GetRequiredService<RoundQueries>().TreeAsync(unit, row.Id) is { Aspects.Count: > 0 })
            {
                return row.Id;
            }
        }

        throw new InvalidOperationException("the demo data has no round with tasks of the unit user");
    }

    private async Task<string?> ProblemTitleAsync(int problemId)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.Problems.Where(p => p.Id == problemId).Select(p => p.Title).SingleOrDefaultAsync();
    }

    private async Task<Domain.History.HistoryEntry> LastHistoryAsync(string entity, int id)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.History.Where(h => h.EntityType == entity && h.EntityId == id).OrderByDescending(h => h.Id).FirstAsync();
    }
}
