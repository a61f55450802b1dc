using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Evidence;

/// <summary>A temporary folder that deletes itself (and releases pooled SQLite connections to its files first).</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rt-evidence-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the OS cleans its temp folder eventually
        }
    }
}

/// <summary>A clock that stands still unless moved.</summary>
internal sealed class TestTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Keeps what was logged, to check that refusals are logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>
/// Rounds and tasks for evidence tests, brought to their state by the real transitions of the domain
/// and saved the way the app saves them (history entries through the chained SaveChanges).
/// </summary>
internal static class EvidenceTaskSteps
{
    public static readonly DateOnly Deadline = new(2026, 12, 31);

    /// <summary>A round of <paramref name="officeUnitId"/>'s inspection office with one problem and one task, 交办 to the responsible unit.</summary>
    public static async Task<int> CreateAssignedTaskAsync(IDbContextFactory<TrackerDbContext> dbs, int officeUnitId, int responsibleUnitId,
        Actor office, Actor leadLeader, DateTime nowUtc, bool assign = true)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var round = new InspectionRound
        {
            Name = "测试巡察轮次 " + Guid.NewGuid().ToString("N")[..6],
            Kind = RoundKind.Regular,
            InspectingBody = "市委第一巡察组",
            OfficeUnitId = officeUnitId,
            FeedbackDate = new DateOnly(2026, 3, 1),
            RectificationDeadline = Deadline,
            CreatedAtUtc = nowUtc,
            CreatedById = office.UserId,
        };
        var aspect = new Aspect { Ordinal = 1, Title = "贯彻落实上级决策部署不到位" };
        round.Aspects.Add(aspect);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();

        var problem = new Problem { RoundId = round.Id, AspectId = aspect.Id, Number = 1, Title = "财务报销管理不规范", Text = "一是报销审核不严。" };
        db.Problems.Add(problem);
        await db.SaveChangesAsync();

        var task = new RectificationTask
        {
            RoundId = round.Id,
            ProblemId = problem.Id,
            Number = 1,
            Measure = "开展专项清理,修订财务报销管理办法",
            Category = TaskCategory.Deadline,
            LeadLeaderId = leadLeader.UserId,
            LeadLeaderName = leadLeader.Name,
            ResponsibleUnitId = responsibleUnitId,
            Deadline = Deadline,
            CreatedAtUtc = nowUtc,
        };
        db.Tasks.Add(task);
        await db.SaveChangesAsync();

        if (assign)
        {
            var loaded = await LoadAsync(db, task.Id);
            db.History.Add(loaded.Assign(office, TaskScoping.ScopeOf(loaded), nowUtc));
            await db.SaveChangesAsync();
        }

        return task.Id;
    }

    /// <summary>申请销号 with every evidence file of the task, 审核通过, 审签同意: the task is 已销号.</summary>
    public static async Task CloseAsync(IDbContextFactory<TrackerDbContext> dbs, int taskId, Actor owner, Actor office, Actor leadLeader, DateTime nowUtc)
    {
        await ApplyForClosureAsync(dbs, taskId, owner, nowUtc);
        await using var db = await dbs.CreateDbContextAsync();
        var task = await LoadAsync(db, taskId);
        var scope = TaskScoping.ScopeOf(task);
        db.History.Add(task.ApproveReview(office, scope, "材料齐全", nowUtc));
        await db.SaveChangesAsync();
        db.History.Add(task.SignOff(leadLeader, scope, "同意销号", nowUtc, DateOnly.FromDateTime(nowUtc.AddHours(8))));
        await db.SaveChangesAsync();
        Assert.Equal(TaskState.Closed, task.State);
    }

    /// <summary>申请销号 with every evidence file of the task attached to the application.</summary>
    public static async Task ApplyForClosureAsync(IDbContextFactory<TrackerDbContext> dbs, int taskId, Actor owner, DateTime nowUtc)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var task = await LoadAsync(db, taskId);
        var application = new ClosureApplication { Summary = "已修订《财务报销管理办法》,清退违规报销款项。" };
        application.Evidence.AddRange(await db.EvidenceFiles.Where(e => e.TaskId == taskId).ToListAsync());
        db.History.Add(task.ApplyForClosure(owner, TaskScoping.ScopeOf(task), application, nowUtc));
        await db.SaveChangesAsync();
    }

    public static Task<RectificationTask> LoadAsync(TrackerDbContext db, int taskId) =>
        db.Tasks
            .Include(t => t.Round!).ThenInclude(r => r.OfficeUnit)
            .Include(t => t.ResponsibleUnit)
            .Include(t => t.CooperatingUnits).ThenInclude(c => c.Unit)
            .Include(t => t.Applications)
            .SingleAsync(t => t.Id == taskId);

    /// <summary>The whole history in chain order, after checking that the chain is intact.</summary>
    public static async Task<List<HistoryEntry>> VerifiedHistoryAsync(IDbContextFactory<TrackerDbContext> dbs)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var all = await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        Assert.Null(HistoryChain.Verify(all));
        return all;
    }
}

internal static class TestOptions
{
    public static IOptions<TrackerOptions> For(string dataDirectory, long maxUploadBytes = 50L * 1024 * 1024) =>
        Options.Create(new TrackerOptions { DataDirectory = dataDirectory, MaxUploadBytes = maxUploadBytes, TimeZone = "Asia/Shanghai" });
}
