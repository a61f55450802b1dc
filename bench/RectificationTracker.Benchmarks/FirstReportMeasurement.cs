using System.Diagnostics;
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
/// Issue 15 "first PDF after start": a fresh app over the 10,000-task database; after <c>delay</c> seconds
/// (0: at once; 5: a user who logs in first) a sign-off sheet, a 500-task ledger and the whole campaign's bulletin are
/// printed, then each five times more (warm: the median). The report warm-up runs in the background at start-up (ADR 14).
/// With <c>parts</c>: six rounds of a sign-off sheet timed in its steps and the whole campaign's bulletin in its stages
/// (figures, layout, Skia writing; no download record), each with the page faults it took (ADR 14, fourth and fifth
/// passes: a page of fresh memory cost ~3 to ~30 µs on these virtual machines) and the collector's pauses, and the last
/// bulletin's allocations by type (the runtime's allocation samples). With <c>parts jit</c>: also the methods the JIT
/// compiled during the first two sign-offs (the runtime's JIT events); listening to them slows the process's bulletins
/// tenfold, so a <c>jit</c> run's bulletin figures mean nothing.
/// </summary>
public static class FirstReportMeasurement
{
    public static async Task RunAsync(double delaySeconds, bool parts = false, bool jit = false)
    {
        var started = Stopwatch.StartNew();
        using var app = await BenchApp.StartAsync(10_000);
        var up = started.Elapsed;
        var office = await app.ActorAsync("office");
        using var scope = app.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var bulletins = scope.ServiceProvider.GetRequiredService<BulletinService>();
        int round500;
        int signOff;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
        {
            round500 = await db.Tasks.GroupBy(t => t.RoundId).Where(g => g.Count() == CampaignGenerator.TasksPerRound).Select(g => g.Key).FirstAsync();
            signOff = await db.Tasks.Where(t => t.State == TaskState.Closed && t.Evidence.Count > 0).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(delaySeconds));
        async Task<double> Time(Func<Task<ReportOutcome>> print)
        {
            var watch = Stopwatch.StartNew();
            var outcome = await print();
            return outcome.Status == ReportStatus.Ok ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException(outcome.Message);
        }

        if (parts)
        {
            await PartsAsync(scope.ServiceProvider, office, signOff, jit);
            return;
        }

        // The harness's own first await (the timing helper's state machine, a Task<double>'s completion: ~30 methods the
        // JIT compiles on first use, 5-10 ms) is not the report's: run it once on a report that is no report.
        await Time(async () =>
        {
            await Task.Yield();
            return new ReportOutcome(ReportStatus.Ok);
        });

        var firstSignOff = await Time(() => reports.SignOffPdfAsync(office, signOff, Stream.Null));
        var firstLedger = await Time(() => reports.LedgerPdfAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4, Stream.Null));
        var firstBulletin = await Time(() => bulletins.PdfAsync(office, new BulletinRequest(), Stream.Null));
        // Warm: the median of five more of each.
        var signOffs = new List<double>();
        var ledgers = new List<double>();
        var wholeBulletins = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            signOffs.Add(await Time(() => reports.SignOffPdfAsync(office, signOff, Stream.Null)));
            ledgers.Add(await Time(() => reports.LedgerPdfAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4, Stream.Null)));
            wholeBulletins.Add(await Time(() => bulletins.PdfAsync(office, new BulletinRequest(), Stream.Null)));
        }

        var warmSignOff = signOffs.Order().ElementAt(2);
        var warmLedger = ledgers.Order().ElementAt(2);
        var warmBulletin = wholeBulletins.Order().ElementAt(2);
        Console.WriteLine($"// first-report: app up in {up.TotalSeconds:F1} s, first report {delaySeconds:0.#} s later");
        Console.WriteLine($"// first-report: sign-off sheet first {firstSignOff:F3} s, warm {warmSignOff:F3} s (×{firstSignOff / warmSignOff:F2}); " +
            $"500-task ledger first {firstLedger:F3} s, warm {warmLedger:F3} s (×{firstLedger / warmLedger:F2}); " +
            $"whole-campaign bulletin first {firstBulletin:F3} s, warm {warmBulletin:F3} s (×{firstBulletin / warmBulletin:F2})");
    }

    private static async Task PartsAsync(IServiceProvider services, Actor office, int signOff, bool jit)
    {
        var reports = services.GetRequiredService<ReportService>();
        var bulletins = services.GetRequiredService<BulletinService>();
        var queries = services.GetRequiredService<Web.Features.Tasks.TaskQueries>();
        var fonts = services.GetRequiredService<Web.Infrastructure.PdfWriter.DocumentFonts>();
        for (var i = 0; i < 6; i++)
        {
            var faults = new long[7];
            var at = new double[7];
            var paused = new TimeSpan[7];
            var watch = Stopwatch.StartNew();
            void Mark(int step)
            {
                faults[step] = MinorFaults();
                paused[step] = GC.GetTotalPauseDuration();
                at[step] = watch.Elapsed.TotalMilliseconds;
            }

            var compiling = jit && i < 2 ? new JitRecorder() : null;
            compiling?.Start();
            Mark(0);
            var detail = await queries.DetailAsync(office, signOff, "基准测试") ?? throw new InvalidOperationException("no sign-off task");
            Mark(1);
            await reports.WriteSignOffAsync(office, detail, Stream.Null, CancellationToken.None);
            Mark(2);
            await reports.RecordDownloadAsync(office, "基准测试:销号审签单分步计时", detail.Task.RoundId, signOff, CancellationToken.None);
            Mark(3);
            if (compiling is not null)
            {
                var compiled = await compiling.StopAsync();
                compiling.Dispose();
                Console.WriteLine($"// first-report parts {i + 1}: {compiled.Count} methods compiled during the sign-off (ms from its start):");
                foreach (var method in compiled)
                {
                    Console.WriteLine("//   " + method);
                }
            }

            using (var sampler = i == 5 ? new AllocationSampler() : null)
            {
                sampler?.Start();
                // The bulletin's download in its stages: the figures, the layout, Skia writing the pages.
                var figures = (await bulletins.ModelAsync(office, new BulletinRequest()))!;
                Mark(4);
                var report = Web.Features.Reports.Documents.BulletinPdf.Compose(figures, fonts);
                Mark(5);
                report.Write(Stream.Null, BulletinModel.Title, figures.Stamp);
                Mark(6);
                if (sampler?.Stop() is { } types)
                {
                    Console.WriteLine("// first-report parts: the whole bulletin's allocations by type (sampled): " +
                        string.Join(", ", types.Take(20).Select(t => $"{t.Type} {t.Bytes / 1024 / 1024.0:F1} MB")));
                }
            }

            Console.WriteLine($"// first-report parts {i + 1}: sign-off detail {at[1] - at[0]:F1} ms ({faults[1] - faults[0]} page faults), " +
                $"write {at[2] - at[1]:F1} ms ({faults[2] - faults[1]}), history record {at[3] - at[2]:F1} ms ({faults[3] - faults[2]}); " +
                $"whole-campaign bulletin {at[6] - at[3]:F0} ms ({faults[6] - faults[3]} page faults: figures {at[4] - at[3]:F0} ms, " +
                $"layout {at[5] - at[4]:F0} ms, writing {at[6] - at[5]:F0} ms; the collector paused it {(paused[6] - paused[3]).TotalMilliseconds:F0} ms: " +
                $"{(paused[4] - paused[3]).TotalMilliseconds:F0} / {(paused[5] - paused[4]).TotalMilliseconds:F0} / {(paused[6] - paused[5]).TotalMilliseconds:F0}); GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
    }

    /// <summary>This process's minor page faults so far (<c>/proc/self/stat</c>, field 10).</summary>
    private static long MinorFaults() =>
        long.Parse(File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture);
}
