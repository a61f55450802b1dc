using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Tasks;

/// <summary>
/// The read scope in SQL (<see cref="TaskScoping"/>) against the domain's rule (<see cref="TaskWorkflow.CanRead"/>)
/// over every task of the demo campaigns, for every kind of user; and every worklist inside that scope.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class TaskScopingTests(TrackerFactory app)
{
    public static TheoryData<string> Users => ["unit", "unit2", "office", "leader", "leader3", "supervisor", "county", "countyoffice", "countyleader", "westcounty", "admin"];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task The_query_scope_lists_exactly_the_tasks_the_domain_lets_the_user_read(string userName)
    {
        var actor = await app.ActorAsync(userName);
        await using var db = await Db().CreateDbContextAsync();

        var all = await db.Tasks.AsNoTracking().WithScopeFacts().ToListAsync();
        var readable = all.Where(t => TaskWorkflow.CanRead(actor, TaskScoping.ScopeOf(t))).Select(t => t.Id).Order().ToList();
        var visible = await db.Tasks.AsNoTracking().VisibleTo(db, actor).Select(t => t.Id).OrderBy(id => id).ToListAsync();

        Assert.NotEmpty(readable);
        Assert.Equal(readable, visible);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_worklist_lies_inside_the_read_scope(string userName)
    {
        // The bell counts a worklist without repeating the scope predicate because of this.
        var actor = await app.ActorAsync(userName);
        await using var db = await Db().CreateDbContextAsync();
        var visible = (await db.Tasks.AsNoTracking().VisibleTo(db, actor).Select(t => t.Id).ToListAsync()).ToHashSet();

        foreach (var list in new[] { Worklist.Mine, Worklist.Review, Worklist.SignOff })
        {
            var listed = await db.Tasks.AsNoTracking().InWorklist(db, actor, list).Select(t => t.Id).ToListAsync();
            Assert.All(listed, id => Assert.Contains(id, visible));
        }

        var owned = await db.Tasks.AsNoTracking().OwnedBy(db, actor).Select(t => t.Id).ToListAsync();
        Assert.All(owned, id => Assert.Contains(id, visible));
    }

    [Fact]
    public async Task A_unit_named_as_cooperating_unit_reads_that_task_and_no_other_of_the_round()
    {
        // An app of its own: the shared demo has no cooperating units, and this test adds one.
        await using var own = new TrackerFactory();
        await own.InitializeAsync();
        var westCounty = await own.ActorAsync("westcounty");
        await using var db = await own.Db.CreateDbContextAsync();
        var before = await db.Tasks.AsNoTracking().VisibleTo(db, westCounty).Select(t => t.Id).ToListAsync();
        var cityTask = await db.Tasks.Where(t => t.Round!.OfficeUnit!.ParentId == null).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        Assert.DoesNotContain(cityTask, before);

        db.TaskCooperatingUnits.Add(new TaskCooperatingUnit { TaskId = cityTask, UnitId = westCounty.UnitId });
        await db.SaveChangesAsync();

        var after = await db.Tasks.AsNoTracking().VisibleTo(db, westCounty).Select(t => t.Id).ToListAsync();
        Assert.Equal(before.Append(cityTask).Order(), after.Order());
        var loaded = await db.Tasks.AsNoTracking().WithScopeFacts().SingleAsync(t => t.Id == cityTask);
        Assert.True(TaskWorkflow.CanRead(westCounty, TaskScoping.ScopeOf(loaded)));
    }

    private IDbContextFactory<TrackerDbContext> Db() => app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
}
