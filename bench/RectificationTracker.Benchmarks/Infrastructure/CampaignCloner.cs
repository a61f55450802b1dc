using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Benchmarks.Infrastructure;

/// <summary>
/// Grows a SQLite benchmark database by copying its campaigns (rounds with their aspects, problems, tasks,
/// progress, applications, evidence rows, urgings and history) <c>copies</c> more times in SQL, with every id
/// and foreign key shifted, then seals the copied history records onto the chain as the app would
/// (<see cref="HistoryChain.Seal"/>), so <c>verify-history</c> passes on the result. The generator makes
/// ~60 realistic tasks a second on this machine (hours for 1,000,000); copying takes minutes.
/// Benchmark tooling only: SQLite SQL, never used by the app.
/// </summary>
public static class CampaignCloner
{
    /// <summary>Copied in this order (parents first); every other table (units, users, …) is shared.</summary>
    private static readonly string[] Tables =
    [
        "Rounds", "RoundInspectedUnits", "Aspects", "Problems", "Tasks", "TaskCooperatingUnits", "ProgressUpdates",
        "ClosureApplications", "EvidenceFiles", "ApplicationEvidence", "Urgings", "History",
    ];

    /// <summary>History.EntityId by EntityType: the table whose ids it names.</summary>
    private static readonly Dictionary<string, string> EntityTables = new(StringComparer.Ordinal)
    {
        ["Task"] = "Tasks", ["Round"] = "Rounds", ["Problem"] = "Problems", ["Aspect"] = "Aspects", ["Evidence"] = "EvidenceFiles",
    };

