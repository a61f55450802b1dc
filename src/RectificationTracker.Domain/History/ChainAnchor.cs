using System.Globalization;

namespace RectificationTracker.Domain.History;

/// <summary>
/// The head of the history chain kept outside the database (an append-only file, a line printed on a
/// report): how many records there were and the hash of the last one. Someone who can edit the
/// database can recompute every hash after a forged edit, or delete the newest records, and the chain
/// alone still verifies; an anchor taken earlier then no longer matches (the idea of SQL Server's ledger
/// digests kept in separate storage).
/// </summary>
public sealed record ChainAnchor(long Count, string Hash, DateTime AtUtc)
{
    /// <summary>Hex characters of the hash printed on paper: enough that no forger can match them by trial.</summary>
    public const int PrintedHashLength = 16;

    /// <summary>The anchor of an empty chain is not worth keeping.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>"490-3fa9c2e1b04d77aa": what a report prints as 数据指纹 and what an operator types back in.</summary>
    public string Fingerprint => Count.ToString(CultureInfo.InvariantCulture) + "-" + Hash[..Math.Min(PrintedHashLength, Hash.Length)];

    /// <summary>One line of the anchor file: "2026-12-01T19:00:00.0000000Z 490 3fa9…(64 hex)".</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{AtUtc:O} {Count} {Hash}");

    public static bool TryParseLine(string? line, out ChainAnchor anchor)
    {
        anchor = default!;
        var parts = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !DateTime.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !IsHex(parts[2], 64))
        {
            return false;
        }

        anchor = new ChainAnchor(count, parts[2].ToLowerInvariant(), at);
        return true;
    }

    /// <summary>Reads a fingerprint typed in from paper ("490-3fa9c2e1b04d77aa"; at least 16 hex characters).</summary>
    public static bool TryParseFingerprint(string? text, out ChainAnchor anchor)
    {
        anchor = default!;
        var parts = (text ?? "").Trim().Split('-', 2);
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0
            || parts[1].Length < PrintedHashLength || !IsHex(parts[1], parts[1].Length) || parts[1].Length > 64)
        {
            return false;
        }

        anchor = new ChainAnchor(count, parts[1].ToLowerInvariant(), default);
        return true;
    }

    /// <summary>Whether the chain's record number <see cref="Count"/> has this anchor's hash (or hash prefix).</summary>
    public bool Matches(string recordHash) =>
        recordHash.StartsWith(Hash, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What is wrong with a chain of <paramref name="chainCount"/> intact records whose hash at this
    /// anchor's position is <paramref name="hashAtCount"/> (null when the chain is shorter); null when it agrees.
    /// </summary>
    public string? Disagreement(long chainCount, string? hashAtCount, string source)
    {
        if (chainCount < Count)
        {
            return $"历史记录被截断:{source}记载共 {Count} 条,数据库中只有 {chainCount} 条。";
        }

        return hashAtCount is not null && Matches(hashAtCount)
            ? null
            : $"第 {Count} 条记录与{source}不符:该处及之前的历史已被改写并重新计算哈希。";
    }

    private static bool IsHex(string s, int length) =>
        s.Length == length && s.All(Uri.IsHexDigit);
}
