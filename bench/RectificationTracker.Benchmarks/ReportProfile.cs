using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 15's report figures through the services, one after the other (docs/adr/0014): the 500-row ledger, the
/// sign-off sheet, the whole campaign's bulletin and the flowchart ("small"), the 10,000-row ledger with the app's
/// peak working set ("large"), and ten concurrent ledger downloads ("concurrent"). The first copy of each is kept in
/// <c>artifacts/profile</c> to look at.
/// Run: <c>dotnet run -c Release --project bench/RectificationTracker.Benchmarks -- report-figures [rounds] all|small|large|concurrent|bulletin</c>.
/// </summary>
public static class ReportProfile
{
    public static async Task FiguresAsync(int rounds, string what)
    {
        var outDir = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "profile");
        Directory.CreateDirectory(outDir);
        using var app = await BenchApp.StartAsync(10_000);
        var office = await app.ActorAsync("office");
        using var scope = app.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var bulletins = scope.ServiceProvider.GetRequiredService<BulletinService>();
        int round500;
        int signOff;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
        {
            round500 = await db.Tasks.GroupBy(t => t.RoundId).Where(g => g.Count() == CampaignGenerator.TasksPerRound).Select(g => g.Key).FirstAsync();
            signOff = await db.Tasks.Where(t => t.State == RectificationTracker.Domain.Tasks.TaskState.Closed && t.Evidence.Count > 0)
                .OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
            Console.WriteLine($"// figures: {await db.Tasks.CountAsync()} tasks in the database");
        }

        await reports.SignOffPdfAsync(office, signOff, Stream.Null); // warm, as a running app is
        async Task Time(string name, int n, Func<Stream, Task<ReportStatus>> print)
        {
            var times = new List<double>();
            var cpuTimes = new List<double>(); // the app process's CPU time: what the report costs on an idle machine
            for (var i = 0; i < n; i++)
            {
                var load = Load();
                using var self = Process.GetCurrentProcess();
                var cpu = self.TotalProcessorTime;
                var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var paused = GC.GetTotalPauseDuration();
                var watch = Stopwatch.StartNew();
                ReportStatus status;
                if (i == 0)
                {
                    await using var file = File.Create(Path.Combine(outDir, "out-" + name + ".pdf"));
                    status = await print(file);
                }
                else
                {
                    status = await print(Stream.Null);
                }

                times.Add(watch.Elapsed.TotalSeconds);
                self.Refresh();
                var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
                cpuTimes.Add(cpuSeconds);
                Console.WriteLine($"// figures: {name} {watch.Elapsed.TotalSeconds:F2} s, cpu {cpuSeconds:F2} s ({status}) [{load} → {Load()}]; " +
                    $"{(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1048576} MB allocated, GCs {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}, " +
                    $"paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
            }

            times.Sort();
            cpuTimes.Sort();
            Console.WriteLine($"// figures: {name}: median {times[times.Count / 2]:F2} s, min {times[0]:F2} s, max {times[^1]:F2} s over {n}; cpu median {cpuTimes[cpuTimes.Count / 2]:F2} s");
        }

        if (what is "all" or "small")
        {
            await Time("ledger-500", rounds, s => Status(reports.LedgerPdfAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4, s)));
            await Time("sign-off", rounds, s => Status(reports.SignOffPdfAsync(office, signOff, s)));
            await Time("bulletin", rounds, s => Status(bulletins.PdfAsync(office, new BulletinRequest(), s)));
            // The whole campaign's bulletin in its two parts: the figures (queries and CampaignMetrics) and the writing.
            await Time("bulletin-model", rounds, async _ => await bulletins.ModelAsync(office, new BulletinRequest()) is null ? ReportStatus.NotFound : ReportStatus.Ok);
            await Time("bulletin-round", rounds, s => Status(bulletins.PdfAsync(office, new BulletinRequest(RoundId: round500), s)));
            await Time("flowchart", rounds, s => Status(reports.FlowchartPdfAsync(office, null, null, s)));
        }

        if (what is "bulletin")
        {
            await Time("bulletin", rounds, s => Status(bulletins.PdfAsync(office, new BulletinRequest(), s)));
        }

