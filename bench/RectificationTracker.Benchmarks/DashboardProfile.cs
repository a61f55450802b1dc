using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 14: where the dashboard's time goes at scale, for the supervisor (every task): today's figures counted in
/// SQL (<see cref="CampaignCountsQuery"/>) and computed from the counts, then the whole <see cref="DashboardQueries.FiguresAsync"/>.
/// With <c>BENCH_PER_FACT=1</c> also the per-fact path the as-of dashboard and the bulletin use (fact read, signed
/// outcomes, calculation; ~10 s a repeat at 1M). <c>bash scripts/bench.sh dashboard-profile 1000000</c>.
/// </summary>
public static class DashboardProfile
{
    public static async Task RunAsync(int tasks, int repeats)
    {
        var dir = await BenchApp.DatabaseAsync(tasks);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Tracker:Reports:WarmUpOnStart"] = "false" };
        if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
        {
            settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        var perFact = Environment.GetEnvironmentVariable("BENCH_PER_FACT") == "1";
        await using var app = BenchApp.StartKestrel(dir, settings);
        var supervisor = await app.ActorAsync("supervisor");
        var clock = app.Service<Clock>();
        var units = (await app.Service<UnitDirectory>().AllAsync()).ToDictionary(u => u.Id);
        var dashboard = app.Service<DashboardQueries>();
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            await using (var db = await app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
            {
                var (counts, _) = await new CampaignCountsQuery(db, clock, units)
                    .CountAsync(db.Tasks.AsNoTracking(), "/", clock.Today, DashboardQueries.RedListWithText, default);
                var counted = sw.Elapsed;
                var grouped = CampaignMetrics.Compute(counts, clock.Today);
                var computed = sw.Elapsed;
                Console.WriteLine(FormattableString.Invariant(
                    $"// dashboard-profile grouped: SQL counts {counted.TotalMilliseconds:F0} ms ({counts.Tasks.Count} task groups, {counts.Problems.Count} problem groups, {counts.RedListCandidates.Count} red-list rows), compute {(computed - counted).TotalMilliseconds:F1} ms ({grouped.Total} tasks, red list {grouped.RedListTotal})"));
            }

            if (perFact)
            {
                GC.Collect();
                sw.Restart();
                await using var db = await app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
                var projection = new TaskFactProjection(db, clock, units);
                var facts = await projection.FactsAsync(db.Tasks.AsNoTracking(), "/", withMeasure: false, default);
                var read = sw.Elapsed;
                var outcomes = await projection.SignedOutcomesAsync(null, default);
                var signed = sw.Elapsed;
                TaskFactProjection.AttachCurrentOutcomes(facts, outcomes);
                var figures = CampaignMetrics.Compute(facts, clock.Today);
                var computed = sw.Elapsed;
                Console.WriteLine(FormattableString.Invariant(
                    $"// dashboard-profile per fact {facts.Count} facts: read {read.TotalMilliseconds:F0} ms, signed outcomes {(signed - read).TotalMilliseconds:F0} ms ({outcomes.Count}), compute {(computed - signed).TotalMilliseconds:F0} ms (red list {figures.RedListTotal})"));
            }

            GC.Collect();
            sw.Restart();
            var whole = await dashboard.FiguresAsync(supervisor, new DashboardFilter());
            Console.WriteLine(FormattableString.Invariant(
                $"// dashboard-profile FiguresAsync {sw.Elapsed.TotalMilliseconds:F0} ms ({whole.Figures.Total} tasks, red list {whole.Figures.RedListTotal}); heap {GC.GetTotalMemory(false) / 1048576} MB"));
        }
    }
}
