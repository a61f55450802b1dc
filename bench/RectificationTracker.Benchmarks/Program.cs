using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RectificationTracker.Benchmarks;

public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["journal"])
        {
            JournalModeMeasurement.RunAsync().GetAwaiter().GetResult();
            return;
        }

        if (args is ["first-report", ..])
        {
            FirstReportMeasurement.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0,
                args is [_, _, "parts", ..], args is [_, _, "parts", "jit"]).GetAwaiter().GetResult();
            return;
        }

        if (args is ["report-figures", var rounds, var what])
        {
            // Issue 15's report figures through the services, one after the other (docs/adr/0010).
            ReportProfile.FiguresAsync(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), what).GetAwaiter().GetResult();
            return;
        }

        if (args is ["dashboard-profile", var dashTasks, ..])
        {
            // Issue 14: the dashboard's time split into the SQL counts and the calculation (BENCH_PER_FACT=1: the per-fact path too).
            DashboardProfile.RunAsync(int.Parse(dashTasks, System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3).GetAwaiter().GetResult();
            return;
        }

        if (args is ["page-profile", var page, ..])
        {
            // Issue 12: a page's first response split into SQL and the rest.
            PageProfile.RunAsync(page, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200).GetAwaiter().GetResult();
            return;
        }

        if (args is ["circuits", ..])
        {
            // Issue 12: server memory per open ledger circuit (docs/adr/0007).
            CircuitMemoryMeasurement.RunAsync(args.Length > 1 ? args[1] : "/ledger").GetAwaiter().GetResult();
            return;
        }

        if (args is ["scale", var size, ..])
        {
            // Issue 14: the ledger, dashboard, a transition and 50 concurrent users at 100,000 / 1,000,000 tasks (docs/adr/0012).
            ScaleMeasurement.RunAsync(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? args[2] : "Sqlite")
                .GetAwaiter().GetResult();
            return;
        }

        if (args is ["circuits-client", var baseUrl, var path])
        {
            // The browser side of "circuits", started by it as a child process.
            CircuitMemoryMeasurement.ClientAsync(baseUrl, path).GetAwaiter().GetResult();
            return;
        }

        if (args is ["import-once"])
        {
            // One 5,000-row import in a fresh process: its peak working set is the import's memory figure
            // (app and EF included, BenchmarkDotNet's own bookkeeping not).
            var intake = new IntakeBenchmarks();
            intake.Setup();
            System.GC.Collect();
            var before = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
            intake.NewRound();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var created = intake.ImportFiveThousandRows();
            Console.WriteLine($"// import-once: {created} tasks created in {watch.Elapsed.TotalSeconds:F2} s; working set before {before / 1024 / 1024} MB, " +
                $"process peak {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
            intake.Cleanup();
            return;
        }

        // Benchmarks run in this process (docs/adr/0007): each holds a whole app over a prepared database,
        // which a generated per-benchmark project would rebuild and re-open for every run.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithWarmupCount(3)
                .WithIterationCount(15))
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "bench"))
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}
