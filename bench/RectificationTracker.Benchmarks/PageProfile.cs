using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RectificationTracker.Web.Data;
using RectificationTracker.Benchmarks.Infrastructure;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 12: where a page's first response spends its time. Requests a page many times over the
/// 10,000-task database and reports the mean wall time, the SQL commands per request and their time
/// (EF Core's diagnostic events), so a slow page can be split into "queries" and "rendering".
/// <c>bash scripts/bench.sh page-profile /ledger [requests]</c>.
/// </summary>
public static class PageProfile
{
    public static async Task RunAsync(string url, int requests)
    {
        var commands = new CommandTally();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new ListenerObserver(commands));
        using var app = await BenchApp.StartAsync(10_000);
        var id = 0;
        if (url.Contains("{id}", StringComparison.Ordinal))
        {
            await using var db = await app.Service<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
            id = await db.Tasks.MaxAsync(t => t.Id);
            url = url.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        using var client = await app.SignedInClientAsync(Environment.GetEnvironmentVariable("BENCH_USER") ?? "office");
        for (var i = 0; i < 20; i++)
        {
            await client.GetStringAsync(new Uri(url, UriKind.Relative));
        }

        commands.Reset();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var sw = Stopwatch.StartNew();
            await client.GetStringAsync(new Uri(url, UriKind.Relative));
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        times.Sort();
        Console.WriteLine($"// page-profile {url}: {requests} requests, median {times[times.Count / 2]:F2} ms, mean {times.Average():F2} ms");
        Console.WriteLine($"// SQL: {commands.Count / (double)requests:F1} commands and {commands.Total.TotalMilliseconds / requests:F2} ms per request");
        Console.WriteLine($"// allocated {allocated / requests / 1024} KB per request (server and client); GCs: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}");
        foreach (var (text, (count, time)) in commands.ByText.OrderByDescending(kv => kv.Value.Time).Take(15))
        {
            Console.WriteLine($"{time.TotalMilliseconds / requests,8:F2} ms {count / (double)requests,5:F1}x  {Flat(text)}");
        }
    }

    private static string Flat(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        var max = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SQL_WIDTH"), out var w) ? w : 220;
        return flat.Length > max ? flat[..max] + "…" : flat;
    }

    private sealed class CommandTally
    {
        private readonly Lock _gate = new();

        public Dictionary<string, (int Count, TimeSpan Time)> ByText { get; } = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public TimeSpan Total { get; private set; }

        public void Add(string text, TimeSpan time)
        {
            lock (_gate)
            {
                Count++;
                Total += time;
                var (c, t) = ByText.GetValueOrDefault(text);
                ByText[text] = (c + 1, t + time);
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                Count = 0;
                Total = TimeSpan.Zero;
                ByText.Clear();
            }
        }
    }

    private sealed class ListenerObserver(CommandTally tally) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                value.Subscribe(new EventObserver(tally));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver(CommandTally tally) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData e)
            {
                tally.Add(e.Command.CommandText, e.Duration);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
