using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Notifications;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Web.Tests.Features.Urging;

/// <summary>催办 through the handlers: who may urge, what the owner sees (bell, task page), and where the count shows.</summary>
[Collection(ClockedAppGroup.Name)]
public sealed class UrgingFlowTests(ClockedApp app)
{
    private const string Message = "请于本周五前报送整改进展,并说明逾期原因。";

    /// <summary>A year on: every task still in progress is overdue.</summary>
    private void AYearOn() => app.SetLocal(DateTime.Today.AddYears(1).AddHours(10));

    private Task<Result> UrgeAsync(Actor actor, RectificationTask task, string message) =>
        app.WithAsync<TaskWorkflowService, Result>(s => s.UrgeAsync(actor, new UrgeCommand { TaskId = task.Id, Version = task.Version, Message = message }));

    [Fact]
    public async Task Office_urges_an_overdue_task_and_the_owner_sees_it_everywhere_it_belongs()
    {
        AYearOn();
        var office = await app.ActorAsync("office");
        var owner = await app.ActorAsync("unit");
        var task = await app.CityTaskAsync(TaskState.InProgress, "第一检察部", q => q.Where(t => !t.Urgings.Any()));

        var result = await UrgeAsync(office, task, Message);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("已催办。", result.Message);
        var stored = await app.ReloadAsync(task.Id);
        var urging = Assert.Single(stored.Urgings);
        Assert.Equal((Message, UrgeGround.Overdue, office.Name, "第一检察部"), (urging.Message, urging.Ground, urging.ByName, urging.ToUnitName));

        // In the history, on the chain, committed with the urging.
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var all = await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
            Assert.Null(HistoryChain.Verify(all));
            var entry = Assert.Single(all, h => h.TaskId == task.Id && h.Action == HistoryActions.Urge);
            Assert.Equal((office.UserId, Message), (entry.ActorId, entry.Reason));
            Assert.StartsWith("催办(逾期,第 1 次):第一检察部", entry.Details, StringComparison.Ordinal);
            Assert.Equal("催办", HistoryText.Action(entry.Action));
        }

