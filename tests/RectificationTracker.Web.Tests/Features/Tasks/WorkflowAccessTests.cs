using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Tasks;

/// <summary>
/// Changing an id in a URL or replaying a command does not reach another unit's task: pages show
/// "not found", transitions are refused and change nothing, and each attempt is recorded.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class WorkflowAccessTests(TrackerFactory app)
{
    private IDbContextFactory<TrackerDbContext> Db => app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();

    [Fact]
    public async Task Another_units_user_opening_a_city_task_by_id_sees_not_found_and_the_attempt_is_recorded_once()
    {
        var task = await CityTaskAsync(TaskState.InProgress);
        using var client = await FormLogin.SignedInClientAsync(app, "westcounty", DemoPassword);

        var page = await FormLogin.GetPageAsync(client, "/tasks/" + Id(task.Id));

        Assert.Contains(ScopedAccess.TaskNotFoundMessage, page, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Measure, page, StringComparison.Ordinal);
        var westCounty = await app.ActorAsync("westcounty");
        var denied = await DeniedAsync(westCounty, task.Id);
        Assert.Single(denied);
    }

    [Fact]
    public async Task Another_offices_staff_cannot_open_the_edit_form_of_a_city_task()
    {
        var task = await CityTaskAsync(TaskState.Registered);
        using var client = await FormLogin.SignedInClientAsync(app, "countyoffice", DemoPassword);

        var page = await FormLogin.GetPageAsync(client, $"/tasks/{Id(task.Id)}/edit");

        Assert.Contains("未找到该任务或问题,或您无权修改。", page, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Measure, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task County_office_cannot_review_a_city_application_and_nothing_changes()
    {
        var task = await CityTaskAsync(TaskState.AwaitingReview);
        var countyOffice = await app.ActorAsync("countyoffice");

        var result = await DecideAsync(countyOffice, task, TaskAction.ApproveReview, "同意");

        Assert.False(result.Succeeded);
        Assert.Equal(ScopedAccess.TaskNotFoundMessage, result.Message);
        await AssertUnchangedAsync(task);
        Assert.Single(await DeniedAsync(countyOffice, task.Id));
    }

    [Fact]
    public async Task Another_department_cannot_apply_for_closure_of_a_task_it_does_not_own()
    {
        var task = await CityTaskAsync(TaskState.InProgress, unitName: "第一检察部");
        var otherDepartment = await app.ActorAsync("unit2"); // 办公室

        var result = await app.WithAsync<TaskWorkflowService, Result>(s => s.ApplyForClosureAsync(otherDepartment, new ApplyForClosureCommand
        {
            TaskId = task.Id,
            Version = task.Version,
            Summary = "已整改完毕",
            EvidenceIds = [1],
        }));

        Assert.False(result.Succeeded);
        await AssertUnchangedAsync(task);
    }

    [Fact]
    public async Task Only_the_tasks_own_lead_leader_may_sign_it_off()
    {
        var task = await CityTaskAsync(TaskState.AwaitingSignOff);
        var otherLeader = await OtherCityLeaderAsync(task.LeadLeaderId!);
        var office = await app.ActorAsync("office");

        var byOtherLeader = await DecideAsync(otherLeader, task, TaskAction.SignOff, "同意销号");
        var byOffice = await DecideAsync(office, task, TaskAction.SignOff, "同意销号");

        Assert.False(byOtherLeader.Succeeded);
        Assert.False(byOffice.Succeeded);
        await AssertUnchangedAsync(task);
    }

    [Fact]
    public async Task Two_reviewers_deciding_on_the_same_version_get_one_decision_and_one_conflict()
    {
        var task = await CityTaskAsync(TaskState.AwaitingReview, skip: 1);
        var office = await app.ActorAsync("office");
        var office2 = await app.ActorAsync("office2");

        var first = await DecideAsync(office, task, TaskAction.ApproveReview, "材料齐全,同意");
        var second = await DecideAsync(office2, task, TaskAction.ReturnFromReview, "请补充材料");

        Assert.True(first.Succeeded, first.Message);
        Assert.False(second.Succeeded);
        Assert.Equal(Result.Conflict().Message, second.Message);
        await using var db = await Db.CreateDbContextAsync();
        var now = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal(TaskState.AwaitingSignOff, now.State);
        var decisions = await db.History.AsNoTracking()
            .Where(h => h.TaskId == task.Id && h.Id > task.LastHistoryId && h.EntityType == "Task").ToListAsync();
        var decision = Assert.Single(decisions);
        Assert.Equal(office.UserId, decision.ActorId);
    }

    // ------------------------------------------------------------ helpers

    [Fact]
    public async Task Evidence_and_report_downloads_of_another_units_task_are_refused_and_recorded_as_denied_by_the_one_scoped_access_service()
    {
        var task = await CityTaskAsync(TaskState.InProgress, unitName: "第一检察部");
        var owner = await app.ActorAsync("unit");
        using var pdf = new MemoryStream(Evidence.SampleFiles.Pdf("scoped access"));
        var uploaded = await app.WithAsync<EvidenceService, Result<EvidenceFileInfo>>(s => s.UploadAsync(owner, task.Id, pdf, "整改报告.pdf"));
        Assert.True(uploaded.Succeeded, uploaded.Outcome.Message);
        var evidenceId = uploaded.Value!.Id;
        var county = await app.ActorAsync("county"); // a user no other test here signs in as: the records below are this test's
        var log = new DeniedLog();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        using var client = await FormLogin.SignedInClientAsync(app, "county", DemoPassword);

        using var evidence = await client.GetAsync(EvidenceEndpoints.DownloadUrl(evidenceId));
        using var report = await client.GetAsync(ReportEndpoints.SignOffUrl(task.Id));

        Assert.Equal(HttpStatusCode.NotFound, evidence.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        await app.FlushDeniedAttemptsAsync();
        await using var db = await Db.CreateDbContextAsync();
        var denied = await db.History.AsNoTracking()
            .Where(h => h.Action == HistoryActions.Denied && h.ActorId == county.UserId && h.Id > task.LastHistoryId).OrderBy(h => h.Id).ToListAsync();
        Assert.Collection(denied,
            h =>
            {
                Assert.Equal((HistoryEntities.Evidence, evidenceId, task.Id), (h.EntityType, h.EntityId!.Value, h.TaskId!.Value));
                Assert.StartsWith("下载佐证材料被拒绝 1 次(", h.Details, StringComparison.Ordinal);
                Assert.EndsWith($";不在其可见范围内):Evidence {evidenceId}", h.Details, StringComparison.Ordinal);
            },
            h =>
            {
                Assert.Equal((HistoryEntities.Task, task.Id, task.Id), (h.EntityType, h.EntityId!.Value, h.TaskId!.Value));
                Assert.StartsWith("导出销号审签单被拒绝 1 次(", h.Details, StringComparison.Ordinal);
                Assert.EndsWith($";不在其可见范围内):Task {task.Id}", h.Details, StringComparison.Ordinal);
            });
        Assert.Equal([$"Evidence {evidenceId}", $"Task {task.Id}"], log.Refusals(county.UserId));
    }

    /// <summary>The "Denied" warnings written by <see cref="ScopedAccess"/> (and by nothing else), per user.</summary>
    private sealed class DeniedLog : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string UserId, string On)> entries = new();

        public List<string> Refusals(string userId) => entries.Where(e => e.UserId == userId).Select(e => e.On).ToList();

        public ILogger CreateLogger(string categoryName) =>
            categoryName == typeof(ScopedAccess).FullName ? new Logger(entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<(string UserId, string On)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.Warning && state is IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    var v = values.ToDictionary(x => x.Key, x => x.Value);
                    entries.Enqueue(($"{v["UserId"]}", $"{v["EntityType"]} {v["EntityId"]}"));
                }
            }
        }
    }

    private const string DemoPassword = "tracker2026";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record TaskSnapshot(int Id, string Measure, TaskState State, long Version, string? LeadLeaderId, long LastHistoryId);

    /// <summary>A task of the city round (run by the city office) in <paramref name="state"/>.</summary>
    private async Task<TaskSnapshot> CityTaskAsync(TaskState state, string? unitName = null, int skip = 0)
    {
        await using var db = await Db.CreateDbContextAsync();
        var query = db.Tasks.AsNoTracking().Where(t => t.State == state && t.Round!.OfficeUnit!.ParentId == null);
        if (unitName is not null)
        {
            query = query.Where(t => t.ResponsibleUnit!.Name == unitName);
        }

        var task = await query.OrderBy(t => t.Id).Skip(skip).FirstAsync();
        var last = await db.History.MaxAsync(h => h.Id);
        return new TaskSnapshot(task.Id, task.Measure, task.State, task.Version, task.LeadLeaderId, last);
    }

    private async Task<Actor> OtherCityLeaderAsync(string leaderId)
    {
        foreach (var name in new[] { "leader", "leader2", "leader3" })
        {
            var actor = await app.ActorAsync(name);
            if (actor.UserId != leaderId)
            {
                return actor;
            }
        }

        throw new InvalidOperationException("No other city leader.");
    }

    private Task<Result> DecideAsync(Actor actor, TaskSnapshot task, TaskAction action, string comment) =>
        app.WithAsync<TaskWorkflowService, Result>(s => s.DecideAsync(actor, new DecisionCommand
        {
            TaskId = task.Id,
            Version = task.Version,
            Action = action,
            Comment = comment,
        }));

    private async Task AssertUnchangedAsync(TaskSnapshot before)
    {
        await using var db = await Db.CreateDbContextAsync();
        var now = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == before.Id);
        Assert.Equal(before.State, now.State);
        Assert.Equal(before.Version, now.Version);
        Assert.False(await db.History.AnyAsync(h => h.TaskId == before.Id && h.Id > before.LastHistoryId && h.Action != "Denied"));
    }

    private async Task<List<HistoryEntry>> DeniedAsync(Actor actor, int taskId)
    {
        await app.FlushDeniedAttemptsAsync();
        await using var db = await Db.CreateDbContextAsync();
        return await db.History.AsNoTracking()
            .Where(h => h.Action == "Denied" && h.ActorId == actor.UserId && h.EntityType == "Task" && h.EntityId == taskId)
            .ToListAsync();
    }
}
