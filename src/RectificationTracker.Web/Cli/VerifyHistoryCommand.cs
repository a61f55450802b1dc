using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Cli;

/// <summary>
/// The outcome of checking the history chain: how many records were read, the first break if any, and
/// the hashes at the positions anchors were asked for.
/// </summary>
public sealed record HistoryVerification(long Checked, ChainBreak? Break, IReadOnlyDictionary<long, string> HashesAt)
{
    public bool Intact => Break is null;
}

/// <summary>
/// <c>verify-history</c>: reads the History table row by row as raw values, so a record altered by hand
/// so that it no longer parses (a timestamp that is not a date, a number that is text, a missing field)
/// is reported as broken by its number, like a changed hash or a missing record, never as a crash.
/// </summary>
public static class VerifyHistoryCommand
{
    private static readonly string Columns = string.Join(", ", new[]
    {
        "Id", "AtUtc", "ActorId", "ActorName", "EntityType", "EntityId", "TaskId", "RoundId", "Action", "FromState", "ToState",
        "Reason", "Details", "PreviousHash", "Hash",
    }.Select(Database.Quote));

    /// <summary>
    /// Checks, in order: the chain itself; the chain against every anchor in the anchor file and against
    /// <paramref name="paperAnchor"/> (a 数据指纹 typed in from a printed report), which catches truncation
    /// and a recomputed chain; the stored tasks against a replay of their history, which catches a state,
    /// closing date or evidence list changed directly in the database. Exit code 2 on any finding.
    /// </summary>
    public static async Task<int> RunAsync(IServiceProvider services, ChainAnchor? paperAnchor = null, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        var anchorFile = services.GetRequiredService<HistoryAnchors>();
        var file = anchorFile.ReadAll();
        var anchors = file.Anchors.Select(a => (Anchor: a, Source: $"外部锚点({a.AtUtc.ToLocalTime():yyyy-MM-dd HH:mm})")).ToList();
        if (paperAnchor is not null)
        {
            anchors.Add((paperAnchor, $"纸面数据指纹 {paperAnchor.Fingerprint}"));
        }

        var result = await VerifyAsync(factory, anchors.Select(a => a.Anchor.Count).ToHashSet(), ct).ConfigureAwait(false);
        if (result.Break is not null)
        {
            await Console.Error.WriteLineAsync($"历史记录哈希链已损坏:{result.Break.Message}(已校验 {result.Checked} 条记录)").ConfigureAwait(false);
            return 2;
        }

        var findings = new List<string>();
        findings.AddRange(file.BadLines.Select(n => $"外部锚点文件第 {n} 行无法读取(锚点文件被改动)。"));
        foreach (var (anchor, source) in anchors)
        {
            if (anchor.Disagreement(result.Checked, result.HashesAt.GetValueOrDefault(anchor.Count), source) is { } disagreement)
            {
                findings.Add(disagreement);
            }
        }

        var replayed = await ReplayAsync(factory, services.GetRequiredService<Infrastructure.Clock>(), findings, ct).ConfigureAwait(false);
        if (findings.Count > 0)
        {
            await Console.Error.WriteLineAsync($"历史记录与外部锚点或当前数据不一致({findings.Count} 处):").ConfigureAwait(false);
            foreach (var finding in findings.Take(100))
            {
                await Console.Error.WriteLineAsync("  " + finding).ConfigureAwait(false);
            }

            if (findings.Count > 100)
            {
                await Console.Error.WriteLineAsync($"  ……另有 {findings.Count - 100} 处").ConfigureAwait(false);
            }

            return 2;
        }

        Console.WriteLine($"历史记录哈希链完整:共 {result.Checked} 条记录,全部校验通过。");
        Console.WriteLine(file.Exists
            ? $"与 {anchors.Count} 个外部锚点一致(锚点文件:{anchorFile.FilePath})。"
            : $"注意:未找到外部锚点文件 {anchorFile.FilePath},无法发现末尾记录被删除或哈希链被整体重算。");
        Console.WriteLine($"{replayed} 项任务的状态、销号日期和材料数量与历史记录相符。");
        return 0;
    }

    /// <summary>Replays each task's history and adds every disagreement with the stored task to <paramref name="findings"/>.</summary>
    private static async Task<int> ReplayAsync(IDbContextFactory<TrackerDbContext> factory, Infrastructure.Clock clock, List<string> findings, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var closed = nameof(Domain.Tasks.TaskState.Closed);
        var histories = new Dictionary<int, TaskHistory>();
        var rows = db.History.AsNoTracking().Where(h => h.TaskId != null).OrderBy(h => h.Id)
            .Select(h => new { TaskId = h.TaskId!.Value, h.Action, h.ToState, h.AtUtc, h.EntityType })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            if (row.EntityType is not (HistoryEntities.Task or HistoryEntities.Evidence))
            {
                continue;
            }

            if (!histories.TryGetValue(row.TaskId, out var history))
            {
                histories[row.TaskId] = history = new TaskHistory();
            }

            history.Apply(row.Action, row.EntityType == HistoryEntities.Task ? row.ToState : null, row.AtUtc, closed);
        }

