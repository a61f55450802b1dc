using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Urging;

/// <summary>
/// The app over its own demo data with a clock the tests move (urging needs overdue tasks, the digest a time of day).
/// Its tests change tasks and the date, so it is not the shared app.
/// </summary>
public sealed class ClockedApp : TrackerFactory
{
    public MovableTime Time { get; } = new() { Now = DateTimeOffset.UtcNow };

    public Clock Clock => Services.GetRequiredService<Clock>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>Sets the clock to <paramref name="local"/> in the office's time zone (Asia/Shanghai, UTC+8).</summary>
    public void SetLocal(DateTime local) => Time.Now = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.FromHours(8));

    /// <summary>A city task (round run by the city office) in <paramref name="state"/> owned by <paramref name="unitName"/>.</summary>
    public async Task<RectificationTask> CityTaskAsync(TaskState state, string unitName, Func<IQueryable<RectificationTask>, IQueryable<RectificationTask>>? more = null)
    {
        var office = await ActorAsync("office");
        await using var db = await Db.CreateDbContextAsync();
        var q = db.Tasks.AsNoTracking().Include(t => t.Round!).ThenInclude(r => r.OfficeUnit)
            .Where(t => t.State == state && t.ResponsibleUnit!.Name == unitName && t.Round!.OfficeUnit!.Path == office.UnitPath);
        q = more is null ? q : more(q);
        return await q.OrderBy(t => t.Id).FirstAsync();
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<Result> DecideAsync(Actor actor, RectificationTask task, TaskAction action, string? comment) =>
        WithAsync<TaskWorkflowService, Result>(s => s.DecideAsync(actor, new DecisionCommand
        {
            TaskId = task.Id,
            Version = task.Version,
            Action = action,
            Comment = comment,
        }));

    /// <summary>
    /// A city task of 第一检察部 brought to 待审核 here: its owner (<c>unit</c>) uploads a file and applies, so the test
    /// does not depend on how many applications the demo left waiting.
    /// </summary>
    public async Task<RectificationTask> AwaitingReviewTaskAsync()
    {
        var owner = await ActorAsync("unit");
        var task = await CityTaskAsync(TaskState.InProgress, "第一检察部");
        using var content = new MemoryStream(Evidence.SampleFiles.Pdf("待审核" + task.Id));
        var uploaded = await WithAsync<Web.Features.Evidence.EvidenceService, Result<Web.Features.Evidence.EvidenceFileInfo>>(
            s => s.UploadAsync(owner, task.Id, content, "整改报告.pdf"));
        Assert.True(uploaded.Succeeded, uploaded.Outcome.Message);
        var applied = await WithAsync<TaskWorkflowService, Result>(s => s.ApplyForClosureAsync(owner, new ApplyForClosureCommand
        {
            TaskId = task.Id,
            Version = task.Version,
            Summary = "已按要求完成整改。",
            EvidenceIds = [uploaded.Value!.Id],
        }));
        Assert.True(applied.Succeeded, applied.Message);
        return await ReloadAsync(task.Id);
    }

    public async Task<RectificationTask> ReloadAsync(int taskId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Tasks.AsNoTracking().Include(t => t.Urgings).Include(t => t.Applications).ThenInclude(a => a.Evidence)
            .SingleAsync(t => t.Id == taskId);
    }
}

/// <summary>A clock that stands still unless moved.</summary>
public sealed class MovableTime : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

[CollectionDefinition(Name)]
public sealed class ClockedAppGroup : ICollectionFixture<ClockedApp>
{
    public const string Name = "clocked app";
}
