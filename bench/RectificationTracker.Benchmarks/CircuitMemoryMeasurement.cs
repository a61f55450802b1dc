using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Playwright;
using RectificationTracker.Benchmarks.Infrastructure;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 12 "server memory per open ledger circuit ≤ 1 MB": the app on Kestrel over the 10,000-task database,
/// the office signed in, and real Blazor circuits opened on a page (default /ledger) by headless Chromium.
/// The browser is driven from a child process (<c>circuits-client</c>), so that this process's managed heap
/// holds the server alone: after a forced, compacting full GC (twice) the heap is read with one warm circuit
/// open, with 10 more and with 50 more; (after − before) / N is the memory one open circuit holds.
/// First-chance exceptions thrown in this process while the pages load are counted.
/// </summary>
public static class CircuitMemoryMeasurement
{
    private const int Tasks = 10_000;
    private static readonly int[] Steps = [10, 50];

    public static async Task RunAsync(string path)
    {
        Console.WriteLine($"// circuits: load average {LoadAverage()} at start");
        using var app = await BenchApp.StartKestrelAsync(Tasks);
        var counter = app.Circuits;
        Console.WriteLine($"// circuits: app on {app.BaseUrl} over {Tasks} tasks, page {path}");

        using var client = Client.Start(app.BaseUrl, path);
        await client.CommandAsync("login");
        // One warm-up circuit, kept open: JIT, EF's compiled queries and the app's caches are then paid for
        // before the baseline, and the baseline holds no circuit that is still being torn down.
        await client.CommandAsync("open 1");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = Measure();
        var baseline = counter.Open;
        Console.WriteLine($"// circuits: baseline ({baseline} open): {Describe(before)}");

        var exceptions = new List<string>();
        void OnException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            lock (exceptions)
            {
                exceptions.Add(e.Exception.GetType().Name + " in " + (e.Exception.TargetSite?.DeclaringType?.FullName ?? "?") + ": " +
                    e.Exception.Message.Split('\n')[0]);
            }
        }

        var opened = 0;
        var results = new List<string>();
        foreach (var step in Steps)
        {
            AppDomain.CurrentDomain.FirstChanceException += OnException;
            var watch = Stopwatch.StartNew();
            await client.CommandAsync("open " + (step - opened).ToString(CultureInfo.InvariantCulture));
            AppDomain.CurrentDomain.FirstChanceException -= OnException;
            var loadSeconds = watch.Elapsed.TotalSeconds;
            opened = step;
            await Task.Delay(TimeSpan.FromSeconds(3)); // the last circuits' after-render work (column settings from JS)
            var after = Measure();
            var open = counter.Open - baseline;
            var line = $"// circuits: {step} circuits ({open} open beyond the baseline; loaded in {loadSeconds:F1} s): {Describe(after)}; " +
                $"per circuit: GetTotalMemory {(after.Total - before.Total) / 1024.0 / step:F0} KB, heap size {(after.HeapBytes - before.HeapBytes) / 1024.0 / step:F0} KB; " +
                $"load average {LoadAverage()}";
            Console.WriteLine(line);
            results.Add(line);
            if (open != step)
            {
                Console.WriteLine($"// circuits: WARNING: {open} circuits open, expected {step}");
            }
        }

        Console.WriteLine($"// circuits: first-chance exceptions in the server during the {opened} page loads: {exceptions.Count} " +
            $"({exceptions.Count / (double)opened:F2} per page load)");
        foreach (var group in exceptions.GroupBy(e => e, StringComparer.Ordinal).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"//   {group.Count()} × {group.Key}");
        }

        await client.CommandAsync("quit");
        Console.WriteLine("// circuits: summary");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private readonly record struct Heap(long Total, long HeapBytes, long Fragmented, long WorkingSet);

    private static string Describe(Heap h) =>
        $"GetTotalMemory {h.Total / 1024.0 / 1024:F1} MB, heap size {h.HeapBytes / 1024.0 / 1024:F1} MB (fragmented {h.Fragmented / 1024.0 / 1024:F1} MB), " +
        $"working set {h.WorkingSet / 1024 / 1024} MB";

    /// <summary>A full, blocking, compacting collection (twice, finalizers run in between), then the heap's size.</summary>
    private static Heap Measure()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return new Heap(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.FragmentedBytes, process.WorkingSet64);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The browser side, in a child process: this same executable with <c>circuits-client</c>.</summary>
    private sealed class Client : IDisposable
    {
        private readonly Process _process;

        private Client(Process process) => _process = process;

        public static Client Start(string baseUrl, string path)
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path");
            var info = new ProcessStartInfo(self)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                info.ArgumentList.Add(typeof(CircuitMemoryMeasurement).Assembly.Location);
            }

            info.ArgumentList.Add("circuits-client");
            info.ArgumentList.Add(baseUrl);
            info.ArgumentList.Add(path);
            return new Client(Process.Start(info) ?? throw new InvalidOperationException("The browser process did not start"));
        }

        /// <summary>Sends one command and waits for its "ok" (anything else the client prints is passed through).</summary>
        public async Task CommandAsync(string command)
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("ok", StringComparison.Ordinal))
                {
                    return;
                }

                if (line.StartsWith("error", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("browser: " + line);
                }

                Console.WriteLine("// browser: " + line);
            }

            throw new InvalidOperationException("The browser process ended during: " + command);
        }

        public void Dispose()
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    /// <summary>
    /// The child process: one headless Debian Chromium, one signed-in context, and pages opened on command
    /// and kept open (each one a circuit) until "quit".
    /// </summary>
    public static async Task ClientAsync(string baseUrl, string path)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(120_000);
        var pages = new List<IPage>();
        while (Console.ReadLine() is { } command)
        {
            try
            {
                if (command == "quit")
                {
                    Console.WriteLine("ok");
                    break;
                }

                if (command == "login")
                {
                    var page = await context.NewPageAsync();
                    await page.GotoAsync("/Account/Login");
                    await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("office");
                    await page.GetByLabel("密码", new() { Exact = true }).FillAsync(BenchApp.Password);
                    await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
                    await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
                    await page.CloseAsync();
                    Console.WriteLine("ok login");
                    continue;
                }

                if (command.StartsWith("open ", StringComparison.Ordinal))
                {
                    var count = int.Parse(command["open ".Length..], CultureInfo.InvariantCulture);
                    // Five at a time: the shared 2-core machine would time out fifty parallel loads.
                    for (var done = 0; done < count; done += 5)
                    {
                        var batch = Enumerable.Range(0, Math.Min(5, count - done)).Select(_ => OpenAsync(context, path)).ToList();
                        pages.AddRange(await Task.WhenAll(batch));
                    }

                    Console.WriteLine($"ok {pages.Count} pages open");
                    continue;
                }

                Console.WriteLine("error unknown command " + command);
            }
            catch (PlaywrightException e)
            {
                Console.WriteLine("error " + e.Message.Split('\n')[0]);
            }
        }

        await context.CloseAsync();
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        if (path.StartsWith("/ledger", StringComparison.Ordinal))
        {
            // The grid's rows, loaded through the circuit (ServerData).
            await page.Locator(".rt-ledger-grid a[href^='/tasks/']").First.WaitForAsync();
        }

        return page;
    }
}

/// <summary>Counts the circuits the server holds open (registered by <see cref="BenchApp.StartKestrelAsync"/>).</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
