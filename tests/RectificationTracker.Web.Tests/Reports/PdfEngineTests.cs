using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Infrastructure.Health;
using RectificationTracker.Web.Infrastructure.Pdf;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>The engine's promises: warm reuse, bounded time (a hung page is stopped and reported), clean temp files.</summary>
public sealed class PdfEngineTests
{
    private const string Simple = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>@page { size: A4; } body { font-family: 'Noto Sans CJK SC'; }</style></head><body><h1>整改报告测试页</h1></body></html>";

    private static PdfEngine Engine(string chromium = "/usr/bin/chromium", double timeoutSeconds = 60, double probeSeconds = 5)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return new PdfEngine(
            Options.Create(new TrackerOptions { ChromiumPath = chromium }),
            Options.Create(new PdfOptions { RenderTimeoutSeconds = timeoutSeconds, MaxConcurrentRenders = 2, LivenessProbeSeconds = probeSeconds }),
            services,
            NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task Prints_selectable_chinese_text_and_reuses_one_browser_for_the_next_report()
    {
        await using var engine = Engine();
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await engine.RenderHtmlAsync(Simple, first);
        var pid = engine.BrowserProcessId;
        await engine.RenderHtmlAsync(Simple.Replace("整改报告测试页", "第二份报告", StringComparison.Ordinal), second);

        Assert.Contains("整改报告测试页", (await PdfText.ReadAsync(first.ToArray())).Compact, StringComparison.Ordinal);
        Assert.Contains("第二份报告", (await PdfText.ReadAsync(second.ToArray())).Compact, StringComparison.Ordinal);
        Assert.NotNull(pid);
        Assert.Equal(pid, engine.BrowserProcessId);
        Assert.Empty(Directory.GetDirectories(engine.WorkDirectory, "render-*"));
    }

    [Fact]
    public async Task A_hung_page_is_stopped_at_the_time_limit_reported_in_chinese_and_the_engine_recovers()
    {
        // 20 s: the recovery print after the hang must fit in the same limit on a busy 2-core machine (a one-page
        // print in a new tab took over 10 s at load average 60).
        await using var engine = Engine(timeoutSeconds: 20);
        using var output = new MemoryStream();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PdfEngineException>(() =>
            engine.RenderHtmlAsync("<!DOCTYPE html><html><body><script>while (true) {}</script></body></html>", output));

        Assert.True(error.TimedOut);
        Assert.Contains("报表生成超时", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(50), $"stopping took {watch.Elapsed}");
        Assert.Empty(Directory.GetDirectories(engine.WorkDirectory, "render-*"));

        using var next = new MemoryStream();
        await engine.RenderHtmlAsync(Simple, next);
        Assert.Contains("整改报告测试页", (await PdfText.ReadAsync(next.ToArray())).Compact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frozen_browser_is_found_at_the_first_timeout_killed_replaced_and_reported_degraded_meanwhile()
    {
        // Issue 16: a frozen Chromium (here SIGSTOP) made every request wait the full limit while /healthz said Healthy.
        // 30 s: a normal one-page print must fit in it on this busy 2-core machine (10–25 s at load average 60–65).
        await using var engine = Engine(timeoutSeconds: 30, probeSeconds: 2);
        // The replacement's warm-up print holds its page 2 s, so "degraded meanwhile" can be observed.
        engine.WarmUpPage = "<!DOCTYPE html><html><body>巡察<script>const t = Date.now(); while (Date.now() - t < 2000) {}</script></body></html>";
        var health = new ReportEngineHealthCheck(Options.Create(new TrackerOptions { ChromiumPath = "/usr/bin/chromium" }), engine);
        await engine.RenderHtmlAsync(Simple, Stream.Null);
        var frozen = engine.BrowserProcessId!.Value;
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        Signal("STOP", frozen);
        try
        {
            var watch = Stopwatch.StartNew();
            var first = await Assert.ThrowsAsync<PdfEngineException>(() => engine.RenderHtmlAsync(Simple, Stream.Null));
            var status = await health.CheckHealthAsync(new HealthCheckContext());

            Assert.True(first.TimedOut);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(50), $"the first request took {watch.Elapsed}");
            Assert.Equal(HealthStatus.Degraded, status.Status);
            Assert.Contains("无响应", status.Description, StringComparison.Ordinal);
            Assert.True(HasExited(frozen), "the frozen Chromium was not killed");

            using var next = new MemoryStream();
            await engine.RenderHtmlAsync(Simple, next);

            Assert.Contains("整改报告测试页", (await PdfText.ReadAsync(next.ToArray())).Compact, StringComparison.Ordinal);
            Assert.NotEqual(frozen, engine.BrowserProcessId);
            Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        }
        finally
        {
            if (!HasExited(frozen))
            {
                Signal("KILL", frozen);
            }
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    [Fact]
    public async Task Disposing_the_engine_ends_its_browser_and_removes_its_folder()
    {
        var engine = Engine();
        await engine.RenderHtmlAsync(Simple, Stream.Null);
        var pid = engine.BrowserProcessId!.Value;

        await engine.DisposeAsync();

        Assert.False(Directory.Exists(engine.WorkDirectory));
        Assert.True(HasExited(pid), "Chromium is still running after dispose");
    }

    [Fact]
    public async Task Without_chromium_the_engine_says_so_in_chinese()
    {
        await using var engine = Engine(chromium: "/nonexistent/chromium");

        var error = await Assert.ThrowsAsync<PdfEngineException>(() => engine.RenderHtmlAsync(Simple, Stream.Null));

        Assert.Equal(engine.UnavailableReason, error.Message);
        Assert.Contains("未安装报表引擎 Chromium", error.Message, StringComparison.Ordinal);
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return p.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}

/// <summary>The app on a machine without Chromium: the ledger says why PDF is missing; Excel still works.</summary>
public sealed class NoChromiumApp : ReportsApp
{
    protected override string ChromiumPath => "/nonexistent/chromium";
}

public sealed class WithoutChromiumTests(NoChromiumApp app) : IClassFixture<NoChromiumApp>
{
    [Fact]
    public async Task The_ledger_page_explains_pdf_is_unavailable_the_pdf_link_answers_503_and_excel_still_downloads()
    {
        using var client = await app.SignedInClientAsync("office");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/ledger", UriKind.Relative)));
        using var pdf = await client.GetAsync(new Uri("/reports/ledger.pdf", UriKind.Relative));
        using var xlsx = await client.GetAsync(new Uri("/reports/ledger.xlsx", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Contains("PDF 报表暂不可用", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">导出PDF<", page, StringComparison.Ordinal);
        Assert.Contains(">导出Excel<", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        Assert.Contains("未安装报表引擎 Chromium", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Degraded", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>A crashed app leaves its Chromium running; the next engine ends it and removes the folder.</summary>
public sealed class OrphanSweepTests
{
    [Fact]
    public async Task A_browser_left_by_a_dead_process_is_ended_and_its_folder_removed_when_an_engine_starts()
    {
        // A process that has exited: its pid names the orphan's folder, as a crashed app's engine would.
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        await gone.WaitForExitAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"rt-pdf-{gone.Id}-testorph");
        var profile = Path.Combine(folder, "profile-x");
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank" })
        {
            start.ArgumentList.Add(a);
        }

        using var orphan = Process.Start(start)!;
        // It is up once it announces its DevTools endpoint. (Any engine starting meanwhile, in another
        // test, may sweep it first: the outcome checked below is the same.)
        string? line;
        while ((line = await orphan.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20))) is not null
               && !line.Contains("DevTools listening", StringComparison.Ordinal))
        {
        }

        // (null: it ended before announcing itself, swept by an engine another test started meanwhile, e.g. a
        // report app warming up at start.)

        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using (var engine = new PdfEngine(Options.Create(new TrackerOptions()), Options.Create(new PdfOptions()), services, NullLoggerFactory.Instance))
        {
            await engine.RenderHtmlAsync("<!DOCTYPE html><html><body>巡察</body></html>", Stream.Null);
        }

        Assert.True(orphan.WaitForExit(10_000), "the orphaned Chromium is still running");
        Assert.False(Directory.Exists(folder));
    }
}
