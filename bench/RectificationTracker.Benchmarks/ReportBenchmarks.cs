using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 5's and 15's figures: ledger PDF of 500 and of 10,000 tasks, the ledger .xlsx of 10,000, a sign-off sheet,
/// the whole campaign's bulletin, the flowchart, and ten concurrent ledger downloads over HTTP. Every measured call
/// goes through <see cref="ReportService"/> exactly as a download does (scope, layout, PDF, history record). Reports
/// are written in the app's own process (ADR 14): its peak resident memory is printed at the end.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1)]
public class ReportBenchmarks
{
    private BenchApp _app = null!;
    private IServiceScope _scope = null!;
    private ReportService _reports = null!;
    private Actor _office = null!;
    private HttpClient _client = null!;
    private int _round500;
    private int _signOffTask;
    private BulletinService _bulletins = null!;

    [Params(10_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync(Tasks);
        _office = await _app.ActorAsync("office");
        _client = await _app.SignedInClientAsync("office");
        _scope = _app.Services.CreateScope();
        _reports = _scope.ServiceProvider.GetRequiredService<ReportService>();
        _bulletins = _scope.ServiceProvider.GetRequiredService<BulletinService>();
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        _round500 = await db.Tasks.GroupBy(t => t.RoundId).Where(g => g.Count() == CampaignGenerator.TasksPerRound)
            .Select(g => g.Key).FirstAsync();
        _signOffTask = await db.Tasks.Where(t => t.State == TaskState.Closed && t.Evidence.Count > 0).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        var all = (await _app.Services.CreateScope().ServiceProvider.GetRequiredService<LedgerQueries>().PageAsync(_office, new LedgerFilter())).Total;
        Console.WriteLine($"// office sees {all} tasks; 500-task round {_round500}; sign-off task {_signOffTask}");
        // As a running app is after its first report (the fonts are loaded at start-up).
        await _reports.SignOffPdfAsync(_office, _signOffTask, Stream.Null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"// app process resident memory: now {self.WorkingSet64 / 1048576} MB, peak {self.PeakWorkingSet64 / 1048576} MB");
        _client.Dispose();
        _scope.Dispose();
        _app.Dispose();
    }

    [Benchmark(Description = "ledger PDF, 500 tasks (A4)")]
    public async Task<ReportStatus> LedgerPdf500() =>
        (await _reports.LedgerPdfAsync(_office, new LedgerFilter { RoundId = _round500 }, PaperSize.A4, Stream.Null)).Status;

    [Benchmark(Description = "ledger PDF, all 10,000 tasks (A4)")]
    public async Task<ReportStatus> LedgerPdfAll() =>
        (await _reports.LedgerPdfAsync(_office, new LedgerFilter(), PaperSize.A4, Stream.Null)).Status;

    [Benchmark(Description = "ledger xlsx, all 10,000 tasks")]
    public async Task<ReportStatus> LedgerXlsxAll()
    {
        using var buffer = new MemoryStream(); // the workbook package needs a seekable stream
        return (await _reports.LedgerXlsxAsync(_office, new LedgerFilter(), buffer)).Status;
    }

    [Benchmark(Description = "sign-off sheet")]
    public async Task<ReportStatus> SignOffSheet() => (await _reports.SignOffPdfAsync(_office, _signOffTask, Stream.Null)).Status;

    [Benchmark(Description = "bulletin PDF, whole campaign")]
    public async Task<ReportStatus> Bulletin() => (await _bulletins.PdfAsync(_office, new BulletinRequest(), Stream.Null)).Status;

    [Benchmark(Description = "flowchart PDF")]
    public async Task<ReportStatus> Flowchart() => (await _reports.FlowchartPdfAsync(_office, null, null, Stream.Null)).Status;

    [Benchmark(Description = "10 concurrent GET /reports/ledger.pdf (500 tasks each)")]
    public async Task<int> TenConcurrentLedgers()
    {
        var url = new Uri(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = _round500 }, PaperSize.A4), UriKind.Relative);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _client.GetAsync(url)));
        var ok = 0;
        foreach (var r in responses)
        {
            if (r.IsSuccessStatusCode && (await r.Content.ReadAsByteArrayAsync()).Length > 1000)
            {
                ok++;
            }

            r.Dispose();
        }

        return ok == 10 ? ok : throw new InvalidOperationException($"only {ok} of 10 concurrent ledger downloads succeeded");
    }
}
