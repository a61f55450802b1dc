using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Intake;
using RectificationTracker.Web.Features.Rounds;
using RectificationTracker.Web.Features.Tasks.Edit;
using RectificationTracker.Web.Tests.Infrastructure;
using static RectificationTracker.Web.Tests.Intake.IntakeTestSupport;

namespace RectificationTracker.Web.Tests.Features.Rounds;

/// <summary>Correcting the issue list after import (issue 13): edit, move, delete with a reason, numbers kept, history with old and new values, scope.</summary>
[Collection(SharedApp.Name)]
public sealed class IssueListCorrectionTests(TrackerFactory app)
{
    private static int _counter;

    private Task<Result> With(Func<IssueListCorrectionHandler, Task<Result>> action) => app.WithAsync(action);

    [Fact]
    public async Task Editing_a_problem_records_old_and_new_title_and_text_and_keeps_its_number()
    {
        var (office, roundId) = await ImportedRoundAsync();
        var round = await LoadRoundAsync(app, roundId);
        var problem = round.Aspects[0].Problems[1];
        var oldText = problem.Text;

        var result = await With(h => h.EditProblemAsync(office, new EditProblemCommand(roundId, problem.Id, "  修正后的标题 ", "修正后的内容。一是……")));

        Assert.True(result.Succeeded, result.Message);
        var after = await LoadRoundAsync(app, roundId);
        var edited = after.Aspects.SelectMany(a => a.Problems).Single(p => p.Id == problem.Id);
        Assert.Equal((2, "修正后的标题", "修正后的内容。一是……"), (edited.Number, edited.Title, edited.Text));
        var history = (await HistoryAsync(app, roundId)).Last();
        Assert.Equal(("Problem", problem.Id, "EditProblem", office.UserId), (history.EntityType, history.EntityId, history.Action, history.ActorId));
        Assert.Contains($"标题:{problem.Title} → 修正后的标题", history.Details, StringComparison.Ordinal);
        Assert.Contains($"内容:{oldText} → 修正后的内容。一是……", history.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_aspect_title_records_old_and_new_and_an_empty_title_is_refused_beside_the_field()
    {
        var (office, roundId) = await ImportedRoundAsync();
        var aspect = (await LoadRoundAsync(app, roundId)).Aspects[2];

        var empty = await With(h => h.EditAspectAsync(office, new EditAspectCommand(roundId, aspect.Id, "  ")));
        Assert.False(empty.Succeeded);
        Assert.Equal(["请填写方面的标题。"], empty.FieldErrors[nameof(EditAspectCommand.Title)]);

        var result = await With(h => h.EditAspectAsync(office, new EditAspectCommand(roundId, aspect.Id, "新的方面标题")));
        Assert.True(result.Succeeded, result.Message);
        var history = (await HistoryAsync(app, roundId)).Last();
        Assert.Equal("EditAspect", history.Action);
        Assert.Equal($"方面(三):\n标题:{aspect.Title} → 新的方面标题", history.Details);
        Assert.Equal("(三)", (await LoadRoundAsync(app, roundId)).Aspects[2].OrdinalLabel);
    }

    [Fact]
    public async Task Moving_a_problem_keeps_its_number_and_records_both_aspects()
    {
        var (office, roundId) = await ImportedRoundAsync();
        var round = await LoadRoundAsync(app, roundId);
        var problem = round.Aspects[1].Problems[0];
        var target = round.Aspects[0];

        var result = await With(h => h.MoveProblemAsync(office, new MoveProblemCommand(roundId, problem.Id, target.Id)));

        Assert.True(result.Succeeded, result.Message);
        var after = await LoadRoundAsync(app, roundId);
        Assert.Contains(after.Aspects[0].Problems, p => p.Id == problem.Id && p.Number == problem.Number);
        Assert.DoesNotContain(after.Aspects[1].Problems, p => p.Id == problem.Id);
        Assert.Equal(Enumerable.Range(1, 14), after.Aspects.SelectMany(a => a.Problems).Select(p => p.Number).Order());
        var history = (await HistoryAsync(app, roundId)).Last();
        Assert.Equal("MoveProblem", history.Action);
        Assert.Contains($"所属方面:(二){round.Aspects[1].Title} → (一){target.Title}", history.Details, StringComparison.Ordinal);

        var stranger = await With(h => h.MoveProblemAsync(office, new MoveProblemCommand(roundId, problem.Id, 987654)));
        Assert.Equal(IssueListCorrectionHandler.AspectNotFound, stranger.Message);
    }

    [Fact]
    public async Task Deleting_a_problem_needs_a_reason_leaves_a_gap_and_keeps_the_removed_text_in_the_history()
    {
        var (office, roundId) = await ImportedRoundAsync();
        var problem = (await LoadRoundAsync(app, roundId)).Aspects[0].Problems[0];

        var noReason = await With(h => h.DeleteProblemAsync(office, new DeleteProblemCommand(roundId, problem.Id, " ")));
        Assert.False(noReason.Succeeded);
        Assert.Equal(["请填写删除原因。"], noReason.FieldErrors[nameof(DeleteProblemCommand.Reason)]);

        var result = await With(h => h.DeleteProblemAsync(office, new DeleteProblemCommand(roundId, problem.Id, "原文重复录入")));

        Assert.True(result.Succeeded, result.Message);
        var numbers = (await LoadRoundAsync(app, roundId)).Aspects.SelectMany(a => a.Problems).Select(p => p.Number).ToList();
        Assert.Equal(Enumerable.Range(2, 13), numbers);
        var history = (await HistoryAsync(app, roundId)).Last();
        Assert.Equal(("DeleteProblem", "原文重复录入"), (history.Action, history.Reason));
        Assert.Contains("内容:" + problem.Text, history.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_or_aspect_with_tasks_cannot_be_deleted_but_an_aspect_without_tasks_goes_with_its_problems()
    {
        var (office, roundId) = await ImportedRoundAsync();
        var round = await LoadRoundAsync(app, roundId);
        var withTask = round.Aspects[0].Problems[0];
        var task = await app.WithAsync<TaskEditHandler, Result<int>>(h => h.SaveAsync(office, new TaskForm
        {
            ProblemId = withTask.Id, Measure = "健全学习制度", Category = TaskCategory.Deadline,
        }));
        Assert.True(task.Succeeded, task.Outcome.Message);

        var problemRefused = await With(h => h.DeleteProblemAsync(office, new DeleteProblemCommand(roundId, withTask.Id, "误录")));
        var aspectRefused = await With(h => h.DeleteAspectAsync(office, new DeleteAspectCommand(roundId, round.Aspects[0].Id, "误录")));
        Assert.Equal("问题1已有 1 项整改任务,不能删除。如确属误录,请先处理其整改任务。", problemRefused.Message);
        Assert.Equal("方面(一)下的问题1已有整改任务,不能删除该方面。", aspectRefused.Message);

        var second = round.Aspects[1];
        var deleted = await With(h => h.DeleteAspectAsync(office, new DeleteAspectCommand(roundId, second.Id, "该方面为巡察组误列")));

        Assert.True(deleted.Succeeded, deleted.Message);
        var after = await LoadRoundAsync(app, roundId);
        Assert.Equal(["(一)", "(三)", "(四)", "(五)"], after.Aspects.Select(a => a.OrdinalLabel));
        Assert.Equal(14 - second.Problems.Count, after.Aspects.Sum(a => a.Problems.Count));
        var history = await HistoryAsync(app, roundId);
        var aspectEntry = Assert.Single(history, h => h.Action == "DeleteAspect");
        Assert.Equal("该方面为巡察组误列", aspectEntry.Reason);
        Assert.Equal(second.Problems.Count, history.Count(h => h.Action == "DeleteProblem" && h.Reason == "该方面为巡察组误列"));
    }

    [Fact]
    public async Task Another_units_office_and_a_unit_user_are_refused_and_the_attempt_is_recorded()
    {
        var (_, roundId) = await ImportedRoundAsync();
        var problem = (await LoadRoundAsync(app, roundId)).Aspects[0].Problems[0];
        var countyOffice = await app.ActorAsync("countyoffice");
        var unitUser = await app.ActorAsync("unit");

        foreach (var actor in new[] { countyOffice, unitUser })
        {
            var edit = await With(h => h.EditProblemAsync(actor, new EditProblemCommand(roundId, problem.Id, "越权修改", "越权修改")));
            var delete = await With(h => h.DeleteProblemAsync(actor, new DeleteProblemCommand(roundId, problem.Id, "越权删除")));
            Assert.Equal(IssueListCorrectionHandler.NotFound, edit.Message);
            Assert.Equal(IssueListCorrectionHandler.NotFound, delete.Message);
        }

        var after = (await LoadRoundAsync(app, roundId)).Aspects[0].Problems[0];
        Assert.Equal(problem.Title, after.Title);
        var denied = (await HistoryAsync(app, roundId)).Where(h => h.Action == "Denied").ToList();
        Assert.Equal(4, denied.Count);
        Assert.Contains(denied, h => h.ActorId == countyOffice.UserId);
    }

    /// <summary>A fresh round of the city office with seed 003 imported: aspects (一)–(五), problems 1–14.</summary>
    private async Task<(Actor Office, int RoundId)> ImportedRoundAsync()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, $"修正清单测试{Interlocked.Increment(ref _counter)}");
        var read = await app.WithAsync<FeedbackIntakeService, Result<Domain.Intake.IntakeDraft>>(s => s.ReadAsync(office, roundId, Seed003()));
        Assert.True(read.Succeeded, read.Outcome.Message);
        var confirmed = await app.WithAsync<FeedbackIntakeService, Result<int>>(s => s.ConfirmAsync(office, roundId, read.Value!));
        Assert.True(confirmed.Succeeded, confirmed.Outcome.Message);
        return (office, roundId);
    }
}
