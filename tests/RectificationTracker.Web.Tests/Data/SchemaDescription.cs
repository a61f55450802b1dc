using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>A SQLite database's schema and row counts, one comparable line each.</summary>
internal static class SchemaDescription
{
    /// <summary>
    /// Tables (without EF's own bookkeeping tables), columns (name, type, not null, primary key position),
    /// foreign keys and indexes, one line each.
    /// </summary>
    public static SortedSet<string> Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var tables = Query(connection,
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('__EFMigrationsHistory', '__EFMigrationsLock')")
            .Select(r => r[0]).ToList();
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            foreach (var c in Query(connection, $"pragma table_info('{table}')"))
            {
                // cid, name, type, notnull, dflt_value, pk
                lines.Add($"column {table}.{c[1]} type={c[2]} notnull={c[3]} pk={c[5]}");
            }

            foreach (var fk in Query(connection, $"pragma foreign_key_list('{table}')"))
            {
                // id, seq, table, from, to, on_update, on_delete, match
                lines.Add($"fk {table}.{fk[3]} -> {fk[2]}.{fk[4]} seq={fk[1]} on_update={fk[5]} on_delete={fk[6]}");
            }

            foreach (var index in Query(connection, $"pragma index_list('{table}')"))
            {
                // seq, name, unique, origin, partial
                var columns = Query(connection, $"pragma index_info('{index[1]}')").OrderBy(r => int.Parse(r[0], CultureInfo.InvariantCulture)).Select(r => r[2]);
                var sql = Query(connection, $"select sql from sqlite_master where type = 'index' and name = '{index[1]}'").FirstOrDefault()?[0];
                lines.Add($"index {table}.{index[1]} unique={index[2]} origin={index[3]} partial={index[4]} columns=({string.Join(",", columns)}) sql={sql}");
            }
        }

        return lines;
    }

    public static List<string[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table and index names come from sqlite_master of a database this test created
        command.CommandText = sql;
#pragma warning restore CA2100
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Rows in every table (EF's bookkeeping included), as "table=count".</summary>
    public static SortedSet<string> RowCounts(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var tables = Query(connection, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").Select(r => r[0]).ToList();
        return new SortedSet<string>(tables.Select(t => $"{t}={Query(connection, $"select count(*) from \"{t}\"")[0][0]}"), StringComparer.Ordinal);
    }
}
