using System.Collections.Concurrent;
using System.Diagnostics;
using PuppeteerSharp;

namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>
/// One headless Chromium process driven by PuppeteerSharp (Debian's chromium, never a downloaded one),
/// started on first use and kept warm for the next report, with a small pool of warm tabs. Killed (whole
/// process tree) on dispose, when a tab will not close, or when it stops answering (a hung browser).
/// </summary>
internal sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly Process _process;
    private readonly string _profileDirectory;
    private readonly ConcurrentBag<IPage> _idleTabs = [];
    private int _disposed;

    private ChromiumBrowser(IBrowser browser, Process process, string profileDirectory)
    {
        _browser = browser;
        _process = process;
        _profileDirectory = profileDirectory;
        ProcessId = process.Id;
    }

    public int ProcessId { get; }

    /// <summary>The process runs and the DevTools connection is open (a frozen process still looks alive: see <see cref="RespondsAsync"/>).</summary>
    public bool IsAlive => Volatile.Read(ref _disposed) == 0 && _browser.IsConnected && !_browser.IsClosed && !HasExited(_process);

    public static async Task<ChromiumBrowser> StartAsync(string executable, string workDirectory, TimeSpan protocolTimeout,
        ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var profile = Path.Combine(workDirectory, "profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var options = new LaunchOptions
        {
            // Debian's chromium: with ExecutablePath set, PuppeteerSharp never downloads a browser.
            ExecutablePath = executable,
            Headless = true,
            // Our profile folder (named after our pid) is how a later engine recognises a crashed app's browser.
            UserDataDir = profile,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check",
            ],
            // PuppeteerSharp's defaults ask for tagged PDFs with an outline: twice the print time and size for long
            // tables (ADR 10); every print also says so (PdfOptions.Tagged/Outline), this covers the browser's default.
            IgnoredDefaultArgs = ["--export-tagged-pdf", "--generate-pdf-document-outline"],
            // DevTools over a pipe (file descriptors 3 and 4) instead of a TCP port: no other local process can
            // connect to a browser that reads file:// URLs with the app's rights (the database, the keys).
            Pipe = true,
            // The page size comes from the documents' @page rules; no viewport emulation per tab.
            DefaultViewport = null,
            // Starting Chromium took 8–15 s alone at load 40 on the 2 shared cores; 60 s leaves room for a few at once.
            Timeout = 60_000,
            // A command the browser never answers fails after this (ours are also bounded by the render limit).
            ProtocolTimeout = (int)Math.Min(int.MaxValue, protocolTimeout.TotalMilliseconds),
        };

        IBrowser browser;
        try
        {
            browser = await Puppeteer.LaunchAsync(options, loggerFactory).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PuppeteerException or System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
        {
            await TryDeleteAsync(profile).ConfigureAwait(false);
            throw new PdfEngineException(ex is TimeoutException or ProcessException { InnerException: TimeoutException }
                ? "报表引擎(Chromium)启动超时。"
                : $"无法启动报表引擎(Chromium:{executable}):{ex.Message}", ex);
        }

        var started = new ChromiumBrowser(browser, browser.Process, profile);
        loggerFactory.CreateLogger<ChromiumBrowser>().LogInformation("Report engine: Chromium started (pid {Pid})", started.ProcessId);
        return started;
    }

    /// <summary>A warm tab from the pool, or a new one.</summary>
    public async Task<IPage> RentTabAsync(CancellationToken ct)
    {
        while (_idleTabs.TryTake(out var tab))
        {
            if (!tab.IsClosed)
            {
                return tab;
            }
        }

        return await _browser.NewPageAsync().WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A tab that printed normally goes back to the pool (it keeps its renderer warm for the next report), emptied
    /// first: an idle tab holding the last document's DOM (a 1,000-row part: hundreds of MB) would add to the
    /// memory of the tabs printing meanwhile (ADR 10). A tab that will not empty is closed instead.
    /// </summary>
    public async Task ReturnTabAsync(IPage tab, CancellationToken ct)
    {
        if (!IsAlive || tab.IsClosed)
        {
            return;
        }

        try
        {
            await tab.GoToAsync("about:blank", new NavigationOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] })
                .WaitAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            _idleTabs.Add(tab);
        }
        catch (Exception ex) when (ex is TimeoutException or PuppeteerException or OperationCanceledException or ObjectDisposedException)
        {
            try
            {
                await tab.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception closing) when (closing is TimeoutException or PuppeteerException or OperationCanceledException or ObjectDisposedException)
            {
                // The tab is dropped from the pool either way; a browser that no longer answers is found by the next failure.
            }
        }
    }

    /// <summary>Cheap liveness probe: the browser answers <c>Browser.getVersion</c> within <paramref name="limit"/>.</summary>
    public async Task<bool> RespondsAsync(TimeSpan limit)
    {
        if (!IsAlive)
        {
            return false;
        }

        try
        {
            await _browser.GetVersionAsync().WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or PuppeteerException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Kill first: a frozen browser would never answer PuppeteerSharp's polite Browser.close.
        Kill(_process);
        try
        {
            await _browser.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or PuppeteerException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone; whatever the connection still says does not matter.
        }

        try
        {
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Reaped later by the OS; nothing more to do.
        }

        await TryDeleteAsync(_profileDirectory).ConfigureAwait(false);
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Folders <c>{prefix}{pid}-…</c> whose owning process is gone were left by a crash (an engine that
    /// was never disposed): end the Chromium processes still running on them, and delete them.
    /// </summary>
    internal static async Task SweepOrphansAsync(string tempRoot, string prefix, ILogger logger)
    {
        foreach (var dir in Directory.EnumerateDirectories(tempRoot, prefix + "*"))
        {
            var rest = Path.GetFileName(dir)[prefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var owner)
                || IsRunning(owner))
            {
                continue;
            }

            var marker = "--user-data-dir=" + dir + Path.DirectorySeparatorChar;
            foreach (var proc in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(proc), out var pid))
                {
                    continue;
                }

                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                    if (cmdline.Contains(marker, StringComparison.Ordinal))
                    {
                        using var orphan = Process.GetProcessById(pid);
                        orphan.Kill();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
                    or System.ComponentModel.Win32Exception)
                {
                    // Gone meanwhile, or not ours to read.
                }
            }

            logger.LogWarning("Report engine: removed {Directory} left by process {Pid}, which no longer runs", dir, owner);
            await TryDeleteAsync(dir).ConfigureAwait(false);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Removes a folder, retrying briefly (without blocking a thread) while a child process lets go of a file.</summary>
    internal static async Task TryDeleteAsync(string directory)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                await Task.Delay(100).ConfigureAwait(false); // a child process may still be letting go of a file
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
