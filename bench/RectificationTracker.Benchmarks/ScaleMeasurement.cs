using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 14's scale figures: <c>scale N [Sqlite|Postgres]</c> over the generated benchmark database of N tasks
/// (with their history). PostgreSQL gets a copy of the SQLite database made by the operator command
/// <c>copy-to-postgres</c> into <c>rt_bench_N</c> (connection from <c>BENCH_PG</c>). Measured with a stopwatch
/// (warm-up, then repeated; median and p95): the ledger's filtered 25-row page (query and first HTTP response),
/// the dashboard's figures for the supervisor (all tasks), a transition, the server's managed heap; then the
/// ledger page under 50 concurrent users by <c>wrk</c> on loopback (median and p99).
/// </summary>
public static partial class ScaleMeasurement
{
    public static async Task RunAsync(int tasks, string provider)
    {
        var total = Stopwatch.StartNew();
        var sqliteDir = await BenchApp.DatabaseAsync(tasks);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Tracker:Reports:WarmUpOnStart"] = "false", // no report is printed here
        };
        var dataDir = sqliteDir;
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var conn = await EnsurePostgresCopyAsync(tasks, sqliteDir);
            dataDir = Path.Combine(BenchApp.DataRoot, $"tasks-{tasks}-pg");
            Directory.CreateDirectory(dataDir);
            settings["Tracker:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Tracker"] = conn;
            settings["Tracker:EvidenceDirectory"] = Path.Combine(sqliteDir, "files");
            provider = "Postgres";
        }
        else
        {
            provider = "Sqlite";
        }

        if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
        {
            settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        if (Environment.GetEnvironmentVariable("BENCH_BUILD_ONLY") == "1")
        {
            Console.WriteLine($"// scale: the {tasks}-task database on {provider} is ready ({total.Elapsed.TotalSeconds:F0} s)");
            return;
        }

        await using var app = BenchApp.StartKestrel(dataDir, settings);
        var sessionOptions = settings.TryGetValue("ConnectionStrings:Tracker", out var pg) ? new NpgsqlConnectionStringBuilder(pg).Options : null;
        Console.WriteLine($"// scale: {tasks} tasks on {provider}{(string.IsNullOrEmpty(sessionOptions) ? "" : $" (connection Options: {sessionOptions}; the app adds its own)")}, " +
            $"app up in {total.Elapsed.TotalSeconds:F1} s (load {Load()})");
        var office = await app.ActorAsync("office");
        var supervisor = await app.ActorAsync("supervisor");
        var ledger = app.Service<LedgerQueries>();
        var dashboard = app.Service<DashboardQueries>();
        var workflow = app.Service<TaskWorkflowService>();

        int unitId;
        int roundId;
        int[] cycle;
        long historyRows;
        int allTasks;
        await using (var db = await app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
        {
            allTasks = await db.Tasks.CountAsync();
            historyRows = await db.History.LongCountAsync();
            // The department with the most tasks in the city office's rounds: the office's typical filter.
            unitId = await db.Tasks.Where(t => t.ResponsibleUnitId != null && t.Round!.OfficeUnit!.ParentId == null)
                .GroupBy(t => t.ResponsibleUnitId!.Value).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            roundId = await db.Rounds.Where(r => r.OfficeUnit!.ParentId == null).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
            cycle = await db.Tasks
                .Where(t => t.State == TaskState.AwaitingReview && t.Round!.OfficeUnit!.ParentId == null && t.LeadLeaderId != null)
                .OrderByDescending(t => t.Id).Select(t => t.Id).Take(60).ToArrayAsync();
        }

        Console.WriteLine($"// scale: {allTasks} tasks, {historyRows} history records; filter unit {unitId}");
        var filter = new LedgerFilter { UnitId = unitId, State = TaskState.InProgress };
        await TimeAsync("ledger query, one round's 25-row page (office)", 30, async () =>
            await ledger.PageAsync(office, new LedgerFilter { RoundId = roundId }));
        var ledgerUrl = "/ledger" + filter.ToQueryString();

        var rows = 0;
        var filtered = await TimeAsync("ledger query, filtered 25-row page (unit + state, office)", 30, async () =>
            rows = (await ledger.PageAsync(office, filter)).Total);
        await TimeAsync("ledger query, first 25-row page unfiltered (office)", 30, async () => await ledger.PageAsync(office, new LedgerFilter()));
        await TimeAsync("ledger query, text search 25-row page (office)", 15, async () => await ledger.PageAsync(office, new LedgerFilter { Text = "党费" }));
        Console.WriteLine($"// scale: the filtered ledger holds {rows} tasks");

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        await BenchApp.SignInAsync(client, "office");
        await TimeAsync("GET " + ledgerUrl + " (first response)", 30, async () =>
        {
            using var response = await client.GetAsync(new Uri(ledgerUrl, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        await TimeAsync("dashboard figures (supervisor, all tasks, today)", 10, async () =>
            await dashboard.FiguresAsync(supervisor, new DashboardFilter()));
        var next = 0;
        await TimeAsync("transition (mean of approve, return, apply)", Math.Min(20, cycle.Length - 3), async () =>
            await TransitionCycle.RunAsync(app, workflow, cycle[next++ % cycle.Length]), perOperation: 3);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"// scale: managed heap after a full GC {GC.GetTotalMemory(false) / 1048576.0:F0} MB; " +
            $"process working set {process.WorkingSet64 / 1048576.0:F0} MB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        if (provider == "Sqlite")
        {
            var size = new FileInfo(Path.Combine(sqliteDir, "tracker.db")).Length;
            Console.WriteLine($"// scale: SQLite file {size / 1048576.0:F0} MB");
        }

        await LoadTestAsync(app.BaseUrl + ledgerUrl, handler.CookieContainer.GetCookieHeader(new Uri(app.BaseUrl)));
        Console.WriteLine($"// scale: done in {total.Elapsed.TotalSeconds:F0} s");
        _ = filtered;
    }

    /// <summary>Runs <paramref name="action"/> 3 times to warm up, then <paramref name="times"/> times; prints median and p95 in ms.</summary>
    private static async Task<double> TimeAsync(string name, int times, Func<Task> action, int perOperation = 1)
    {
        for (var i = 0; i < 2; i++)
        {
            await action();
        }

        var samples = new List<double>(times);
        var spent = Stopwatch.StartNew();
        for (var i = 0; i < times && (i < 5 || spent.Elapsed < TimeSpan.FromSeconds(60)); i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples.Add(watch.Elapsed.TotalMilliseconds / perOperation);
        }

        samples.Sort();
        var median = samples[samples.Count / 2];
        var p95 = samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.95) - 1)];
        Console.WriteLine($"// scale: {name}: median {median:F1} ms, p95 {p95:F1} ms, n={samples.Count} (load {Load()})");
        return median;
    }

    /// <summary>50 concurrent users on the ledger page for 30 s, by wrk (Debian's package) on loopback.</summary>
    private static async Task LoadTestAsync(string url, string cookie)
    {
        var seconds = Environment.GetEnvironmentVariable("BENCH_LOAD_SECONDS") ?? "30";
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-t2", "-c50", "-d" + seconds + "s", "--latency", "--timeout", "30s", "-H", "Cookie: " + cookie, url })
        {
            start.ArgumentList.Add(arg);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk could not be started (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var p50 = WrkPercentile("50", output);
        var p99 = WrkPercentile("99", output);
        var rps = RequestsPerSecond().Match(output).Groups["v"].Value;
        var non2xx = Non2xx().Match(output);
        Console.WriteLine($"// scale: GET ledger page, 50 concurrent users for {seconds} s (wrk): median {p50}, p99 {p99}, {rps} requests/s" +
            (non2xx.Success ? $", {non2xx.Groups["n"].Value} non-2xx answers" : ", all 2xx") + $" (load {Load()})");
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
        {
            Console.WriteLine(output);
        }
    }

    private static string WrkPercentile(string percent, string output)
    {
        var m = Regex.Match(output, @"^\s*" + percent + @"%\s+(?<v>\S+)", RegexOptions.Multiline);
        return m.Success ? m.Groups["v"].Value : "?";
    }

    /// <summary>The database <c>rt_bench_N</c> filled by <c>copy-to-postgres</c> from the SQLite benchmark database, once.</summary>
    private static async Task<string> EnsurePostgresCopyAsync(int tasks, string sqliteDir)
    {
        var server = Environment.GetEnvironmentVariable("BENCH_PG")
            ?? throw new InvalidOperationException("BENCH_PG (a PostgreSQL connection string to a role that may create databases) is not set; run through scripts/bench.sh.");
        // BENCH_PG_DATABASE: measure a copy of its own (e.g. CREATE DATABASE … TEMPLATE rt_bench_N) that this build may migrate.
        var name = Environment.GetEnvironmentVariable("BENCH_PG_DATABASE") ?? "rt_bench_" + tasks.ToString(CultureInfo.InvariantCulture);
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        var marker = Path.Combine(BenchApp.DataRoot, $"tasks-{tasks}-pg.ready");
        if (File.Exists(marker))
        {
            return builder.ConnectionString;
        }

        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        await using (var source = BenchApp.StartKestrel(sqliteDir))
        {
            await CampaignCloner.CoarsenHistoryTimesAsync(Path.Combine(sqliteDir, "tracker.db"),
                source.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
            var code = await CopyToPostgresCommand.RunAsync(source.Services, builder.ConnectionString, Path.Combine(sqliteDir, "files"), Console.Out, CancellationToken.None);
            if (code != 0)
            {
                throw new InvalidOperationException("copy-to-postgres failed with " + code);
            }
        }

        SqliteConnection.ClearAllPools();
        await using (var target = new NpgsqlConnection(builder.ConnectionString))
        {
            await target.OpenAsync();
            await using var analyze = new NpgsqlCommand("analyze", target) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }

        await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
        Console.WriteLine($"// scale: copied {tasks} tasks to PostgreSQL {name} in {watch.Elapsed.TotalSeconds:F0} s");
        return builder.ConnectionString;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    [GeneratedRegex(@"Requests/sec:\s+(?<v>\S+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(?<n>\d+)")]
    private static partial Regex Non2xx();
}
