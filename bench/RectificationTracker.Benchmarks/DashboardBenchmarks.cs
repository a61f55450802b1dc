using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 6's figures with 50,000 tasks and their history in the supervisor's scope: the dashboard's
/// figures now and as of a past date (replayed from the history), the 挂图作战 board of a 500-task
/// round, and the dashboard page's first response.
/// </summary>
[MemoryDiagnoser]
public class DashboardBenchmarks
{
    private BenchApp _app = null!;
    private Actor _supervisor = null!;
    private Actor _office = null!;
    private HttpClient _supervisorClient = null!;
    private DashboardQueries _dashboard = null!;
    private BoardQueries _board = null!;
    private int _roundId;
    private DateOnly _pastDate;

    [Params(50_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync(Tasks);
        _supervisor = await _app.ActorAsync("supervisor");
        _office = await _app.ActorAsync("office");
        _supervisorClient = await _app.SignedInClientAsync("supervisor");
        _dashboard = _app.Service<DashboardQueries>();
        _board = _app.Service<BoardQueries>();
        _pastDate = _app.Service<Clock>().Today.AddDays(-30);
        await using var db = await _app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        // A generated round of 500 tasks that the city office runs.
        _roundId = await db.Tasks.Where(t => t.Round!.OfficeUnit!.ParentId == null)
            .GroupBy(t => t.RoundId).Where(g => g.Count() >= 500).Select(g => g.Key).OrderByDescending(id => id).FirstAsync();
        var total = (await _dashboard.FiguresAsync(_supervisor, new DashboardFilter())).Figures.Total;
        Console.WriteLine($"// supervisor's scope: {total} tasks; board round {_roundId}; as-of {_pastDate:yyyy-MM-dd}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _supervisorClient.Dispose();
        _app.Dispose();
    }

    [Benchmark(Description = "dashboard figures (supervisor, all tasks, today)")]
    public async Task<int> Figures() => (await _dashboard.FiguresAsync(_supervisor, new DashboardFilter())).Figures.Closed;

    [Benchmark(Description = "dashboard figures as of 30 days ago (history replay)")]
    public async Task<int> FiguresAsOf() => (await _dashboard.FiguresAsync(_supervisor, new DashboardFilter { AsOf = _pastDate })).Figures.Closed;

    [Benchmark(Description = "board of a 500-task round (office)")]
    public async Task<int> Board() => (await _board.BoardAsync(_office, _roundId, BoardLanes.Unit))!.Layout.Lanes.Count;

    [Benchmark(Description = "GET /dashboard (first response, supervisor)")]
    public async Task<int> DashboardPage() => (await _supervisorClient.GetStringAsync(new Uri("/dashboard", UriKind.Relative))).Length;
}