        if (what is "bulletin" or "stages")
        {
            // The whole campaign's bulletin in its stages: the figures (queries, CampaignMetrics, the listed measures),
            // the layout (line breaking, tables, pages recorded) and Skia writing the recorded pages.
            var fonts = app.Services.GetRequiredService<RectificationTracker.Web.Infrastructure.PdfWriter.DocumentFonts>();
            var (model, layout, write, whole, record) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < rounds; i++)
            {
                var load = Load();
                using var self = Process.GetCurrentProcess();
                var marks = new List<(TimeSpan Cpu, long Bytes)>();
                void Mark()
                {
                    self.Refresh();
                    marks.Add((self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true)));
                }

                Mark();
                var watch = Stopwatch.StartNew();
                var figures = (await bulletins.ModelAsync(office, new BulletinRequest()))!;
                model.Add(watch.Elapsed.TotalSeconds);
                Mark();
                watch.Restart();
                var report = RectificationTracker.Web.Features.Reports.Documents.BulletinPdf.Compose(figures, fonts);
                layout.Add(watch.Elapsed.TotalSeconds);
                Mark();
                watch.Restart();
                report.Write(Stream.Null, BulletinModel.Title, figures.Stamp, Writers());
                write.Add(watch.Elapsed.TotalSeconds);
                Mark();
                watch.Restart();
                await Status(bulletins.PdfAsync(office, new BulletinRequest(), Stream.Null));
                whole.Add(watch.Elapsed.TotalSeconds);
                watch.Restart();
                await reports.RecordDownloadAsync(office, "基准测试:下载记录", null, null, default);
                record.Add(watch.Elapsed.TotalSeconds);
                string Cost(int stage) => $"cpu {(marks[stage + 1].Cpu - marks[stage].Cpu).TotalSeconds:F3} s, {(marks[stage + 1].Bytes - marks[stage].Bytes) / 1048576} MB";
                Console.WriteLine($"// figures: bulletin stages: figures {model[^1]:F3} s ({Cost(0)}), layout {layout[^1]:F3} s ({Cost(1)}), " +
                    $"writing {write[^1]:F3} s ({Cost(2)}) [{load} → {Load()}]");
            }

            static double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);

            // BENCH_PDF_WRITERS=1 (or 2) writes the stage's PDF on that many threads; unset, on the cores free, as the app does.
            static int? Writers() => Environment.GetEnvironmentVariable("BENCH_PDF_WRITERS") is { Length: > 0 } writers
                ? int.Parse(writers, System.Globalization.CultureInfo.InvariantCulture)
                : null;
            Console.WriteLine($"// figures: bulletin stages (median of {rounds}): figures {Median(model):F3} s, layout {Median(layout):F3} s, writing {Median(write):F3} s; " +
                $"the whole download right after {Median(whole):F3} s, of which the history record of a download alone takes {Median(record):F3} s");
        }

        if (what is "all" or "large")
        {
            // Reports are written in the app's own process (ADR 14): its peak working set and what the writer allocated.
            using var current = Process.GetCurrentProcess();
            var before = current.WorkingSet64;
            long peak = 0;
            using var sampler = new Timer(_ =>
            {
                current.Refresh();
                lock (outDir)
                {
                    peak = Math.Max(peak, current.WorkingSet64);
                }
            }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            await Time("ledger-all", Math.Max(1, rounds / 2), s => Status(reports.LedgerPdfAsync(office, new LedgerFilter(), PaperSize.A4, s)));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"// figures: app working set {before / 1048576} MB before, peak {peak / 1048576} MB while writing the whole ledger; {allocated / 1048576} MB allocated over {Math.Max(1, rounds / 2)} run(s)");
        }

        if (what is "all" or "concurrent")
        {
            using var client = await app.SignedInClientAsync("office");
            var url = new Uri(ReportEndpoints.LedgerPdfUrl(new LedgerFilter { RoundId = round500 }, PaperSize.A4), UriKind.Relative);
            var watch = Stopwatch.StartNew();
            var load = Load();
            var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(url)));
            var ok = 0;
            foreach (var r in responses)
            {
                ok += r.IsSuccessStatusCode && (await r.Content.ReadAsByteArrayAsync()).Length > 1000 ? 1 : 0;
                r.Dispose();
            }

            Console.WriteLine($"// figures: ten concurrent 500-row ledger downloads: {ok} of 10 succeeded in {watch.Elapsed.TotalSeconds:F2} s [{load} → {Load()}]");
        }
    }

    private static async Task<ReportStatus> Status(Task<ReportOutcome> outcome) => (await outcome).Status;

    internal static string Load() => "load " + File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
