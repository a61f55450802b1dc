using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Benchmarks.Infrastructure;

/// <summary>
/// The whole app in this process over a benchmark database of a given number of tasks. The database is
/// built once per size (demo organisation and campaigns, then generated rounds with realistic lives and
/// history) and kept under <c>artifacts/bench-data/tasks-N</c>, so later runs start in seconds.
/// </summary>
public sealed partial class BenchApp : WebApplicationFactory<Program>
{
    public const string Password = "tracker2026";

    private BenchApp(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    private bool _scratch;

    private bool _kestrel;

    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    /// <summary>Where the app listens when started on Kestrel (<see cref="StartKestrelAsync"/>).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The circuits the server holds open (counted on Kestrel only).</summary>
    public CircuitCounter Circuits { get; } = new();

    /// <summary>Starts the app over a database holding at least <paramref name="tasks"/> tasks.</summary>
    public static async Task<BenchApp> StartAsync(int tasks) => Start(await EnsureDatabaseAsync(tasks));

    /// <summary>
    /// Starts the app on Kestrel (a free loopback port, as the browser tests do) over the cached database, for
    /// measurements that need a real browser: Blazor circuits over WebSockets.
    /// </summary>
    public static async Task<BenchApp> StartKestrelAsync(int tasks, IReadOnlyDictionary<string, string>? settings = null)
        => StartKestrel(await EnsureDatabaseAsync(tasks), settings);

    /// <summary>Starts the app on Kestrel over a given data folder with extra settings (e.g. another database provider).</summary>
    public static BenchApp StartKestrel(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new BenchApp(dataDirectory) { _kestrel = true, _settings = settings ?? new Dictionary<string, string>() };
        app.UseKestrel();
        app.StartServer();
        app.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return app;
    }

    /// <summary>
    /// Starts the app over a throw-away copy of the cached database, for measurements that add rows
    /// (imports, thousands of transitions) which would otherwise skew every later benchmark.
    /// </summary>
    public static async Task<BenchApp> StartScratchAsync(int tasks)
    {
        var source = await EnsureDatabaseAsync(tasks);
        var copy = Directory.CreateTempSubdirectory("rt-bench-scratch-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var app = Start(copy);
        app._scratch = true;
        return app;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_scratch)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The SQLite data folder of the benchmark database of <paramref name="tasks"/> tasks, built if missing.</summary>
    public static Task<string> DatabaseAsync(int tasks) => EnsureDatabaseAsync(tasks);

    /// <summary>Where the benchmark databases are kept (<c>BENCH_DATA</c>, else artifacts/bench-data).</summary>
    public static string DataRoot => Environment.GetEnvironmentVariable("BENCH_DATA")
        ?? Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "bench-data");

    private static async Task<string> EnsureDatabaseAsync(int tasks)
    {
        var root = DataRoot;
        var dir = Path.Combine(root, "tasks-" + tasks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var marker = Path.Combine(dir, "ready");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            // A large database grows from the largest smaller one already built (1,000,000 from 100,000).
            var smaller = Directory.Exists(root)
                ? Directory.EnumerateDirectories(root, "tasks-*")
                    .Select(d => (Dir: d, Size: int.TryParse(Path.GetFileName(d)[6..], out var n) ? n : 0))
                    .Where(d => d.Size is > 0 && d.Size < tasks && File.Exists(Path.Combine(d.Dir, "ready")))
                    .OrderByDescending(d => d.Size).Select(d => d.Dir).FirstOrDefault()
                : null;
            var grownFrom = tasks >= 100_000 ? smaller : null;
            if (grownFrom is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in Directory.EnumerateFiles(grownFrom, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "ready"))
                {
                    var target = Path.Combine(dir, Path.GetRelativePath(grownFrom, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }

                Console.WriteLine($"// growing the {tasks}-task database from {grownFrom}");
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            await using (var builder = new BenchApp(dir))
            {
                _ = builder.Services; // migrate + demo seed
                await using var scope = builder.Services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                await using var db = await sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
                var existing = await db.Tasks.CountAsync();
                if (grownFrom is not null && tasks / existing >= 2)
                {
                    // Grown from a smaller database: its campaigns copied in SQL (minutes, not the generator's hours).
                    // Never from the demo campaigns alone (83 tasks), which a new database starts with: a 10,000-task
                    // database cloned from them has no 500-task round to print.
                    await CampaignCloner.CloneAsync(Path.Combine(dir, "tracker.db"), (tasks / existing) - 1,
                        sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
                    existing = await db.Tasks.CountAsync();
                }

                var generator = new CampaignGenerator(
                    sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>(),
                    sp.GetRequiredService<Clock>(),
                    sp.GetRequiredService<Web.Features.Evidence.EvidenceStore>());
                await generator.AddAsync(Math.Max(0, tasks - existing), CancellationToken.None);
            }

            SqliteConnection.ClearAllPools();
            await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
            Console.WriteLine($"// benchmark database of {tasks} tasks built in {watch.Elapsed.TotalSeconds:F1} s at {dir}");
        }

        // A cached database that grew (a measurement that imported into it instead of a scratch copy) would make
        // every "10,000-task" figure silently measure more: the 10,000-task database once held 40,000 tasks (six
        // 5,000-row import rounds), and its "10,000-row" ledger printed 3,081 pages instead of ~770.
        await using (var check = new SqliteConnection($"Data Source={Path.Combine(dir, "tracker.db")};Mode=ReadOnly"))
        {
            await check.OpenAsync();
            await using var count = check.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Tasks";
            var held = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            if (tasks > 0 && held > tasks + 1_000)
            {
                throw new InvalidOperationException($"The benchmark database {dir} holds {held} tasks, not about {tasks}: something added rows to the cached copy. Delete the folder (it is rebuilt) or point BENCH_DATA at a clean one.");
            }
        }

        SqliteConnection.ClearAllPools();
        return dir;
    }

    private static BenchApp Start(string dir)
    {
        var app = new BenchApp(dir);
        _ = app.Services;
        if (Environment.GetEnvironmentVariable("BENCH_TRACE_EXCEPTIONS") == "1")
        {
            // Diagnostics: which exceptions the measured code throws (BenchmarkDotNet only counts them).
            AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
                Console.WriteLine("// first-chance " + e.Exception.GetType().Name + ": " + e.Exception.Message.Split('\n')[0]);
        }

        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseContentRoot(WebProjectDirectory());
        builder.UseSetting("Tracker:DataDirectory", DataDirectory);
        builder.UseSetting("Tracker:SeedDemoData", "true");
        builder.UseSetting("Tracker:AdminPassword", "bench-admin-2026");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_kestrel)
        {
            // Port 0: Kestrel picks a free port and keeps it.
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.ConfigureServices(s => s.AddSingleton<CircuitHandler>(Circuits));
        }
    }

    /// <summary>src/RectificationTracker.Web of the checkout this benchmark runs from.</summary>
    private static string WebProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "RectificationTracker.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from a checkout (src/RectificationTracker.Web not found).");
    }

    /// <summary>The domain's view of a demo user, built through the app's own claims and resolver.</summary>
    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("No user " + userName);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(principal);
    }

    /// <summary>A cookie-keeping HTTP client signed in through the login form, as a browser would be.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // Ten 500-row ledgers on two render slots: on a busy shared machine the last answer can take longer
        // than HttpClient's default 100 s, which would count a queued (not failed) download as failed.
        client.Timeout = TimeSpan.FromMinutes(10);
        await SignInAsync(client, userName);
        return client;
    }

    /// <summary>Signs <paramref name="userName"/> in through the login form on a cookie-keeping client, as a browser would.</summary>
    public static async Task SignInAsync(HttpClient client, string userName)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = TokenInput().Match(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{userName} could not sign in: {response.StatusCode}");
        }
    }

    /// <summary>A service from a fresh scope, as a page would get it.</summary>
    public T Service<T>()
        where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
