using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 14: where the dashboard's time goes at scale — the fact read, the signed outcomes, the domain's
/// calculation — for the supervisor (every task). <c>bash scripts/bench.sh dashboard-profile 1000000</c>.
/// </summary>
public static class DashboardProfile
{
    public static async Task RunAsync(int tasks, int repeats)
    {
        var dir = await BenchApp.DatabaseAsync(tasks);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Tracker:Pdf:WarmUpOnStart"] = "false" };
        if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
        {
            settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        await using var app = BenchApp.StartKestrel(dir, settings);
        var supervisor = await app.ActorAsync("supervisor");
        var clock = app.Service<Clock>();
        var units = (await app.Service<UnitDirectory>().AllAsync()).ToDictionary(u => u.Id);
        var dashboard = app.Service<DashboardQueries>();
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            await using var db = await app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
            var projection = new TaskFactProjection(db, clock, units);
            var facts = await projection.FactsAsync(db.Tasks.AsNoTracking(), "/", withMeasure: false, default);
            var read = sw.Elapsed;
            var outcomes = await projection.SignedOutcomesAsync(null, default);
            var signed = sw.Elapsed;
            TaskFactProjection.AttachCurrentOutcomes(facts, outcomes);
            var figures = CampaignMetrics.Compute(facts, clock.Today);
            var computed = sw.Elapsed;
            sw.Restart();
            var whole = await dashboard.FiguresAsync(supervisor, new DashboardFilter());
            Console.WriteLine(FormattableString.Invariant(
                $"// dashboard-profile {facts.Count} facts: read {read.TotalMilliseconds:F0} ms, signed outcomes {(signed - read).TotalMilliseconds:F0} ms ({outcomes.Count}), compute {(computed - signed).TotalMilliseconds:F0} ms; FiguresAsync {sw.Elapsed.TotalMilliseconds:F0} ms ({whole.Figures.Total} tasks, red list {figures.RedList.Count}); heap {GC.GetTotalMemory(false) / 1048576} MB"));
        }
    }
}