    public static async Task CloneAsync(string databasePath, int copies, IDbContextFactory<TrackerDbContext> dbFactory)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long historyBefore;
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await ExecAsync(connection, "PRAGMA foreign_keys = OFF");
            var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in Tables)
            {
                if (await HasIdAsync(connection, table))
                {
                    offsets[table] = await ScalarAsync(connection, $"SELECT COALESCE(MAX(Id), 0) FROM \"{table}\"");
                }
            }

            historyBefore = offsets["History"];
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            for (var copy = 1; copy <= copies; copy++)
            {
                foreach (var table in Tables)
                {
                    var sql = await InsertSqlAsync(connection, table, copy, offsets);
                    await ExecAsync(connection, sql, tx);
                }

                Console.WriteLine($"// cloned campaigns, copy {copy} of {copies} ({watch.Elapsed.TotalSeconds:F0} s)");
            }

            await tx.CommitAsync();
            await ExecAsync(connection, "PRAGMA foreign_keys = ON");
        }

        await SealAsync(databasePath, historyBefore, dbFactory);
        Console.WriteLine($"// cloned {copies}× and sealed the history in {watch.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<string> InsertSqlAsync(SqliteConnection connection, string table, int copy, Dictionary<string, long> offsets)
    {
        var columns = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{table}')";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                references[reader.GetString(0)] = reader.GetString(1);
            }
        }

        // History has no foreign keys: its task and round columns are plain ids.
        if (table == "History")
        {
            references["TaskId"] = "Tasks";
            references["RoundId"] = "Rounds";
        }

        string Shift(string column, string target) => offsets.TryGetValue(target, out var off)
            ? $"\"{column}\" + {(off * copy).ToString(CultureInfo.InvariantCulture)}"
            : $"\"{column}\"";

        var select = new StringBuilder();
        foreach (var column in columns)
        {
            select.Append(select.Length == 0 ? "" : ", ");
            if (column == "Id" && offsets.ContainsKey(table))
            {
                select.Append(Shift("Id", table));
            }
            else if (references.TryGetValue(column, out var target))
            {
                select.Append(Shift(column, target));
            }
            else if (table == "History" && column == "EntityId")
            {
                select.Append("CASE \"EntityType\"");
                foreach (var (type, entityTable) in EntityTables)
                {
                    select.Append(CultureInfo.InvariantCulture, $" WHEN '{type}' THEN {Shift("EntityId", entityTable)}");
                }

                select.Append(" ELSE \"EntityId\" END");
            }
            else if (table == "Rounds" && column == "Name")
            {
                select.Append(CultureInfo.InvariantCulture, $"\"Name\" || '(批{copy + 1})'");
            }
            else
            {
                select.Append('"').Append(column).Append('"');
            }
        }

        var where = offsets.TryGetValue(table, out var max) ? $" WHERE Id <= {max.ToString(CultureInfo.InvariantCulture)}" : "";
        // Link tables: only the original rows (their parents' ids are at most the parents' original maximum).
        if (!offsets.ContainsKey(table))
        {
            var first = references.First(r => offsets.ContainsKey(r.Value));
            where = $" WHERE \"{first.Key}\" <= {offsets[first.Value].ToString(CultureInfo.InvariantCulture)}";
        }

        var order = table == "History" ? " ORDER BY Id" : "";
        return $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => '"' + c + '"'))}) SELECT {select} FROM \"{table}\"{where}{order}";
    }

    /// <summary>
    /// Benchmark databases built before history times were cut to microseconds (the PostgreSQL release) hold
    /// records with finer times, which <c>copy-to-postgres</c> rightly refuses. For benchmark data only: cut
    /// those times to microseconds and re-seal the chain from the first such record.
    /// </summary>
    public static async Task CoarsenHistoryTimesAsync(string databasePath, IDbContextFactory<TrackerDbContext> dbFactory)
    {
        long first;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var fine = await db.History.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.Id, h.AtUtc }).AsAsyncEnumerable()
                .FirstOrDefaultAsync(h => h.AtUtc != Database.StoredPrecision(h.AtUtc));
            if (fine is null)
            {
                return;
            }

            first = fine.Id;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await SealAsync(databasePath, first - 1, dbFactory, coarsen: true);
        Console.WriteLine($"// history times cut to microseconds and re-sealed from record {first} in {watch.Elapsed.TotalSeconds:F0} s (benchmark data)");
    }

    /// <summary>Seals every history record after <paramref name="after"/> onto the chain, in id order, as the app does.</summary>
    private static async Task SealAsync(string databasePath, long after, IDbContextFactory<TrackerDbContext> dbFactory, bool coarsen = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var previous = await db.History.AsNoTracking().Where(h => h.Id <= after).OrderByDescending(h => h.Id)
            .Select(h => new { h.Id, h.Hash }).FirstAsync();
        long previousId = previous.Id;
        var previousHash = previous.Hash;
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var update = connection.CreateCommand();
        update.Transaction = tx;
        update.CommandText = coarsen
            ? "UPDATE History SET PreviousHash = $p, Hash = $h, AtUtc = $at WHERE Id = $id"
            : "UPDATE History SET PreviousHash = $p, Hash = $h WHERE Id = $id";
        var at = coarsen ? update.Parameters.Add("$at", SqliteType.Text) : null;
        var p = update.Parameters.Add("$p", SqliteType.Text);
        var h = update.Parameters.Add("$h", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        const int batch = 20_000;
        while (true)
        {
            var from = previousId;
            var entries = await db.History.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id).Take(batch).ToListAsync();
            if (entries.Count == 0)
            {
                break;
            }

            foreach (var entry in entries)
            {
                var own = entry.Id;
                if (coarsen)
                {
                    entry.AtUtc = Database.StoredPrecision(entry.AtUtc);
                    at!.Value = entry.AtUtc;
                }

                HistoryChain.Seal(entry, previousId, previousHash);
                if (entry.Id != own)
                {
                    throw new InvalidOperationException($"History ids are not consecutive at {own} (sealed as {entry.Id}).");
                }

                p.Value = entry.PreviousHash;
                h.Value = entry.Hash;
                id.Value = own;
                await update.ExecuteNonQueryAsync();
                previousId = entry.Id;
                previousHash = entry.Hash;
            }
        }

        await tx.CommitAsync();
    }

    private static async Task<bool> HasIdAsync(SqliteConnection connection, string table) =>
        await ScalarAsync(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = 'Id'") > 0;

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }
}
