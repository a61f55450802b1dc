using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Cli;

/// <summary>The outcome of checking the history chain: how many records were read, and the first break if any.</summary>
public sealed record HistoryVerification(long Checked, ChainBreak? Break)
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
    private const string Columns =
        "Id, AtUtc, ActorId, ActorName, EntityType, EntityId, TaskId, RoundId, Action, FromState, ToState, Reason, Details, PreviousHash, Hash";

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        var result = await VerifyAsync(factory, ct).ConfigureAwait(false);
        if (result.Break is null)
        {
            Console.WriteLine($"历史记录哈希链完整:共 {result.Checked} 条记录,全部校验通过。");
            return 0;
        }

        await Console.Error.WriteLineAsync($"历史记录哈希链已损坏:{result.Break.Message}(已校验 {result.Checked} 条记录)").ConfigureAwait(false);
        return 2;
    }

    /// <summary>Check the whole chain in sequence order; memory stays flat however long the history is.</summary>
    public static async Task<HistoryVerification> VerifyAsync(IDbContextFactory<TrackerDbContext> factory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM History ORDER BY Id";
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
                return new HistoryVerification(read, broken);
            }

            read++;
        }

        return new HistoryVerification(read, null);
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
            if (value is string text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return at;
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