        // The owner's bell and task page.
        var bell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(owner));
        var notice = Assert.Single(bell.Items, n => n.TaskId == task.Id && n.Kind == NoticeKind.Urged);
        Assert.Equal($"被催办 1 次:{Message}", notice.Headline);
        var detail = (await app.WithAsync<TaskQueries, TaskDetail?>(q => q.DetailAsync(owner, task.Id)))!;
        Assert.Equal(Message, Assert.Single(detail.Urgings!).Message);
        Assert.False(detail.CanUrge);

        // The ledger row (备注), the board card and the dashboard's red list carry the count.
        var rows = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(q => q.AllAsync(office, new LedgerFilter { RoundId = task.RoundId }));
        var row = Assert.Single(rows, r => r.Id == task.Id);
        Assert.Equal(1, row.UrgeCount);
        Assert.Contains("已催办1次", ReportText.Remark(row), StringComparison.Ordinal);
        var board = await app.WithAsync<BoardQueries, BoardResult?>(q => q.BoardAsync(office, task.RoundId, BoardLanes.Unit));
        var card = board!.Layout.Lanes.SelectMany(l => l.Cells.Values).SelectMany(c => c).Single(c => c.Task.TaskId == task.Id);
        Assert.Equal(1, card.Task.UrgeCount);
        var dashboard = await app.WithAsync<DashboardQueries, DashboardResult>(q => q.FiguresAsync(office, new DashboardFilter { RoundId = task.RoundId }));
        Assert.Equal(1, Assert.Single(dashboard.Figures.RedList, r => r.Task.TaskId == task.Id).Task.UrgeCount);

        // A progress report answers the urging: it leaves the bell (the count stays on the record).
        var progress = await app.WithAsync<TaskWorkflowService, Result>(s => s.ReportProgressAsync(owner, new ProgressCommand { TaskId = task.Id, Text = "已完成整改方案,正在落实。" }));
        Assert.True(progress.Succeeded, progress.Message);
        var after = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(owner));
        Assert.DoesNotContain(after.Items, n => n.TaskId == task.Id && n.Kind == NoticeKind.Urged);
        Assert.Equal(bell.Total - 1, after.Total);
    }

    [Fact]
    public async Task The_tasks_lead_leader_urges_but_another_leader_may_not()
    {
        AYearOn();
        var task = await app.CityTaskAsync(TaskState.InProgress, "办公室", q => q.Where(t => t.LeadLeaderId != null));
        string leadName, otherName;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            leadName = await db.Users.Where(u => u.Id == task.LeadLeaderId).Select(u => u.UserName!).SingleAsync();
            otherName = new[] { "leader", "leader2", "leader3" }.First(n => n != leadName);
        }

        var other = await UrgeAsync(await app.ActorAsync(otherName), task, Message);
        var lead = await UrgeAsync(await app.ActorAsync(leadName), task, Message);

        Assert.False(other.Succeeded);
        Assert.Equal("只有负责该轮次的巡察办人员或该任务的牵头领导可以催办。", other.Message);
        Assert.True(lead.Succeeded, lead.Message);
        Assert.Single((await app.ReloadAsync(task.Id)).Urgings);
    }

    [Fact]
    public async Task Another_units_office_cannot_urge_or_see_a_city_task()
    {
        AYearOn();
        var task = await app.CityTaskAsync(TaskState.InProgress, "政治部");
        var countyOffice = await app.ActorAsync("countyoffice");
        var westCounty = await app.ActorAsync("westcounty");
        var urgingsBefore = (await app.ReloadAsync(task.Id)).Urgings.Count;

        var result = await UrgeAsync(countyOffice, task, Message);

        Assert.False(result.Succeeded);
        Assert.Equal(ScopedAccess.TaskNotFoundMessage, result.Message);
        Assert.Equal(urgingsBefore, (await app.ReloadAsync(task.Id)).Urgings.Count);
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            // (Denied attempts are counted in the history in aggregate per user and minute: DeniedAttempts.)
            Assert.DoesNotContain(await db.History.AsNoTracking().Where(h => h.TaskId == task.Id && h.Action == HistoryActions.Urge).ToListAsync(),
                h => h.ActorId == countyOffice.UserId);
        }

        // Neither the county office nor another county's unit sees the task or its urgings.
        var countyLedger = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(q => q.AllAsync(countyOffice, new LedgerFilter()));
        var westBell = await app.WithAsync<NotificationQueries, NotificationList>(q => q.ForAsync(westCounty));
        Assert.DoesNotContain(countyLedger, r => r.Id == task.Id);
        Assert.DoesNotContain(westBell.Items, n => n.TaskId == task.Id);
        Assert.Null(await app.WithAsync<TaskQueries, TaskDetail?>(q => q.DetailAsync(westCounty, task.Id)));
    }

    [Fact]
    public async Task The_owner_cannot_urge_and_a_task_awaiting_review_is_not_urged()
    {
        AYearOn();
        var office = await app.ActorAsync("office");
        var inProgress = await app.CityTaskAsync(TaskState.InProgress, "计划财务装备部");
        var awaiting = await app.AwaitingReviewTaskAsync();
        var urgedBefore = awaiting.Urgings.Count;

        var byOwner = await UrgeAsync(await app.ActorAsync("unit3"), inProgress, Message);
        var onAwaiting = await UrgeAsync(office, awaiting, Message);

        Assert.Equal("只有负责该轮次的巡察办人员或该任务的牵头领导可以催办。", byOwner.Message);
        Assert.Equal("任务当前状态为“待审核”,不需要催办责任单位(只有整改中的任务可以催办)。", onAwaiting.Message);
        Assert.Equal(urgedBefore, (await app.ReloadAsync(awaiting.Id)).Urgings.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task The_message_is_required_beside_its_field(string message)
    {
        AYearOn();
        var office = await app.ActorAsync("office");
        var task = await app.CityTaskAsync(TaskState.InProgress, "第一检察部");
        var before = (await app.ReloadAsync(task.Id)).Urgings.Count;

        var result = await UrgeAsync(office, task, message);

        Assert.False(result.Succeeded);
        Assert.Equal(["请填写催办内容。"], result.FieldErrors["Message"]);
        Assert.Equal(before, (await app.ReloadAsync(task.Id)).Urgings.Count);
    }

    [Fact]
    public async Task An_overlong_message_is_refused_beside_its_field()
    {
        AYearOn();
        var task = await app.CityTaskAsync(TaskState.InProgress, "第一检察部");

        var result = await UrgeAsync(await app.ActorAsync("office"), task, new string('催', UrgingRules.MessageMaxLength + 1));

        Assert.Equal([$"催办内容不能超过 {UrgingRules.MessageMaxLength} 字。"], result.FieldErrors["Message"]);
    }

    [Fact]
    public async Task A_task_on_track_is_not_urged_until_it_is_stale_or_overdue()
    {
        var office = await app.ActorAsync("office");
        await using var db = await app.Db.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        var task = await db.Tasks.AsNoTracking()
            .Where(t => t.State == TaskState.InProgress && t.Deadline > today.AddDays(30) && t.Round!.OfficeUnit!.Path == office.UnitPath)
            .OrderBy(t => t.Id).FirstAsync();
        // The day after its last activity: not overdue, not stale.
        var last = task.LastProgressAtUtc!.Value;
        app.Time.Now = new DateTimeOffset(DateTime.SpecifyKind(last.AddDays(1), DateTimeKind.Utc));

        var early = await UrgeAsync(office, task, Message);

        Assert.Equal("任务未逾期,且近 14 天内有整改进展,暂不需要催办。", early.Message);
    }
}
