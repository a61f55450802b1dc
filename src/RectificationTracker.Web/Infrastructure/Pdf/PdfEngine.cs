using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PrintOptions = PuppeteerSharp.PdfOptions;

namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>
/// "Render this component to PDF": a Razor component is rendered to an HTML file on the server and
/// printed by a warm, reused headless Chromium driven by PuppeteerSharp (pooled warm tabs). Renders are bounded
/// in number (<see cref="PdfOptions.MaxConcurrentRenders"/>) and in time (<see cref="PdfOptions.RenderTimeoutSeconds"/>:
/// a hung tab is closed, and if that fails the browser is killed and restarted on the next report; a browser that
/// no longer answers at all is killed and replaced at once, see <see cref="DegradedReason"/>).
/// Each render's temp folder is deleted when it ends, whatever the outcome.
/// </summary>
public sealed class PdfEngine : IAsyncDisposable
{
    private readonly string _chromiumPath;
    private readonly PdfOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<PdfEngine> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _browserLock = new(1, 1);

    // Chromium holds the layout of every page of a document while printing it (about 3 MB a page,
    // several GB for a 10,000-row ledger): such renders take turns, whatever the slot count.
    private readonly SemaphoreSlim _heavy = new(1, 1);
    private ChromiumBrowser? _browser;
    private Task? _replacement;
    private bool _swept;
    private bool _disposed;

