using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Common;

/// <summary>
/// Denied attempts recorded in aggregate: one hash-chained history row per user, minute and kind (what was
/// attempted on which kind of thing), carrying the count, the reasons and the first few target ids. A
/// probe of thousands of guessed ids (a sqlmap run added 1,282 rows when every attempt had its own) now adds
/// a row a minute. Every attempt is still logged one by one (<see cref="ScopedAccess"/>). Downloads are not
/// aggregated: each is its own history row.
/// </summary>
/// <remarks>
/// A minute's counts are held in memory and written once the minute is over (a timer checks every few
/// seconds), and all of them when the app stops. A process killed outright loses at most the current
/// minute's counts; the log still has every attempt.
/// </remarks>
public sealed class DeniedAttempts(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock, ILogger<DeniedAttempts> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How many target ids a row names; the count covers them all.</summary>
    public const int TargetsNamed = 10;

    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<Key, Bucket> _open = [];
    private readonly SemaphoreSlim _writing = new(1, 1);
    private PeriodicTimer? _timer;
    private Task? _loop;
    private Task? _stopping;
    private int _disposed;

    private readonly record struct Key(string ActorId, DateTime MinuteUtc, string EntityType, string Attempted);

    private sealed class Bucket(Actor actor, DateTime firstAtUtc, int? roundId, int? taskId)
    {
        public Actor Actor { get; } = actor;

        public DateTime FirstAtUtc { get; } = firstAtUtc;

        public DateTime LastAtUtc { get; set; } = firstAtUtc;

        public int Count { get; set; }

        public int? RoundId { get; set; } = roundId;

        public int? TaskId { get; set; } = taskId;

        public List<int> Targets { get; } = [];

        public List<string> Reasons { get; } = [];
    }

    /// <summary>Count one refused attempt in its user's, minute's and kind's row.</summary>
    public void Record(Actor actor, string entityType, int entityId, int? roundId, int? taskId, string attempted, string why)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.UtcNow;
        var key = new Key(actor.UserId, MinuteOf(now), entityType, attempted);
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket(actor, now, roundId, taskId);
                _open[key] = bucket;
            }

            bucket.Count++;
            bucket.LastAtUtc = now;
            // A row about several tasks or rounds names none of them in its task/round columns.
            bucket.RoundId = bucket.RoundId == roundId ? roundId : null;
            bucket.TaskId = bucket.TaskId == taskId ? taskId : null;
            if (bucket.Targets.Count < TargetsNamed && !bucket.Targets.Contains(entityId))
            {
                bucket.Targets.Add(entityId);
            }

            if (!bucket.Reasons.Contains(why, StringComparer.Ordinal))
            {
                bucket.Reasons.Add(why);
            }
        }
    }

    /// <summary>
    /// Write the rows of every minute that is over (or of every minute, <paramref name="all"/>) to the history
    /// in one transaction. Returns the number of rows written.
    /// </summary>
    public async Task<int> FlushAsync(bool all = false, CancellationToken ct = default)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            List<(Key Key, Bucket Bucket)> due;
            var currentMinute = MinuteOf(clock.UtcNow);
            lock (_gate)
            {
                due = _open.Where(p => all || p.Key.MinuteUtc < currentMinute).Select(p => (p.Key, p.Value)).ToList();
                foreach (var (key, _) in due)
                {
                    _open.Remove(key);
                }
            }

            if (due.Count == 0)
            {
                return 0;
            }

            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
                foreach (var (key, bucket) in due.OrderBy(d => d.Bucket.FirstAtUtc))
                {
                    db.History.Add(HistoryEntry.For(key.EntityType, bucket.Targets[0], bucket.Actor, bucket.FirstAtUtc, HistoryActions.Denied,
                        details: Details(key, bucket), roundId: bucket.RoundId, taskId: bucket.TaskId));
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return due.Count;
            }
            catch (Exception ex) when (ex is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                logger.LogError(ex, "Recording {Rows} aggregated denied-attempt rows failed", due.Count);
                return 0;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>"查看任务被拒绝 100 次(21:03 这一分钟内;不在其可见范围内):Task 5、7、9…".</summary>
    private string Details(Key key, Bucket bucket)
    {
        var local = clock.ToLocal(key.MinuteUtc);
        var targets = string.Join("、", bucket.Targets.Select(t => t.ToString(CultureInfo.InvariantCulture)))
            + (bucket.Count > bucket.Targets.Count ? " 等" : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"{key.Attempted}被拒绝 {bucket.Count} 次({local:yyyy-MM-dd HH:mm} 这一分钟内;{string.Join("、", bucket.Reasons)}):{key.EntityType} {targets}");
    }

    private static DateTime MinuteOf(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(CheckEvery);
        _loop = RunAsync(_timer);
        return Task.CompletedTask;
    }

    private async Task RunAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes every open minute on the way down; idempotent (a host may be stopped twice, and under
    /// WebApplicationFactory the program's own <c>app.Run()</c> stops and disposes the host while the factory is
    /// stopping it): every caller awaits the one stop, so nothing is disposed while the last flush is writing.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stopping ??= StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        _timer?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await FlushAsync(all: true, CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _writing.Dispose();
        }
    }
}
