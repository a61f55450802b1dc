using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RectificationTracker.Domain.History;

namespace RectificationTracker.Web.Data;

/// <summary>
/// Appending to the history chain is atomic in the database itself: the chain's head is read and the
/// new records inserted inside one write transaction that excludes every other writer, in this process
/// or another (the web app and the operator commands append to the same database; several app instances
/// share one PostgreSQL database). No in-process lock: the lock itself is provider-specific and lives in
/// <see cref="Database.LockHistoryChainAsync"/> (SQLite: BEGIN IMMEDIATE; PostgreSQL: pg_advisory_xact_lock).
/// </summary>
internal static class HistoryChainAppend
{
    /// <summary>A write transaction. On SQLite EF Core begins it as <c>BEGIN IMMEDIATE</c>: the write lock is taken at once.</summary>
    public static Task<IDbContextTransaction> BeginAsync(TrackerDbContext db, CancellationToken ct) =>
        db.Database.BeginTransactionAsync(ct);

    /// <summary>Seal <paramref name="pending"/> after the current head; call inside a write transaction.</summary>
    public static async Task SealAsync(TrackerDbContext db, IReadOnlyList<HistoryEntry> pending, CancellationToken ct)
    {
        await Database.LockHistoryChainAsync(db, ct).ConfigureAwait(false);
        var last = await db.History.AsNoTracking()
            .OrderByDescending(h => h.Id)
            .Select(h => new { h.Id, h.Hash })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var previousId = last?.Id ?? 0;
        var previousHash = last?.Hash ?? HistoryChain.GenesisHash;
        foreach (var entry in pending.OrderBy(p => p.AtUtc))
        {
            entry.AtUtc = Database.StoredPrecision(entry.AtUtc);
            HistoryChain.Seal(entry, previousId, previousHash);
            previousId = entry.Id;
            previousHash = entry.Hash;
        }
    }
}
