using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data;

/// <summary>
/// The history chain's anchors outside the database (docs/adr/0006): an append-only text file, one line
/// per anchor ("time count hash"). Written at intervals by <see cref="HistoryAnchorWriter"/>, whenever a
/// report prints its 数据指纹, and read by <c>verify-history</c>.
/// </summary>
public sealed class HistoryAnchors(IDbContextFactory<TrackerDbContext> dbFactory, IOptions<TrackerOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private ChainAnchor? _lastWritten;

    public string FilePath => options.Value.AnchorFilePath;

    /// <summary>The chain's head now: the number of records and the last one's hash.</summary>
    public async Task<ChainAnchor> HeadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var last = await db.History.AsNoTracking().OrderByDescending(h => h.Id)
            .Select(h => new { h.Id, h.Hash }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new ChainAnchor(last?.Id ?? 0, last?.Hash ?? HistoryChain.GenesisHash, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Anchor the head now, unless it is empty or already the file's last anchor; returns the head.</summary>
    public async Task<ChainAnchor> AnchorHeadAsync(CancellationToken ct = default)
    {
        await _write.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The head is read under the lock, so this process's anchors stay in the chain's order: a report that read
            // an older head cannot append it after a newer one another report anchored meanwhile.
            var head = await HeadAsync(ct).ConfigureAwait(false);
            if (head.IsEmpty)
            {
                return head;
            }

            // The file is read once per process; afterwards the anchor this process wrote last is enough
            // (another process appending the same head again only repeats a line).
            if (_lastWritten is null)
            {
                var all = ReadAll().Anchors;
                _lastWritten = all.Count > 0 ? all[^1] : null;
            }

            var last = _lastWritten;
            if (last is null || last.Count != head.Count || last.Hash != head.Hash)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                // Append only, one write per line; flushed to disk before the anchor is used (printed).
                await using var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                var bytes = Encoding.UTF8.GetBytes(head.ToLine() + "\n");
                await file.WriteAsync(bytes, ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                _lastWritten = head;
            }

            return head;
        }
        finally
        {
            _write.Release();
        }
    }

    public void Dispose() => _write.Dispose();

    /// <summary>Every anchor in the file, and the numbers of lines that are not anchors (a damaged file).</summary>
    public AnchorFile ReadAll()
    {
        if (!File.Exists(FilePath))
        {
            return new AnchorFile(false, [], []);
        }

        var anchors = new List<ChainAnchor>();
        var bad = new List<int>();
        var number = 0;
        using var reader = new StreamReader(new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (ChainAnchor.TryParseLine(line, out var anchor))
            {
                anchors.Add(anchor);
            }
            else
            {
                bad.Add(number);
            }
        }

        return new AnchorFile(true, anchors, bad);
    }
}

public sealed record AnchorFile(bool Exists, IReadOnlyList<ChainAnchor> Anchors, IReadOnlyList<int> BadLines);

/// <summary>Anchors the chain's head every <c>Tracker:HistoryAnchorMinutes</c> when it has moved, and on shut-down.</summary>
internal sealed class HistoryAnchorWriter(HistoryAnchors anchors, IOptions<TrackerOptions> options, ILogger<HistoryAnchorWriter> logger) : BackgroundService
{
    private int _stopped;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.HistoryAnchorMinutes)));
        do
        {
            await AnchorAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Anchors once more on the way down; idempotent (a host may be stopped twice).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await AnchorAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AnchorAsync(CancellationToken ct)
    {
        try
        {
            await anchors.AnchorHeadAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException or ObjectDisposedException)
        {
            logger.LogError(ex, "Could not write the history anchor to {File}", anchors.FilePath);
        }
    }
}
