using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// 整改进展情况通报 over the whole generated campaign as the office sees it: PDF and .docx for today, and
/// the PDF as of 60 days ago (facts replayed from the history). Through <see cref="BulletinService"/>
/// exactly as a download (scope, figures, render, history record); Chromium warm from the setup.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1)]
public class BulletinBenchmarks
{
    private BenchApp _app = null!;
    private IServiceScope _scope = null!;
    private BulletinService _bulletins = null!;
    private Actor _office = null!;
    private DateOnly _past;

    [Params(10_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync(Tasks);
        _office = await _app.ActorAsync("office");
        _scope = _app.Services.CreateScope();
        _bulletins = _scope.ServiceProvider.GetRequiredService<BulletinService>();
        _past = _app.Services.GetRequiredService<Clock>().Today.AddDays(-60);
        var model = await _bulletins.ModelAsync(_office, new BulletinRequest());
        Console.WriteLine($"// bulletin over {model!.Figures.Total} tasks, {model.Figures.ByUnit.Count} units, {model.Overdue.Count} overdue, {model.ClosedSince.Count} closed in 30 days");
        await _bulletins.PdfAsync(_office, new BulletinRequest(), Stream.Null); // warm the browser
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _app.Dispose();
    }

    [Benchmark(Description = "bulletin PDF, today")]
    public async Task<ReportStatus> BulletinPdf() => (await _bulletins.PdfAsync(_office, new BulletinRequest(), Stream.Null)).Status;

    [Benchmark(Description = "bulletin docx, today")]
    public async Task<ReportStatus> BulletinDocx()
    {
        using var buffer = new MemoryStream();
        return (await _bulletins.DocxAsync(_office, new BulletinRequest(), buffer)).Status;
    }

    [Benchmark(Description = "bulletin PDF, as of 60 days ago (history replay)")]
    public async Task<ReportStatus> BulletinPdfAsOf() => (await _bulletins.PdfAsync(_office, new BulletinRequest(AsOf: _past), Stream.Null)).Status;
}
