using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PuppeteerSharp;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Reports.Documents;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 15 profile (ADR 10): where a ledger print spends its time inside Chromium. The ledger's HTML (500 rows,
/// and parts of 250 / 1,000 rows of the 10,000-task ledger) is written to <c>artifacts/profile</c>, then a warm tab of
/// Debian's Chromium (the engine's flags) loads and prints each one step by step over the DevTools protocol:
/// navigate + load, <c>document.fonts.ready</c>, <c>Page.printToPDF</c> (stream), <c>IO.read</c> of the bytes.
/// Run: <c>dotnet run -c Release --project bench/RectificationTracker.Benchmarks -- report-profile [rounds]</c>.
/// </summary>
public static class ReportProfile
{
    public static async Task RunAsync(int rounds)
    {
        var outDir = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "profile");
        Directory.CreateDirectory(outDir);
        var files = new List<string>();
        using (var app = await BenchApp.StartAsync(10_000))
        {
            var office = await app.ActorAsync("office");
            using var scope = app.Services.CreateScope();
            var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
            int round500;
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
            {
                round500 = await db.Tasks.GroupBy(t => t.RoundId).Where(g => g.Count() == CampaignGenerator.TasksPerRound).Select(g => g.Key).FirstAsync();
            }

            var m500 = (await reports.LedgerModelAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4))!;
            var all = (await reports.LedgerModelAsync(office, new LedgerFilter(), PaperSize.A4))!;
            Console.WriteLine($"// rows: 500-round {m500.Rows.Count}, all {all.Rows.Count}; 整改进展 mean length {all.Rows.Average(r => (r.LatestProgress ?? "").Length):F0}, max {all.Rows.Max(r => (r.LatestProgress ?? "").Length)}");
            files.Add(await WriteAsync(app.Services, outDir, "ledger-500", new() { ["Model"] = m500 }));
            files.Add(await WriteAsync(app.Services, outDir, "part-250", new() { ["Model"] = all, ["FirstRow"] = 2500, ["RowCount"] = 250, ["PageNumbers"] = false }));
            files.Add(await WriteAsync(app.Services, outDir, "part-1000", new() { ["Model"] = all, ["FirstRow"] = 2000, ["RowCount"] = 1000, ["PageNumbers"] = false }));
        }

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            UserDataDir = Directory.CreateTempSubdirectory("rt-profile-").FullName,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check"],
            IgnoredDefaultArgs = ["--export-tagged-pdf", "--generate-pdf-document-outline"],
            Pipe = true,
            DefaultViewport = null,
        }, NullLoggerFactory.Instance);
        var tab = await browser.NewPageAsync();
        var root = browser.Process.Id;
        // Variants of the 250-row part: what in the markup costs print time.
        var part = await File.ReadAllTextAsync(files[1]);
        Variant("part-250-no-anywhere", part.Replace(" overflow-wrap: anywhere;", "", StringComparison.Ordinal));
        Variant("part-250-no-avoid", part.Replace("tr { break-inside: avoid; page-break-inside: avoid; }", "", StringComparison.Ordinal));
        Variant("part-250-one-font", part.Replace(ReportCss.Song, "'WenQuanYi Micro Hei'", StringComparison.Ordinal).Replace(ReportCss.Hei, "'WenQuanYi Micro Hei'", StringComparison.Ordinal));
        Variant("part-250-no-thead", part.Replace("thead { display: table-header-group; }", "thead { display: table-row-group; }", StringComparison.Ordinal));
        var body = part.IndexOf("<tbody>", StringComparison.Ordinal);
        var firstRowEnd = part.IndexOf("</tr>", part.IndexOf("<tr>", body, StringComparison.Ordinal), StringComparison.Ordinal) + 5;
        Variant("one-row", part[..firstRowEnd] + "</tbody></table></body></html>");
        void Variant(string name, string html)
        {
            var path = Path.Combine(outDir, name + ".html");
            File.WriteAllText(path, html, new UTF8Encoding(false));
            files.Add(path);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var html in files)
            {
                Console.WriteLine($"// {Path.GetFileNameWithoutExtension(html)} ({new FileInfo(html).Length / 1024} kB): {await ProfileAsync(tab, html, root)}  [{Load()}]");
            }
        }
    }

    /// <summary>
    /// Issue 15's figures through <see cref="ReportService"/> / <see cref="BulletinService"/> exactly as a download
    /// (scope, render, history): ledger 500 rows, sign-off sheet, bulletin, the whole ledger with Chromium's peak PSS
    /// sampled every 250 ms, ten concurrent ledger downloads over HTTP. One PDF of each is kept in artifacts/profile.
    /// </summary>
    public static async Task FiguresAsync(int rounds, string what)
    {
        var outDir = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "profile");
        Directory.CreateDirectory(outDir);
        using var app = await BenchApp.StartAsync(10_000);
        var office = await app.ActorAsync("office");
        using var scope = app.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var bulletins = scope.ServiceProvider.GetRequiredService<BulletinService>();
        var engine = app.Services.GetRequiredService<RectificationTracker.Web.Infrastructure.Pdf.PdfEngine>();
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
            for (var i = 0; i < n; i++)
            {
                var load = Load();
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
                Console.WriteLine($"// figures: {name} {watch.Elapsed.TotalSeconds:F2} s ({status}) [{load} → {Load()}]");
            }

            times.Sort();
            Console.WriteLine($"// figures: {name}: median {times[times.Count / 2]:F2} s, min {times[0]:F2} s, max {times[^1]:F2} s over {n}");
        }

        if (what is "all" or "small")
        {
            await Time("ledger-500", rounds, s => Status(reports.LedgerPdfAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4, s)));
            await Time("sign-off", rounds, s => Status(reports.SignOffPdfAsync(office, signOff, s)));
            await Time("bulletin", rounds, s => Status(bulletins.PdfAsync(office, new BulletinRequest(), s)));
            await Time("flowchart", rounds, s => Status(reports.FlowchartPdfAsync(office, null, null, s)));
        }

        if (what is "all" or "large")
        {
            long peak = 0;
            using var sampler = new Timer(_ =>
            {
                if (engine.BrowserProcessId is { } root)
                {
                    var pss = PssBytes(root);
                    lock (outDir)
                    {
                        peak = Math.Max(peak, pss);
                    }
                }
            }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
            await Time("ledger-all", Math.Max(1, rounds / 2), s => Status(reports.LedgerPdfAsync(office, new LedgerFilter(), PaperSize.A4, s)));
            Console.WriteLine($"// figures: Chromium peak PSS while printing the whole ledger {peak / 1048576} MB");
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

    /// <summary>Proportional set size of a process and all its descendants.</summary>
    internal static long PssBytes(int root)
    {
        long pss = 0;
        foreach (var pid in Tree(root))
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                if (line is not null)
                {
                    pss += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
            catch (IOException)
            {
                // exited meanwhile
            }
        }

        return pss;
    }

    /// <summary>A process and all its descendants, from /proc (Chromium's browser process and its renderers).</summary>
    internal static HashSet<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }

        return tree;
    }

    /// <summary>Prints the given HTML files <paramref name="rounds"/> times each on one warm tab (no app, no database).</summary>
    public static async Task FilesAsync(int rounds, IReadOnlyList<string> files, IReadOnlyList<string> extraArgs)
    {
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            UserDataDir = Directory.CreateTempSubdirectory("rt-profile-").FullName,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check", .. extraArgs],
            IgnoredDefaultArgs = ["--export-tagged-pdf", "--generate-pdf-document-outline"],
            Pipe = true,
            DefaultViewport = null,
        }, NullLoggerFactory.Instance);
        var tab = await browser.NewPageAsync();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var html in files)
            {
                Console.WriteLine($"// {Path.GetFileNameWithoutExtension(html)} ({new FileInfo(html).Length / 1024} kB): {await ProfileAsync(tab, Path.GetFullPath(html), browser.Process.Id)}  [{Load()}]");
            }
        }
    }

    private static async Task<string> WriteAsync(IServiceProvider services, string dir, string name, Dictionary<string, object?> parameters)
    {
        var path = Path.Combine(dir, name + ".html");
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<LedgerReport>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        await File.WriteAllTextAsync(path, html, new UTF8Encoding(false));
        return path;
    }

    private static async Task<string> ProfileAsync(IPage tab, string html, int root)
    {
        var cpu0 = CpuSeconds(root);
        var watch = Stopwatch.StartNew();
        await tab.GoToAsync(new Uri(html).AbsoluteUri, new PuppeteerSharp.NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 0 });
        var load = watch.Elapsed.TotalSeconds;
        var cpuLoad = CpuSeconds(root) - cpu0;
        await tab.EvaluateExpressionAsync("document.fonts.ready.then(() => 1)");
        var fonts = watch.Elapsed.TotalSeconds - load;
        var t1 = watch.Elapsed.TotalSeconds;
        var cpu1 = CpuSeconds(root);
        if (Environment.GetEnvironmentVariable("PROFILE_PUPPETEER") == "1")
        {
            // The engine's call: PuppeteerSharp's PdfStreamAsync with the engine's options.
            await using var stream = await tab.PdfStreamAsync(new PuppeteerSharp.PdfOptions
            {
                PrintBackground = true, PreferCSSPageSize = true, DisplayHeaderFooter = false, Tagged = false, Outline = false, WaitForFonts = true, Timeout = 0,
            });
            var viaPuppeteer = watch.Elapsed.TotalSeconds - t1;
            var cpuVia = CpuSeconds(root) - cpu1;
            await using var target = File.Create(Path.ChangeExtension(html, ".pdf"));
            await stream.CopyToAsync(target);
            return string.Create(CultureInfo.InvariantCulture,
                $"load {load:F2} s (cpu {cpuLoad:F2}), fonts {fonts:F2} s, PdfStreamAsync {viaPuppeteer:F2} s (cpu {cpuVia:F2}), copy {watch.Elapsed.TotalSeconds - t1 - viaPuppeteer:F2} s, total {watch.Elapsed.TotalSeconds:F2} s, {Pages(Path.ChangeExtension(html, ".pdf"))} pages");
        }

        var printed = await tab.Client.SendAsync<JsonElement>("Page.printToPDF", new Dictionary<string, object>
        {
            ["transferMode"] = "ReturnAsStream",
            ["preferCSSPageSize"] = true,
            ["printBackground"] = true,
            ["generateTaggedPDF"] = false,
            ["generateDocumentOutline"] = false,
        }, new CommandOptions { Timeout = 600_000 });
        var print = watch.Elapsed.TotalSeconds - t1;
        var cpuPrint = CpuSeconds(root) - cpu1;
        var t2 = watch.Elapsed.TotalSeconds;
        var handle = printed.GetProperty("stream").GetString()!;
        var pdfPath = Path.ChangeExtension(html, ".pdf");
        long bytes = 0;
        var reads = 0;
        await using (var file = File.Create(pdfPath))
        {
            while (true)
            {
                var chunk = await tab.Client.SendAsync<JsonElement>("IO.read", new Dictionary<string, object> { ["handle"] = handle, ["size"] = 1 << 20 });
                reads++;
                var data = chunk.GetProperty("data").GetString()!;
                var raw = chunk.TryGetProperty("base64Encoded", out var b) && b.GetBoolean() ? Convert.FromBase64String(data) : Encoding.Latin1.GetBytes(data);
                await file.WriteAsync(raw);
                bytes += raw.Length;
                if (chunk.TryGetProperty("eof", out var eof) && eof.GetBoolean())
                {
                    break;
                }
            }
        }

        await tab.Client.SendAsync("IO.close", new Dictionary<string, object> { ["handle"] = handle });
        var read = watch.Elapsed.TotalSeconds - t2;
        return string.Create(CultureInfo.InvariantCulture,
            $"load {load:F2} s (cpu {cpuLoad:F2}), fonts {fonts:F2} s, printToPDF {print:F2} s (cpu {cpuPrint:F2}), IO.read {read:F2} s ({reads} reads, {bytes / 1024} kB), total {watch.Elapsed.TotalSeconds:F2} s, {Pages(pdfPath)} pages");
    }

    private static string Pages(string pdf)
    {
        using var p = Process.Start(new ProcessStartInfo("qpdf", ["--show-npages", pdf]) { RedirectStandardOutput = true })!;
        var s = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return s;
    }

    /// <summary>User + system CPU seconds of a process and all its descendants (Chromium's browser, renderers, utilities).</summary>
    internal static double CpuSeconds(int root)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // after "pid (comm) ": state ppid ... utime(14th field → f[11]) stime(f[12])
                stats[pid] = (int.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
            }
        }

        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, s) in stats)
            {
                if (tree.Contains(s.Parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }

        return tree.Sum(p => stats.TryGetValue(p, out var s) ? s.Ticks : 0) / 100.0;
    }

    internal static string Load() => "load " + File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
