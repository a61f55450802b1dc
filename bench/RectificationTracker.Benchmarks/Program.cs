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
        // The app is self-contained for linux-x64 (Directory.Build.props), so benchmarks run in this
        // process instead of BenchmarkDotNet generating and building a separate project per benchmark.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(3)
                .WithIterationCount(15))
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "bench"))
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}
