using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 3's figures with 10,000 tasks in the office's scope: the ledger query, the ledger page's first
/// response, a task page, a workflow transition and the worklist counts of the navigation. The exceptions
/// column counts first-chance exceptions per operation (issue 12: none per page request).
/// </summary>
[MemoryDiagnoser]
[ExceptionDiagnoser] // issue 12: the ledger's prerender threw ~10 caught exceptions per request (component JS interop)
public class WorkflowBenchmarks
{
    private BenchApp _app = null!;
    private Actor _office = null!;
    private Actor _unit = null!;
    private HttpClient _officeClient = null!;
    private int _taskId;
    private int[] _cycleTaskIds = [];
    private int _next;
    private LedgerQueries _ledger = null!;
    private WorklistQueries _worklists = null!;
    private TaskWorkflowService _workflow = null!;

    [Params(10_000)]
    public int Tasks { get; set; }

    // Synchronous: the in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync(Tasks);
        _office = await _app.ActorAsync("office");
        _unit = await _app.ActorAsync("unit");
        _officeClient = await _app.SignedInClientAsync("office");
        _ledger = _app.Service<LedgerQueries>();
        _worklists = _app.Service<WorklistQueries>();
        _workflow = _app.Service<TaskWorkflowService>();
        await using var db = await _app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        _taskId = await db.Tasks.Where(t => t.State == TaskState.Closed).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        // Tasks awaiting review in rounds the city office runs: each cycle takes the next one, approves it,
        // has its leader return it and applies again. Rotating over hundreds of tasks keeps each task's
        // application list as short as in real life (one task cycled a thousand times would not be).
        _cycleTaskIds = await db.Tasks
            .Where(t => t.State == TaskState.AwaitingReview && t.Round!.OfficeUnit!.ParentId == null && t.LeadLeaderId != null)
            .OrderByDescending(t => t.Id).Select(t => t.Id).Take(400).ToArrayAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _officeClient.Dispose();
        _app.Dispose();
    }

    [Benchmark(Description = "ledger query (page 1 of 25, office)")]
    public async Task<int> LedgerQuery() => (await _ledger.PageAsync(_office, new LedgerFilter())).Total;

    [Benchmark(Description = "GET /ledger (first response)")]
    public async Task<int> LedgerPage() => (await _officeClient.GetStringAsync(new Uri("/ledger", UriKind.Relative))).Length;

    [Benchmark(Description = "GET /tasks/{id}")]
    public async Task<int> TaskPage() =>
        (await _officeClient.GetStringAsync(new Uri("/tasks/" + _taskId.ToString(System.Globalization.CultureInfo.InvariantCulture), UriKind.Relative))).Length;

    [Benchmark(Description = "worklist counts (unit user)")]
    public async Task<int> WorklistCounts() => (await _worklists.CountsAsync(_unit)).Mine;

    [Benchmark(Description = "transition (mean of approve, return, apply)", OperationsPerInvoke = 3)]
    public async Task<bool> Transition() => await TransitionCycle.RunAsync(_app, _workflow, _cycleTaskIds[_next++ % _cycleTaskIds.Length]);
}