        var stored = await db.Tasks.AsNoTracking()
            .Select(t => new
            {
                t.Id,
                t.State,
                t.ClosedOn,
                Evidence = t.Evidence.Count,
                LastEvidence = t.Evidence.Max(e => (DateTime?)e.UploadedAtUtc),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        // History times are sealed at the stored precision (microseconds, Database.StoredPrecision); an evidence
        // time is kept to the tick. Compare both at the history's precision: a file uploaded in the same
        // microsecond as the closure is not "after" it.
        findings.AddRange(StateReplay.Disagreements(
            stored.Select(t => new StoredTask(t.Id, t.State.ToString(), t.ClosedOn, t.Evidence,
                t.LastEvidence is { } last ? Database.StoredPrecision(last) : null)),
            histories, closed, clock.LocalDate,
            s => Enum.TryParse<Domain.Tasks.TaskState>(s, out var state) ? Domain.Tasks.TaskNames.DisplayName(state) : s));
        return stored.Count;
    }

    /// <summary>Check the whole chain in sequence order; memory stays flat however long the history is.</summary>
    public static async Task<HistoryVerification> VerifyAsync(IDbContextFactory<TrackerDbContext> factory, CancellationToken ct = default) =>
        await VerifyAsync(factory, new HashSet<long>(), ct).ConfigureAwait(false);

    /// <summary>As above, keeping the hashes of the records at <paramref name="positions"/> (anchors' counts).</summary>
    public static async Task<HistoryVerification> VerifyAsync(IDbContextFactory<TrackerDbContext> factory, IReadOnlySet<long> positions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var hashesAt = new Dictionary<long, string>();
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {Database.Quote("History")} ORDER BY {Database.Quote("Id")}";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var cursor = new ChainCursor();
        long read = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new RowReader(reader, cursor.ExpectedId);
            var entry = row.Entry();
            var broken = row.Problem is { } problem ? new ChainBreak(row.Id, problem) : cursor.Next(entry);
            if (broken is not null)
            {
                return new HistoryVerification(read, broken, hashesAt);
            }

            read++;
            if (positions.Contains(entry.Id))
            {
                hashesAt[entry.Id] = entry.Hash;
            }
        }

        return new HistoryVerification(read, null, hashesAt);
    }

    /// <summary>One row's values, each checked; the first value that does not parse is the row's <see cref="Problem"/>.</summary>
    private sealed class RowReader(DbDataReader reader, long expectedId)
    {
        public long Id { get; private set; } = expectedId;

        public string? Problem { get; private set; }

        public HistoryEntry Entry()
        {
            var id = reader.GetValue(0);
            if (id is long number)
            {
                Id = number;
            }
            else
            {
                Problem = $"第 {Id} 条记录的编号无法读取(值为“{Shown(id)}”)。";
            }

            return new HistoryEntry
            {
                Id = Id,
                AtUtc = Instant(1, "时间"),
                ActorId = Text(2, "操作人编号"),
                ActorName = Text(3, "操作人"),
                EntityType = Text(4, "对象类型"),
                EntityId = Number(5, "对象编号"),
                TaskId = Number(6, "任务编号"),
                RoundId = Number(7, "轮次编号"),
                Action = Text(8, "操作"),
                FromState = OptionalText(9, "原状态"),
                ToState = OptionalText(10, "新状态"),
                Reason = OptionalText(11, "理由"),
                Details = OptionalText(12, "详情"),
                PreviousHash = Text(13, "前序哈希"),
                Hash = Text(14, "哈希"),
            };
        }

        private DateTime Instant(int ordinal, string field)
        {
            var value = reader.GetValue(ordinal);
            // SQLite keeps the time as text; PostgreSQL as timestamptz, read back as a UTC DateTime.
            if (value is string text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return at;
            }

            if (value is DateTime stored)
            {
                return stored;
            }

            Fail(field, value, "有效的时间");
            return default;
        }

        private string Text(int ordinal, string field) => OptionalText(ordinal, field) ?? Missing(field);

        private string? OptionalText(int ordinal, string field)
        {
            var value = reader.GetValue(ordinal);
            switch (value)
            {
                case DBNull:
                    return null;
                case string text:
                    return text;
                default:
                    Fail(field, value, "文本");
                    return null;
            }
        }

        private int? Number(int ordinal, string field)
        {
            var value = reader.GetValue(ordinal);
            switch (value)
            {
                case DBNull:
                    return null;
                case long n when n is >= int.MinValue and <= int.MaxValue:
                    return (int)n;
                case int n:
                    return n;
                default:
                    Fail(field, value, "整数");
                    return null;
            }
        }

        private string Missing(string field)
        {
            Problem ??= $"第 {Id} 条记录缺少“{field}”。";
            return "";
        }

        private void Fail(string field, object value, string expected) =>
            Problem ??= $"第 {Id} 条记录无法读取:“{field}”的值“{Shown(value)}”不是{expected}。";

        private static string Shown(object value) => value switch
        {
            DBNull => "(空)",
            byte[] bytes => $"{bytes.Length} 字节的二进制数据",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
