using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace RectificationTracker.Web.Data;

/// <summary>
/// PostgreSQL-specific code of <c>copy-to-postgres</c> (provider-specific code lives in Data/Providers,
/// docs/adr/0012): which tables the target already has, rows streamed in with the binary COPY protocol on the
/// connection of the copy's open transaction, and identity sequences continued after ids copied explicitly.
/// </summary>
internal static class PostgresCopyTarget
{
    /// <summary>The tables of the connection's current schema.</summary>
    public static async Task<HashSet<string>> TableNamesAsync(TrackerDbContext db, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
            .ToListAsync(ct).ConfigureAwait(false))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Streams <paramref name="rows"/> into <paramref name="table"/> with <c>COPY … FROM STDIN (FORMAT BINARY)</c> on the
    /// target context's connection, inside its open transaction (commit or rollback is the caller's). Each value is
    /// read by its column's <see cref="CopyColumn.Read"/> (the model's conversions already applied) and written as the
    /// column's PostgreSQL type, so ids, times (timestamptz, UTC), dates, numerics and texts arrive exactly as stored.
    /// Foreign keys and indexes stay in force: PostgreSQL checks every row as it would for INSERTs.
    /// </summary>
    /// <returns>The number of rows the server reports copied.</returns>
    public static async Task<long> CopyRowsAsync(
        TrackerDbContext target, string table, IReadOnlyList<CopyColumn> columns, DbDataReader rows, Action<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (target.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The copy runs inside the target's open transaction.");
        }

        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        var types = columns.Select(c => DbTypeOf(c.StoreType)).ToArray();
        // Names come from the EF model, never from input.
        var copy = "COPY " + Database.Quote(table) + " (" + string.Join(", ", columns.Select(c => Database.Quote(c.Name)))
            + ") FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct).ConfigureAwait(false);
        // Per network write and for the server's final checks of a large table: longer than a command's 60 s.
        importer.Timeout = TimeSpan.FromHours(1);
        long count = 0;
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            await importer.StartRowAsync(ct).ConfigureAwait(false);
            for (var i = 0; i < types.Length; i++)
            {
                var value = columns[i].Read(rows, i);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteAsync(value, types[i], ct).ConfigureAwait(false);
                }
            }

            if (++count % ProgressEvery == 0)
            {
                progress?.Invoke(count);
            }
        }

        var copied = (long)await importer.CompleteAsync(ct).ConfigureAwait(false);
        return copied == count
            ? copied
            : throw new InvalidOperationException($"{table}: {count} rows sent, the server copied {copied}.");
    }

    /// <summary>How often (in rows) <see cref="CopyRowsAsync"/> reports progress.</summary>
    public const int ProgressEvery = 100_000;

    /// <summary>The wire type of a column of the PostgreSQL model (its store type without length or precision).</summary>
    internal static NpgsqlDbType DbTypeOf(string storeType)
    {
        ArgumentNullException.ThrowIfNull(storeType);
        var paren = storeType.IndexOf('(', StringComparison.Ordinal);
        var name = (paren < 0 ? storeType : storeType[..paren]).Trim();
        return name switch
        {
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "smallint" => NpgsqlDbType.Smallint,
            "boolean" => NpgsqlDbType.Boolean,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "character" => NpgsqlDbType.Char,
            "numeric" => NpgsqlDbType.Numeric,
            "double precision" => NpgsqlDbType.Double,
            "real" => NpgsqlDbType.Real,
            "date" => NpgsqlDbType.Date,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "timestamp without time zone" => NpgsqlDbType.Timestamp,
            "time without time zone" => NpgsqlDbType.Time,
            "interval" => NpgsqlDbType.Interval,
            "uuid" => NpgsqlDbType.Uuid,
            "bytea" => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"copy-to-postgres does not know the column type '{storeType}' yet (Data/Providers/PostgresCopyTarget)."),
        };
    }

    /// <summary>
    /// Rows copied with their ids leave an identity column's sequence at its start; the next insert would collide.
    /// Move the sequence (if the column has one) to continue after the largest id.
    /// </summary>
    public static Task ContinueIdentityAfterMaxAsync(TrackerDbContext db, string table, string column, CancellationToken ct)
    {
        // Names come from the EF model, never from input; the sequence's name is looked up by PostgreSQL.
        var quotedTable = Database.Quote(table);
        var sql = "SELECT setval(s.seq, COALESCE((SELECT MAX(" + Database.Quote(column) + ") FROM " + quotedTable + "), 0) + 1, false) "
            + "FROM (SELECT pg_get_serial_sequence({0}, {1}) AS seq) s WHERE s.seq IS NOT NULL";
        return db.Database.ExecuteSqlRawAsync(sql, [quotedTable, column], ct);
    }
}

/// <summary>
/// One column of a copied table: its name and PostgreSQL store type on the target, and how its value is read from
/// the source row (the value the target's provider writes, or null).
/// </summary>
internal sealed record CopyColumn(string Name, string StoreType, Func<DbDataReader, int, object?> Read);
