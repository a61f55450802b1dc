using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Notifications;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Notifications;

/// <summary>The bell over the demo campaigns: who is told what, within their own scope.</summary>
[Collection(SharedApp.Name)]
public sealed class NotificationQueriesTests(TrackerFactory app)
{
    private IDbContextFactory<TrackerDbContext> Db => app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();

    [Fact]
    public async Task Owner_is_told_of_every_overdue_task_with_its_days_overdue()
    {
        var unit = await app.ActorAsync("unit");
        var today = app.Services.GetRequiredService<Clock>().Today;
        await using var db = await Db.CreateDbContextAsync();
        var overdue = await db.Tasks.AsNoTracking().OwnedBy(db, unit).Where(TaskLights.OverdueExpression(today))
            .Select(t => new { t.Id, t.Deadline }).ToListAsync();
        Assert.NotEmpty(overdue); // the demo gives 第一检察部 an overdue task

        var bell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(unit));

        foreach (var t in overdue)
        {
            var notice = Assert.Single(bell.Items, n => n.TaskId == t.Id);
            Assert.Equal(NoticeKind.Overdue, notice.Kind);
            Assert.Equal(today.DayNumber - t.Deadline!.Value.DayNumber, notice.Days);
        }
    }

    [Fact]
    public async Task Returned_application_reaches_the_owning_unit_and_leaves_the_review_list()
    {
        var office = await app.ActorAsync("office");
        var (taskId, version, owner) = await AwaitingReviewTaskWithOwnerAsync();
        var officeBefore = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(office));
        Assert.Contains(officeBefore.Items, n => n.TaskId == taskId && n.Kind == NoticeKind.AwaitingReview);

        var returned = await app.WithAsync<TaskWorkflowService, Result>(s => s.DecideAsync(office, new DecisionCommand
        {
            TaskId = taskId,
            Version = version,
            Action = TaskAction.ReturnFromReview,
            Comment = "佐证材料缺少会议记录,请补充。",
        }));
        Assert.True(returned.Succeeded, returned.Message);

        var ownerBell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(owner));
        var officeAfter = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(office));
        var notice = Assert.Single(ownerBell.Items, n => n.TaskId == taskId);
        Assert.True(notice.Kind is NoticeKind.Returned or NoticeKind.Overdue, notice.Kind.ToString());
        Assert.DoesNotContain(officeAfter.Items, n => n.TaskId == taskId);
        Assert.Equal(officeBefore.Total - 1, officeAfter.Total);
    }

    [Fact]
    public async Task Leader_is_told_of_exactly_the_sign_offs_waiting_for_them()
    {
        var leader = await app.ActorAsync("leader");
        var counts = await app.WithAsync<WorklistQueries, WorklistCounts>(q => q.CountsAsync(leader));

        var bell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(leader));

        Assert.True(counts.AwaitingMySignOff > 0);
        Assert.Equal(counts.AwaitingMySignOff, bell.Items.Count(n => n.Kind == NoticeKind.AwaitingSignOff));
        await using var db = await Db.CreateDbContextAsync();
        var ids = bell.Items.Select(n => n.TaskId).ToList();
        Assert.All(await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(),
            t => Assert.Equal(leader.UserId, t.LeadLeaderId));
    }

    [Fact]
    public async Task Another_county_user_is_never_told_about_city_tasks()
    {
        var westCounty = await app.ActorAsync("westcounty");

        var bell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(westCounty));

        await using var db = await Db.CreateDbContextAsync();
        var visible = await db.Tasks.AsNoTracking().VisibleTo(db, westCounty).Select(t => t.Id).ToListAsync();
        Assert.All(bell.Items, n => Assert.Contains(n.TaskId, visible));
        Assert.True(bell.Total <= visible.Count);
    }

    [Theory]
    [InlineData("unit")]
    [InlineData("office")]
    [InlineData("leader")]
    [InlineData("countyoffice")]
    [InlineData("westcounty")]
    public async Task Badge_count_equals_the_panels_total(string userName)
    {
        var actor = await app.ActorAsync(userName);

        var count = await app.WithAsync<NotificationQueries, int>(q => q.CountAsync(actor));
        var bell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(actor));

        Assert.Equal(bell.Total, count);
    }

    /// <summary>A city task awaiting review, and a 责任单位 actor of its responsible unit.</summary>
    private async Task<(int TaskId, long Version, Actor Owner)> AwaitingReviewTaskWithOwnerAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var task = await db.Tasks.AsNoTracking().Include(t => t.ResponsibleUnit)
            .Where(t => t.State == TaskState.AwaitingReview && t.Round!.OfficeUnit!.ParentId == null)
            .OrderByDescending(t => t.Id).FirstAsync();
        var owner = new Actor("notification-test-owner", "测试责任人", new HashSet<Role> { Role.Unit }, task.ResponsibleUnitId!.Value, task.ResponsibleUnit!.Path);
        return (task.Id, task.Version, owner);
    }
}