    public PdfEngine(IOptions<TrackerOptions> tracker, IOptions<PdfOptions> options, IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(options);
        _chromiumPath = tracker.Value.ChromiumPath;
        _options = options.Value;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<PdfEngine>();
        _slots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentRenders));
        // The owner's pid in the name lets a later engine recognise folders (and browsers) left by a crash.
        WorkDirectory = Path.Combine(Path.GetTempPath(),
            string.Create(CultureInfo.InvariantCulture, $"{WorkPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"));
    }

    private const string WorkPrefix = "rt-pdf-";

    /// <summary>Where this engine keeps its browser profile and per-render files; removed on dispose.</summary>
    public string WorkDirectory { get; }

    /// <summary>Null when PDFs can be printed; otherwise the Chinese reason shown to users.</summary>
    public string? UnavailableReason => File.Exists(_chromiumPath)
        ? null
        : $"PDF 报表暂不可用:服务器未安装报表引擎 Chromium({_chromiumPath})。请联系系统管理员安装 Debian 软件包 chromium;Excel 导出等其他功能不受影响。";

    /// <summary>
    /// Null while the engine works; otherwise why it is degraded (a hung browser was killed and its replacement
    /// has not printed yet). Cleared by the next successful print.
    /// </summary>
    public string? DegradedReason { get; private set; }

    /// <summary>The id of the running browser process, if one is warm (for diagnostics and tests).</summary>
    public int? BrowserProcessId => _browser is { IsAlive: true } b ? b.ProcessId : null;

    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> to a PDF written to <paramref name="output"/>.</summary>
    /// <param name="heavy">A long document (hundreds of pages): at most one such render runs at a time.</param>
    public async Task RenderAsync<TComponent>(IDictionary<string, object?> parameters, Stream output, bool heavy = false, CancellationToken ct = default)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(output);
        if (heavy && !await _heavy.WaitAsync(TimeSpan.FromSeconds(_options.QueueTimeoutSeconds), ct).ConfigureAwait(false))
        {
            throw new PdfEngineException("报表引擎正在生成另一份大型报表,请稍后重试,或缩小范围(按轮次或单位)。");
        }

        try
        {
            await RenderComponentAsync<TComponent>(parameters, output, ct).ConfigureAwait(false);
        }
        finally
        {
            if (heavy)
            {
                _heavy.Release();
            }
        }
    }

    private async Task RenderComponentAsync<TComponent>(IDictionary<string, object?> parameters, Stream output, CancellationToken ct)
        where TComponent : IComponent
    {
        await RenderWithSlotAsync(async (dir, token) =>
        {
            var html = Path.Combine(dir, "report.html");
            var watch = Stopwatch.StartNew();
            await WriteHtmlAsync<TComponent>(parameters, html).ConfigureAwait(false);
            _logger.LogInformation("Report {Component}: HTML ({Bytes} bytes) rendered in {Elapsed} ms", typeof(TComponent).Name, new FileInfo(html).Length, watch.ElapsedMilliseconds);
            await PrintAsync(html, output, token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Prints an HTML document given as text (its own <c>@page</c> rules decide the paper).</summary>
    public Task RenderHtmlAsync(string html, Stream output, CancellationToken ct = default) => RenderHtmlAsync(html, output, background: true, ct);

    /// <summary>Prints an HTML document given as text.</summary>
    /// <param name="background">False for an overlay (the page-number sheet): nothing but its text is painted.</param>
    public async Task RenderHtmlAsync(string html, Stream output, bool background, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(output);
        await RenderWithSlotAsync(async (dir, token) =>
        {
            var path = Path.Combine(dir, "report.html");
            await File.WriteAllTextAsync(path, html, new UTF8Encoding(false), token).ConfigureAwait(false);
            await PrintAsync(path, output, token, background).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A long document printed in parts: each part (the component with that part's parameters, printed without
    /// page numbers) in its own tab, as many at once as there are render slots, so no tab holds the layout of
    /// more than one part; the parts are joined in order with qpdf, and a sheet of "第 X 页 / 共 Y 页"
    /// (<paramref name="pageNumberSheet"/> for the joined page count) is laid over the pages. Each part's
    /// render has the usual time limit. Without qpdf the parts cannot be joined: the caller prints in one piece.
    /// </summary>
    public async Task RenderPartsAsync<TComponent>(IReadOnlyList<IDictionary<string, object?>> parts, Func<int, string> pageNumberSheet,
        Stream output, bool heavy = false, CancellationToken ct = default)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(pageNumberSheet);
        ArgumentNullException.ThrowIfNull(output);
        if (heavy && !await _heavy.WaitAsync(TimeSpan.FromSeconds(_options.QueueTimeoutSeconds), ct).ConfigureAwait(false))
        {
            throw new PdfEngineException("报表引擎正在生成另一份大型报表,请稍后重试,或缩小范围(按轮次或单位)。");
        }

        var job = Path.Combine(WorkDirectory, "parts-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(job);
            var watch = Stopwatch.StartNew();
            var files = parts.Select((_, i) => Path.Combine(job, string.Create(CultureInfo.InvariantCulture, $"part-{i:D4}.pdf"))).ToArray();
            // In order, never more at once than there are slots: a part waits in the queue only behind other reports.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentRenders), CancellationToken = ct };
            await Parallel.ForEachAsync(Enumerable.Range(0, parts.Count), parallel, async (i, token) =>
            {
                await using var file = new FileStream(files[i], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await RenderComponentAsync<TComponent>(parts[i], file, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
            _logger.LogInformation("Report {Component}: {Parts} parts printed in {Elapsed} ms", typeof(TComponent).Name, parts.Count, watch.ElapsedMilliseconds);

            var joined = Path.Combine(job, "joined.pdf");
            var step = Stopwatch.StartNew();
            await QpdfAsync(["--empty", "--pages", .. files, "--", joined], ct).ConfigureAwait(false);
            var pages = int.Parse((await QpdfAsync(["--show-npages", joined], ct).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
            var joinMs = step.ElapsedMilliseconds;
            step.Restart();
            var sheet = Path.Combine(job, "page-numbers.pdf");
            await using (var file = new FileStream(sheet, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await RenderHtmlAsync(pageNumberSheet(pages), file, background: false, ct).ConfigureAwait(false);
            }

            var sheetMs = step.ElapsedMilliseconds;
            step.Restart();
            var stamped = Path.Combine(job, "report.pdf");
            await QpdfAsync([joined, "--overlay", sheet, "--", stamped], ct).ConfigureAwait(false);
            _logger.LogInformation("Report {Component}: join + count {Join} ms, page-number sheet {Sheet} ms, overlay {Overlay} ms",
                typeof(TComponent).Name, joinMs, sheetMs, step.ElapsedMilliseconds);
            await using (var result = new FileStream(stamped, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            {
                await result.CopyToAsync(output, ct).ConfigureAwait(false);
            }

            _logger.LogInformation("Report {Component}: {Pages} pages joined and numbered in {Elapsed} ms", typeof(TComponent).Name, pages, watch.ElapsedMilliseconds);
        }
        finally
        {
            await ChromiumBrowser.TryDeleteAsync(job).ConfigureAwait(false);
            if (heavy)
            {
                _heavy.Release();
            }
        }
    }

    /// <summary>
    /// Starts the browser and prints a one-page document in every face the reports use, so the first real
    /// report finds the browser, its renderer code and the font files warm. Failures are logged, never thrown.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct = default)
    {
        if (UnavailableReason is not null || _disposed)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            await RenderHtmlAsync(WarmUpPage, Stream.Null, ct).ConfigureAwait(false);
            WarmedUp = true;
            _logger.LogInformation("Report engine warmed up in {Elapsed} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is PdfEngineException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogWarning("Report engine: warm-up did not finish ({Reason}); the first report will start Chromium", ex.Message);
        }
    }

    /// <summary>True once a warm-up print has finished.</summary>
    public bool WarmedUp { get; private set; }

    /// <summary>Set by the app: a page using the reports' faces (regular text, 黑体, page-number box).</summary>
    public string WarmUpPage { get; set; } =
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>@page { size: A4; }</style></head><body>巡察整改 0123</body></html>";

    /// <summary>True when long documents can be printed in parts (qpdf is installed).</summary>
    public bool CanPrintInParts => File.Exists(_options.QpdfPath);

    private async Task<string> QpdfAsync(string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(_options.QpdfPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new PdfEngineException("无法启动 PDF 合并工具 qpdf。");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(_options.RenderTimeoutSeconds));
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new PdfEngineException($"报表合并超时(超过 {_options.RenderTimeoutSeconds:0.#} 秒),已中止。") { TimedOut = !ct.IsCancellationRequested };
        }

        // qpdf exits with 3 for warnings (the output is still written).
        if (process.ExitCode is not (0 or 3))
        {
            _logger.LogError("qpdf {Args} failed ({Code}): {Error}", string.Join(' ', args), process.ExitCode, await stderr.ConfigureAwait(false));
            throw new PdfEngineException("报表合并失败(qpdf),请稍后重试。");
        }

        return await stdout.ConfigureAwait(false);
    }

    private async Task WriteHtmlAsync<TComponent>(IDictionary<string, object?> parameters, string path)
        where TComponent : IComponent
    {
        await using var scope = _services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, _loggerFactory);
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
            root.WriteHtmlTo(file);
        }).ConfigureAwait(false);
    }

    private async Task RenderWithSlotAsync(Func<string, CancellationToken, Task> render, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (UnavailableReason is { } reason)
        {
            throw new PdfEngineException(reason);
        }

        if (!await _slots.WaitAsync(TimeSpan.FromSeconds(_options.QueueTimeoutSeconds), ct).ConfigureAwait(false))
        {
            throw new PdfEngineException("报表引擎繁忙,请稍后重试。");
        }

        var dir = Path.Combine(WorkDirectory, "render-" + Guid.NewGuid().ToString("N"));
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            // Starting Chromium has its own limit (60 s); the render's limit is for the render alone.
            await BrowserAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RenderTimeoutSeconds));
        try
        {
            Directory.CreateDirectory(dir);
            await render(dir, timeout.Token).ConfigureAwait(false);
            DegradedReason = null;
            _logger.LogInformation("Report printed in {Elapsed} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not PdfEngineException { TimedOut: true }
                                   && (ex is OperationCanceledException || timeout.IsCancellationRequested))
        {
            _logger.LogError("Report render stopped after {Elapsed} ms: over the {Limit} s limit", watch.ElapsedMilliseconds, _options.RenderTimeoutSeconds);
            throw new PdfEngineException(
                $"报表生成超时(超过 {_options.RenderTimeoutSeconds:0.#} 秒),已中止。请缩小范围(按轮次或单位)后重试。", ex)
            { TimedOut = true };
        }
        finally
        {
            await ChromiumBrowser.TryDeleteAsync(dir).ConfigureAwait(false);
            _slots.Release();
        }
    }

    private async Task PrintAsync(string htmlPath, Stream output, CancellationToken ct, bool background = true)
    {
        var browser = await BrowserAsync(ct).ConfigureAwait(false);
        IPage? tab = null;
        var printed = false;
        try
        {
            // PuppeteerSharp's calls take no token: each is bounded by the render's token here (and by the
            // protocol timeout inside), and a call abandoned at the limit is cleaned up below.
            tab = await browser.RentTabAsync(ct).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            await tab.GoToAsync(new Uri(htmlPath).AbsoluteUri, new PuppeteerSharp.NavigationOptions
            {
                Timeout = 0, // the render's limit applies
                WaitUntil = [WaitUntilNavigation.Load],
                CancellationToken = ct,
            }).WaitAsync(ct).ConfigureAwait(false);
            _logger.LogInformation("Report page loaded in {Elapsed} ms", watch.ElapsedMilliseconds);
            var pdf = await tab.PdfStreamAsync(new PrintOptions
            {
                PrintBackground = background,
                PreferCSSPageSize = true,
                DisplayHeaderFooter = false,
                // A tagged (accessibility) structure tree doubles print time and size for long tables;
                // the text stays selectable and searchable without it.
                Tagged = false,
                Outline = false,
                WaitForFonts = true,
                Timeout = 0, // the render's limit applies
            }).WaitAsync(ct).ConfigureAwait(false);
            await using (pdf.ConfigureAwait(false))
            {
                _logger.LogInformation("Report printed by Chromium in {Elapsed} ms (since load)", watch.ElapsedMilliseconds);
                await pdf.CopyToAsync(output, ct).ConfigureAwait(false);
            }

            printed = true;
            await browser.ReturnTabAsync(tab, ct).ConfigureAwait(false);
        }
        catch (PuppeteerException ex) when (!ct.IsCancellationRequested)
        {
            throw new PdfEngineException("报表引擎(Chromium)出错:" + ex.Message, ex);
        }
        finally
        {
            if (!printed)
            {
                await RecoverAsync(browser, tab).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// After a print that failed or ran over its limit: a browser that no longer answers a cheap probe is hung
    /// (frozen, swapping, deadlocked) and is killed and replaced at once, so the next report does not wait the
    /// full limit again; meanwhile the engine reports itself degraded. A browser that answers only loses the
    /// tab, and if even that will not close, the browser is restarted.
    /// </summary>
    private async Task RecoverAsync(ChromiumBrowser browser, IPage? tab)
    {
        if (!await browser.RespondsAsync(TimeSpan.FromSeconds(_options.LivenessProbeSeconds)).ConfigureAwait(false))
        {
            if (_disposed)
            {
                return;
            }

            _logger.LogError("Report engine: Chromium (pid {Pid}) does not answer within {Limit} s; killing it and starting a new one",
                browser.ProcessId, _options.LivenessProbeSeconds);
            DegradedReason = "报表引擎(Chromium)无响应,已结束并正在重新启动;PDF 报表暂时可能失败,请稍后重试。";
            await RestartAsync(browser).ConfigureAwait(false);
            _replacement = Task.Run(() => WarmUpAsync(CancellationToken.None), CancellationToken.None);
            return;
        }

        if (tab is null)
        {
            return;
        }

        try
        {
            await tab.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or PuppeteerException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogWarning("Report engine: a tab did not close ({Reason}); restarting Chromium", ex.Message);
            await RestartAsync(browser).ConfigureAwait(false);
        }
    }

    private async Task RestartAsync(ChromiumBrowser broken)
    {
        await _browserLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_browser, broken))
            {
                _browser = null;
            }
        }
        finally
        {
            _browserLock.Release();
        }

        await broken.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<ChromiumBrowser> BrowserAsync(CancellationToken ct)
    {
        await _browserLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_browser is { IsAlive: true } warm)
            {
                return warm;
            }

            if (_browser is { } dead)
            {
                _logger.LogWarning("Report engine: Chromium (pid {Pid}) is gone; starting a new one", dead.ProcessId);
                await dead.DisposeAsync().ConfigureAwait(false);
                _browser = null;
            }

            if (!_swept)
            {
                _swept = true;
                await ChromiumBrowser.SweepOrphansAsync(Path.GetTempPath(), WorkPrefix, _logger).ConfigureAwait(false);
            }

            Directory.CreateDirectory(WorkDirectory);

            _browser = await ChromiumBrowser.StartAsync(_chromiumPath, WorkDirectory,
                TimeSpan.FromSeconds(_options.RenderTimeoutSeconds + 30), _loggerFactory, ct).ConfigureAwait(false);
            return _browser;
        }
        finally
        {
            _browserLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_replacement is { } replacement)
        {
            try
            {
                await replacement.WaitAsync(TimeSpan.FromSeconds(35)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Its browser, if it got one, is disposed below.
            }
        }

        if (_browser is { } browser)
        {
            _browser = null;
            await browser.DisposeAsync().ConfigureAwait(false);
        }

        await ChromiumBrowser.TryDeleteAsync(WorkDirectory).ConfigureAwait(false);
    }
}
