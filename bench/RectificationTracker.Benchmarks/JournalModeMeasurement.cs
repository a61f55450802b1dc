using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.ThreeLists;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// <c>bench.sh journal</c>: the figures behind docs/adr/0004, for each journal mode over the 10,000-task
/// database: (1) three readers running the ledger query while one writer commits workflow transitions,
/// for 15 s; (2) the ledger page's first response, requested again and again while a 5,000-row three-lists
/// import runs. Latencies are wall-clock, errors are counted (a reader or writer refused with "database is
/// locked" is an error a user would see).
/// </summary>
internal static class JournalModeMeasurement
{
    public static async Task RunAsync()
    {
        using var app = await BenchApp.StartScratchAsync(10_000); // it adds 20,000 tasks: never to the cached database
        var office = await app.ActorAsync("office");
        using var officeClient = await app.SignedInClientAsync("office");
        var factory = app.Service<IDbContextFactory<TrackerDbContext>>();
        int[] cycle;
        await using (var db = await factory.CreateDbContextAsync())
        {
            cycle = await db.Tasks
                .Where(t => t.State == TaskState.AwaitingReview && t.Round!.OfficeUnit!.ParentId == null && t.LeadLeaderId != null)
                .OrderBy(t => t.Id).Select(t => t.Id).Take(400).ToArrayAsync();
        }

        var sheet = IntakeBenchmarks.FiveThousandRows();
        Console.WriteLine("| journal | readers: ledger query p50 / p95 / max (ms) | reads/s | writer: commits/s, p95 (ms) | errors | import 5,000 rows (s) | GET /ledger during import p50 / p95 / max (ms), n |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var mode in new[] { "delete", "wal", "delete", "wal" })
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // leaving WAL needs the only connection
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync(mode == "wal" ? "PRAGMA journal_mode=wal;" : "PRAGMA journal_mode=delete;");
            }

            // (1) readers while a writer commits
            var errors = 0;
            var readLatencies = new List<double>();
            var writeLatencies = new List<double>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var next = 0;
            var writer = Task.Run(async () =>
            {
                var workflow = app.Service<TaskWorkflowService>();
                while (!stop.IsCancellationRequested)
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        await TransitionCycle.RunAsync(app, workflow, cycle[next++ % cycle.Length]);
                        lock (writeLatencies)
                        {
                            writeLatencies.Add(watch.Elapsed.TotalMilliseconds / 3);
                        }
                    }
                    catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or DbUpdateException or InvalidOperationException)
                    {
                        Interlocked.Increment(ref errors);
                        Console.WriteLine("// writer refused: " + (ex.InnerException ?? ex).Message);
                    }
                }
            });
            var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                var ledger = app.Service<LedgerQueries>();
                while (!stop.IsCancellationRequested)
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        await ledger.PageAsync(office, new LedgerFilter());
                        lock (readLatencies)
                        {
                            readLatencies.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }
                    catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
                    {
                        Interlocked.Increment(ref errors);
                        Console.WriteLine("// reader refused: " + ex.Message);
                    }
                }
            })).ToList();
            await Task.WhenAll([writer, .. readers]);

            // (2) the ledger page while an import runs
            var roundId = await IntakeBenchmarks.NewRoundAsync(app, office);
            var pageLatencies = new List<double>();
            var importWatch = Stopwatch.StartNew();
            var import = Task.Run(() => app.Service<ThreeListService>().CommitAsync(office, roundId, new MemoryStream(sheet), "bench.xlsx"));
            while (!import.IsCompleted)
            {
                var watch = Stopwatch.StartNew();
                using var response = await officeClient.GetAsync(new Uri("/ledger", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    pageLatencies.Add(watch.Elapsed.TotalMilliseconds);
                }
                else
                {
                    errors++;
                    Console.WriteLine("// GET /ledger answered " + (int)response.StatusCode);
                }
            }

            var outcome = await import;
            var importSeconds = importWatch.Elapsed.TotalSeconds;
            if (!outcome.Committed)
            {
                errors++;
                Console.WriteLine("// import refused: " + outcome.Message);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {mode} | {P(readLatencies, 50):F0} / {P(readLatencies, 95):F0} / {readLatencies.DefaultIfEmpty().Max():F0} | {readLatencies.Count / 15.0:F1} | " +
                $"{writeLatencies.Count * 3 / 15.0:F1}, {P(writeLatencies, 95):F0} | {errors} | {importSeconds:F1} | " +
                $"{P(pageLatencies, 50):F0} / {P(pageLatencies, 95):F0} / {pageLatencies.DefaultIfEmpty().Max():F0}, {pageLatencies.Count} |"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            await Database.ApplyJournalModeAsync(db);
        }
    }

    private static double P(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
