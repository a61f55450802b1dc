using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Infrastructure;

/// <summary>
/// Starts the real app (the built executable, as an operator would) on a free local port with a fresh
/// data folder and demo data, and one headless Chromium for all browser tests. On .NET 9
/// WebApplicationFactory has no real socket, so a browser cannot reach it.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "browser-admin-2026";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string _dataDirectory = "";

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: beside the test assembly, so CI can keep them as artefacts.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var configuration = typeof(AppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var webProject = Path.Combine(root, "src", "RectificationTracker.Web");
        var executable = Path.Combine(webProject, "bin", configuration, "net9.0", "linux-x64", "RectificationTracker.Web");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"The app has not been built for {configuration}: {executable} is missing. Run `dotnet build RectificationTracker.sln -c {configuration}` first.");
        }

        _dataDirectory = Path.Combine(Path.GetTempPath(), "rt-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = webProject,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Development, so that static web assets resolve from the build output as with `dotnet run`.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["Tracker__DataDirectory"] = _dataDirectory;
        start.Environment["Tracker__SeedDemoData"] = "true";
        start.Environment["Tracker__AdminUserName"] = AdminUserName;
        start.Environment["Tracker__AdminPassword"] = AdminPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync().ConfigureAwait(false);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync().ConfigureAwait(false);
        // Never download browsers: the Debian chromium package is the browser.
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        }).ConfigureAwait(false);
    }

    /// <summary>A fresh browser context (own cookies) with a desktop viewport and Chinese locale.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException($"The app has exited with code {_process.ExitCode}. Output:\n{Output}");
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        }).ConfigureAwait(false);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync().ConfigureAwait(false);
        }

        Playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        // The app's own log, for when a journey fails for a reason only the server knows.
        Directory.CreateDirectory(ScreenshotDirectory);
        await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, "app-output.log"), Output).ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy. Output:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/healthz")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer; try again.
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        throw new TimeoutException($"The app did not answer /healthz with 200 within {StartTimeout.TotalSeconds} s. Output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RectificationTracker.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RectificationTracker.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class RunningApp : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
