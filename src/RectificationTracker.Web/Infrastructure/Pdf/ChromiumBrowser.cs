using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>
/// One headless Chromium process, started on first use and kept warm for the next report, with the
/// DevTools connection to it. Killed (whole process tree) on dispose or when a render hangs.
/// </summary>
internal sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profileDirectory;

    private ChromiumBrowser(Process process, string profileDirectory, CdpConnection connection)
    {
        _process = process;
        _profileDirectory = profileDirectory;
        Connection = connection;
    }

    public CdpConnection Connection { get; }

    public int ProcessId => _process.Id;

    public bool IsAlive => !_process.HasExited && Connection.IsOpen;

    public static async Task<ChromiumBrowser> StartAsync(string executable, string workDirectory, ILogger logger, CancellationToken ct)
    {
        var profile = Path.Combine(workDirectory, "profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-dev-shm-usage", "--disable-extensions", "--disable-sync", "--no-first-run",
                     "--no-default-browser-check", "--mute-audio", "--hide-scrollbars", "--disable-component-update",
                     "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                     "--user-data-dir=" + profile, "about:blank",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PdfEngineException($"无法启动报表引擎(Chromium:{executable})。");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            await TryDeleteAsync(profile).ConfigureAwait(false);
            throw new PdfEngineException($"无法启动报表引擎(Chromium:{executable}):{ex.Message}", ex);
        }

        // Chromium announces its DevTools endpoint on stderr; everything it writes after that is
        // drained so a full pipe can never block it.
        var endpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                endpoint.TrySetException(new PdfEngineException("报表引擎(Chromium)启动后立即退出:" + string.Join(" ", errors.TakeLast(3))));
                return;
            }

            const string marker = "DevTools listening on ";
            var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                endpoint.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Trim()));
            }
            else if (!endpoint.Task.IsCompleted)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var connection = new CdpConnection();
        try
        {
            var uri = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            await connection.ConnectAsync(uri, ct).ConfigureAwait(false);
            logger.LogInformation("Report engine: Chromium started (pid {Pid}) at {Endpoint}", process.Id, uri);
            return new ChromiumBrowser(process, profile, connection);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            Kill(process);
            process.Dispose();
            await TryDeleteAsync(profile).ConfigureAwait(false);
            if (ex is TimeoutException)
            {
                throw new PdfEngineException("报表引擎(Chromium)启动超时。", ex);
            }

            throw;
        }
    }

    public Task<JsonObject> SendAsync(string method, JsonObject? parameters, CancellationToken ct, string? sessionId = null) =>
        Connection.SendAsync(method, parameters, sessionId, ct);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        Kill(_process);
        try
        {
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Reaped later by the OS; nothing more to do.
        }

        _process.Dispose();
        await TryDeleteAsync(_profileDirectory).ConfigureAwait(false);
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
        catch (InvalidOperationException)
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
