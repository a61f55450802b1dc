using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectificationTracker.Web;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// A first start: migrations, roles, 15 demo accounts (password hashing) and both demo campaigns into an
/// empty data folder, through the initialiser the <c>seed</c> command runs. (Was a timed test, ≤ 10 s.)
/// </summary>
[MemoryDiagnoser]
[IterationCount(5)]
[WarmupCount(1)]
public class SeedBenchmarks
{
    private string _folder = "";
    private WebApplication? _app;

    [IterationSetup]
    public void NewFolder()
    {
        _folder = Directory.CreateTempSubdirectory("rt-bench-seed-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tracker:DataDirectory"] = _folder,
            ["Tracker:SeedDemoData"] = "true",
            ["Tracker:AdminPassword"] = "Bench#2026admin",
        });
        builder.AddTrackerConfiguration();
        builder.Logging.ClearProviders();
        builder.Services.AddTrackerData(builder.Configuration);
        builder.Services.AddTrackerIdentity();
        builder.Services.AddTrackerFeatures();
        _app = builder.Build();
    }

    [Benchmark(Description = "seed: migrate + demo organisation, accounts and campaigns (first start)")]
    public async Task Seed()
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(scope.ServiceProvider);
        await init.RunAsync(TextWriter.Null, seed: true);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
