using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.History;

/// <summary>
/// One append-only record of who did what, when and why: a state change, an edit, an upload or a
/// download. Records form a hash chain: each stores the SHA-256 of the previous record and of its own
/// content, so a changed or deleted row is detectable (<see cref="HistoryChain.Verify"/>).
/// </summary>
public class HistoryEntry
{
    /// <summary>
    /// Sequence number, assigned when the record is appended to the chain (1, 2, …) by <see cref="HistoryChain.Seal"/>.
    /// Until then it is 0 here; the store that tracks several new records side by side gives each a placeholder key
    /// of its own when it is added (no counter lives in the domain).
    /// </summary>
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    /// <summary>What the record is about: Task, Round, Problem, Evidence, Report, Unit, User, Import.</summary>
    public string EntityType { get; set; } = "";

    public int? EntityId { get; set; }

    public int? TaskId { get; set; }

    public int? RoundId { get; set; }

    /// <summary>The verb: a <see cref="TaskAction"/> name, or Create, Edit, Upload, Download, Progress, Denied…</summary>
    public string Action { get; set; } = "";

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public string? Reason { get; set; }

    /// <summary>Free detail, e.g. changed fields "期限: 2026-06-30 → 2026-07-31" or a file name.</summary>
    public string? Details { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public static HistoryEntry ForTask(RectificationTask task, Actor actor, DateTime nowUtc, string action,
        TaskState? from, TaskState? to, string? reason, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        return new HistoryEntry
        {
            AtUtc = nowUtc,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            EntityType = "Task",
            EntityId = task.Id,
            TaskId = task.Id,
            RoundId = task.RoundId,
            Action = action,
            FromState = from?.ToString(),
            ToState = to?.ToString(),
            Reason = reason,
            Details = details,
        };
    }

    public static HistoryEntry For(string entityType, int? entityId, Actor actor, DateTime nowUtc, string action,
        string? details = null, string? reason = null, int? roundId = null, int? taskId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new HistoryEntry
        {
            AtUtc = nowUtc,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            EntityType = entityType,
            EntityId = entityId,
            TaskId = taskId,
            RoundId = roundId,
            Action = action,
            Reason = reason,
            Details = details,
        };
    }
}

/// <summary>The hash chain over history records.</summary>
public static class HistoryChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Seal <paramref name="entry"/> as the record after <paramref name="previousId"/>/<paramref name="previousHash"/>.</summary>
    public static void Seal(HistoryEntry entry, long previousId, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Id = previousId + 1;
        entry.PreviousHash = previousHash;
        entry.Hash = ComputeHash(entry);
    }

    public static string ComputeHash(HistoryEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // A JSON array is unambiguous whatever characters the fields hold; ticks rather than a
        // formatted date so the value survives any database round trip exactly.
        var content = System.Text.Json.JsonSerializer.Serialize(new[]
        {
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.AtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            e.ActorId, e.ActorName, e.EntityType,
            e.EntityId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.TaskId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.RoundId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.Action, e.FromState ?? "", e.ToState ?? "", e.Reason ?? "", e.Details ?? "",
            e.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>
    /// Check records in sequence order. Returns null when the chain is intact, otherwise the first
    /// broken record's id and what is wrong with it.
    /// </summary>
    public static ChainBreak? Verify(IEnumerable<HistoryEntry> entriesInOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInOrder);
        var cursor = new ChainCursor();
        foreach (var e in entriesInOrder)
        {
            if (cursor.Next(e) is { } broken)
            {
                return broken;
            }
        }

        return null;
    }
}

/// <summary>Walks the chain one record at a time, so a caller can stream records and stop at the first break.</summary>
public sealed class ChainCursor
{
    private string _previousHash = HistoryChain.GenesisHash;

    /// <summary>The id the next record must have.</summary>
    public long ExpectedId { get; private set; } = 1;

    /// <summary>Check the next record; null when it follows the previous one correctly.</summary>
    public ChainBreak? Next(HistoryEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Id != ExpectedId)
        {
            return new ChainBreak(ExpectedId, $"第 {ExpectedId} 条记录缺失(下一条为第 {e.Id} 条)。");
        }

        if (!string.Equals(e.PreviousHash, _previousHash, StringComparison.Ordinal))
        {
            return new ChainBreak(e.Id, $"第 {e.Id} 条记录的前序哈希与上一条不符。");
        }

        if (!string.Equals(HistoryChain.ComputeHash(e), e.Hash, StringComparison.Ordinal))
        {
            return new ChainBreak(e.Id, $"第 {e.Id} 条记录的内容已被修改(哈希不符)。");
        }

        _previousHash = e.Hash;
        ExpectedId++;
        return null;
    }
}

public sealed record ChainBreak(long Id, string Message);
