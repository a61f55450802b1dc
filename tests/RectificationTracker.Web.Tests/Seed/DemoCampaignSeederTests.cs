using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Seed;

/// <summary>
/// Seeds the demo data into a temporary data folder once, through the same initialiser the
/// <c>seed</c> command runs, and shares it among the tests of this class.
/// </summary>
public sealed class SeededDemoData : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "tracker-seed-test-" + Guid.NewGuid().ToString("N"));
    private Infrastructure.TestDatabase? _database;

    public WebApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        _database = Infrastructure.TestDatabase.Create(_dataDirectory);
        builder.Configuration.AddInMemoryCollection(_database.HostSettings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tracker:SeedDemoData"] = "true",
            ["Tracker:AdminPassword"] = "Admin12345x",
        });
        builder.AddTrackerConfiguration();
        builder.Logging.ClearProviders();
        builder.Services.AddTrackerData(builder.Configuration);
        builder.Services.AddTrackerIdentity();
        builder.Services.AddTrackerFeatures();
        App = builder.Build();

        await SeedAsync();
    }

    /// <summary>Run the initialiser with demo seeding, as <c>RectificationTracker.Web seed</c> does.</summary>
    public async Task SeedAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(scope.ServiceProvider);
        await init.RunAsync(TextWriter.Null, seed: true);
    }

    public async Task<TrackerDbContext> OpenAsync() =>
        await App.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database?.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed class DemoCampaignSeederTests(SeededDemoData demo) : IClassFixture<SeededDemoData>
{
    [Fact]
    public async Task Round_A_is_the_look_back_of_seed_003_with_5_aspects_and_14_problems()
    {
        await using var db = await demo.OpenAsync();
        var round = await db.Rounds
            .Include(r => r.OfficeUnit)
            .Include(r => r.Aspects).ThenInclude(a => a.Problems).ThenInclude(p => p.Tasks)
            .AsSplitQuery()
            .SingleAsync(r => r.Kind == RoundKind.LookBack);

        Assert.Equal(DemoCampaignContent.County, round.OfficeUnit!.Name);
        Assert.Equal("县委第一巡察组", round.InspectingBody);
        Assert.Equal(5, round.Aspects.Count);
        Assert.Equal([1, 2, 3, 4, 5], round.Aspects.Select(a => a.Ordinal).Order());
        var problems = round.Aspects.SelectMany(a => a.Problems).OrderBy(p => p.Number).ToList();
        Assert.Equal(14, problems.Count);
        Assert.Equal(Enumerable.Range(1, 14), problems.Select(p => p.Number));
        Assert.Equal("财务支出存在不规范现象", problems[13].Title);
        Assert.All(problems, p => Assert.InRange(p.Tasks.Count, 1, 2));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.SourceExcerpt)));
        Assert.Contains("对党组的整体评价", round.Notes, StringComparison.Ordinal);

        // The outcome figures of the finance problem: funds recovered and a rule made.
        var financeTaskIds = problems[13].Tasks.Select(t => t.Id).ToList();
        var closed = await db.ClosureApplications.Include(a => a.RulesMade)
            .Where(a => financeTaskIds.Contains(a.TaskId) && a.SignOffApproved == true)
            .ToListAsync();
        Assert.Contains(closed, a => a.FundsRecoveredWan == 3.26m && a.RulesMade.Any(r => r.Title == "《公务卡强制结算目录管理办法》"));
    }

    [Fact]
    public async Task Round_B_covers_the_city_and_its_nine_counties()
    {
        await using var db = await demo.OpenAsync();
        var round = await db.Rounds.Include(r => r.InspectedUnits).Include(r => r.Aspects).SingleAsync(r => r.Kind == RoundKind.Regular);

        Assert.Equal(10, round.InspectedUnits.Count);
        Assert.Equal(5, round.Aspects.Count);
        Assert.Equal(40, await db.Problems.CountAsync(p => p.RoundId == round.Id));
        Assert.InRange(await db.Tasks.CountAsync(t => t.RoundId == round.Id), 55, 70);
    }

    [Fact]
    public async Task Every_state_occurs_in_both_rounds()
    {
        await using var db = await demo.OpenAsync();
        var states = await db.Tasks.Select(t => new { t.RoundId, t.State }).Distinct().ToListAsync();

        foreach (var roundId in states.Select(s => s.RoundId).Distinct())
        {
            Assert.Equal(Enum.GetValues<TaskState>().Order(), states.Where(s => s.RoundId == roundId).Select(s => s.State).Order());
        }

        Assert.True(await db.Tasks.AnyAsync(t => t.ReopenCount > 0), "a reopened task");
        Assert.True(await db.ClosureApplications.AnyAsync(a => a.ReviewApproved == false), "a task returned by the office");
        Assert.True(await db.ClosureApplications.AnyAsync(a => a.SignOffApproved == false), "a task returned by the leader");
    }

    [Fact]
    public async Task Some_tasks_are_overdue_in_both_rounds()
    {
        var today = demo.App.Services.GetRequiredService<Clock>().Today;
        await using var db = await demo.OpenAsync();
        var tasks = await db.Tasks.AsNoTracking().ToListAsync();

        foreach (var round in tasks.GroupBy(t => t.RoundId))
        {
            Assert.Contains(round, t => TaskLights.IsOverdue(t.State, t.Deadline, today));
        }
    }

    [Fact]
    public async Task History_chain_verifies_and_is_in_time_order()
    {
        await using var db = await demo.OpenAsync();
        var history = await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync();

        Assert.Null(HistoryChain.Verify(history));
        Assert.True(history.Count > 400, $"only {history.Count} history records");
        var seeded = history.Where(h => h.RoundId is not null).ToList();
        Assert.All(seeded.Zip(seeded.Skip(1)), pair => Assert.True(pair.First.AtUtc <= pair.Second.AtUtc, $"record {pair.Second.Id} is older than {pair.First.Id}"));
        Assert.True(seeded[^1].AtUtc < DateTime.UtcNow);

        // Every state change of every task is on record: the states replayed from the history are the states stored.
        var tasks = await db.Tasks.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var last = history.Where(h => h.EntityType == "Task" && h.ToState is not null)
            .GroupBy(h => h.TaskId!.Value)
            .ToDictionary(g => g.Key, g => g.Last().ToState);
        Assert.Equal(tasks.Count, last.Count);
        Assert.All(tasks.Values, t => Assert.Equal(t.State.ToString(), last[t.Id]));
    }

    [Fact]
    public async Task Evidence_rows_point_at_stored_files_of_their_type()
    {
        var store = demo.App.Services.GetRequiredService<EvidenceStore>();
        await using var db = await demo.OpenAsync();
        var files = await db.EvidenceFiles.AsNoTracking().ToListAsync();

        Assert.NotEmpty(files);
        Assert.Contains(files, f => f.Kind == "PDF");
        Assert.Contains(files, f => f.Kind == "PNG");
        foreach (var file in files)
        {
            await using var content = store.OpenRead(file.Sha256);
            Assert.Equal(file.Size, content.Length);
            var sniffed = FileSniffer.Sniff(content, file.FileName);
            Assert.True(sniffed.Succeeded, sniffed.Outcome.Message);
            Assert.Equal(file.Kind, sniffed.Value!.Kind);
        }

        Assert.False(await db.ClosureApplications.AnyAsync(a => !a.Evidence.Any()), "an application without evidence");
    }

    [Fact]
    public async Task Demo_users_find_work_in_their_worklists()
    {
        var queries = ActivatorUtilities.CreateInstance<WorklistQueries>(demo.App.Services);

        var unit = await queries.CountsAsync(await ActorAsync("unit"));
        var office = await queries.CountsAsync(await ActorAsync("office"));
        var leader = await queries.CountsAsync(await ActorAsync("leader"));
        var countyLeader = await queries.CountsAsync(await ActorAsync("countyleader"));

        Assert.InRange(unit.Mine, 2, 10);
        Assert.InRange(office.AwaitingReview, 2, 20);
        Assert.InRange(leader.AwaitingMySignOff, 2, 10);
        Assert.InRange(countyLeader.AwaitingMySignOff, 1, 10);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        await using var before = await demo.OpenAsync();
        var counts = (await before.Rounds.CountAsync(), await before.Tasks.CountAsync(), await before.History.CountAsync());

        await demo.SeedAsync();

        await using var after = await demo.OpenAsync();
        Assert.Equal(counts, (await after.Rounds.CountAsync(), await after.Tasks.CountAsync(), await after.History.CountAsync()));
    }

    private async Task<Actor> ActorAsync(string userName)
    {
        await using var db = await demo.OpenAsync();
        var user = await db.Users.Include(u => u.Unit).SingleAsync(u => u.UserName == userName);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id
                           select r.Name).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles.Select(Enum.Parse<Role>).ToHashSet(), user.UnitId, user.Unit!.Path);
    }
}
