using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Infrastructure;

/// <summary>
/// The real app, in this process, on Kestrel bound by the server itself to a free loopback port (.NET 10's
/// <see cref="WebApplicationFactory{TEntryPoint}.UseKestrel()"/>: no bind-then-release port race, no build
/// paths), with a fresh data folder and demo data; and one headless Chromium for all browser tests.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "browser-admin-2026";

    /// <summary>The evidence size limit in these tests: small, so that an oversized upload is quick to send.</summary>
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "rt-browser-" + Guid.NewGuid().ToString("N"));
    private BrowserAppFactory? _app;

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The app's services, for tests that check what a journey left in the database.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Where screenshots go: beside the test assembly, so CI can keep them as artefacts.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The app's warnings and errors, for when a journey fails for a reason only the server knows.</summary>
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
        Directory.CreateDirectory(_dataDirectory);
        _app = new BrowserAppFactory(_dataDirectory, Append);
        _app.UseKestrel();
        // Building and starting the host migrates and seeds; it returns once Kestrel listens.
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

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
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        }).ConfigureAwait(false);
        // Generous waits for a loaded 2-core machine: a passing step returns as soon as its condition holds, so
        // these only lengthen failures. Expectations default to 5 s in Playwright, which a slow upload exceeded.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync().ConfigureAwait(false);
    }

    /// <summary>A fresh page signed in as <paramref name="userName"/> through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string password)
    {
        var page = await NewPageAsync().ConfigureAwait(false);
        await new Pages.LoginPage(page).LoginAsync(userName, password).ConfigureAwait(false);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync().ConfigureAwait(false);
        }

        Playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        SqliteConnection.ClearAllPools();
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

    private void Append(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private sealed class BrowserAppFactory(string dataDirectory, Action<string> log) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            // Port 0: Kestrel picks a free port and keeps it.
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Tracker:DataDirectory", dataDirectory);
            builder.UseSetting("Tracker:SeedDemoData", "true");
            builder.UseSetting("Tracker:Login:AttemptsPerMinute", "100000");
            builder.UseSetting("Tracker:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Tracker:AdminUserName", AdminUserName);
            builder.UseSetting("Tracker:AdminPassword", AdminPassword);
            builder.UseSetting("Tracker:Digest:Enabled", "false");
            builder.ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Warning);
                logging.AddProvider(new LineLoggerProvider(log));
            });
        }
    }

    private sealed class LineLoggerProvider(Action<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, log);

        public void Dispose()
        {
        }

        private sealed class LineLogger(string category, Action<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                log($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RunningApp : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
