using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Rounds;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Tasks;

/// <summary>What the task page and the round page read: limited to the actor's scope, with the buttons the rules allow.</summary>
[Collection(SharedApp.Name)]
public sealed class TaskQueriesTests(TrackerFactory app)
{
    [Fact]
    public async Task Office_sees_a_task_awaiting_review_with_review_buttons_and_may_edit_it()
    {
        var taskId = await CityTaskAsync(TaskState.AwaitingReview);
        var office = await app.ActorAsync("office");

        var detail = await DetailAsync(office, taskId);

        Assert.NotNull(detail);
        Assert.Equal([TaskAction.ApproveReview, TaskAction.ReturnFromReview], detail.AllowedActions.Order());
        Assert.True(detail.CanEdit);
        Assert.False(detail.CanReportProgress);
        Assert.DoesNotContain(detail.History, h => h.Action == HistoryActions.Denied);
    }

    [Fact]
    public async Task A_closed_task_offers_the_office_only_reopening_and_no_edit()
    {
        var taskId = await CityTaskAsync(TaskState.Closed);
        var office = await app.ActorAsync("office");

        var detail = await DetailAsync(office, taskId);

        Assert.Equal([TaskAction.Reopen], detail!.AllowedActions);
        Assert.False(detail.CanEdit);
        Assert.False(detail.CanAddEvidence);
    }

    [Fact]
    public async Task Another_units_user_gets_nothing_and_the_attempt_is_recorded()
    {
        var taskId = await CityTaskAsync(TaskState.InProgress);
        var west = await app.ActorAsync("westcounty");

        var detail = await DetailAsync(west, taskId);

        Assert.Null(detail);
        await app.FlushDeniedAttemptsAsync();
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.True(await db.History.AnyAsync(h => h.Action == HistoryActions.Denied && h.ActorId == west.UserId
            && h.EntityType == HistoryEntities.Task && h.EntityId == taskId));
    }

    [Fact]
    public async Task The_round_tree_shows_another_unit_only_its_own_tasks_and_no_edit()
    {
        int roundId;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            roundId = await db.Tasks.Where(t => t.ResponsibleUnit!.Name == "第一检察部" && t.Round!.OfficeUnit!.ParentId == null)
                .Select(t => t.RoundId).FirstAsync();
        }

        var unit = await app.ActorAsync("unit");
        await using var scope = app.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<RoundQueries>().TreeAsync(unit, roundId);

        Assert.NotNull(tree);
        Assert.False(tree.CanEdit);
        var tasks = tree.Aspects.SelectMany(a => a.Problems).SelectMany(p => p.Tasks).ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal("第一检察部", t.ResponsibleUnitName));
        Assert.Equal(tasks.Count, tree.Progress.Tasks);
    }

    [Fact]
    public async Task Another_offices_staff_editing_a_city_round_is_refused_and_recorded()
    {
        int roundId;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            roundId = await db.Rounds.Where(r => r.OfficeUnit!.ParentId == null).Select(r => r.Id).FirstAsync();
        }

        var countyOffice = await app.ActorAsync("countyoffice");
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RoundService>()
            .SaveAspectAsync(countyOffice, new AspectForm { RoundId = roundId, Title = "越权新增的方面" });

        Assert.False(result.Succeeded);
        await app.FlushDeniedAttemptsAsync();
        await using var check = await app.Db.CreateDbContextAsync();
        Assert.False(await check.Aspects.AnyAsync(a => a.Title == "越权新增的方面"));
        Assert.True(await check.History.AnyAsync(h => h.Action == HistoryActions.Denied && h.ActorId == countyOffice.UserId
            && h.EntityType == HistoryEntities.Round && h.EntityId == roundId));
    }

    private async Task<TaskDetail?> DetailAsync(Domain.Organisation.Actor actor, int taskId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskQueries>().DetailAsync(actor, taskId);
    }

    private async Task<int> CityTaskAsync(TaskState state)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.Tasks.Where(t => t.State == state && t.Round!.OfficeUnit!.ParentId == null)
            .OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
    }
}
