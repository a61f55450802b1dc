using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>
/// Migrations are written by hand here (EF Core Design tools cannot be restored), so this guards them:
/// the migrated schema must be exactly the schema the model describes.
/// </summary>
public sealed class SchemaDriftTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-schema-" + Guid.NewGuid().ToString("N"));

    public SchemaDriftTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Migrations_produce_exactly_the_schema_of_the_model()
    {
        var migrated = Path.Combine(_folder, "migrated.db");
        var created = Path.Combine(_folder, "created.db");
        using (var db = Context(migrated))
        {
            db.Database.Migrate();
        }

        using (var db = Context(created))
        {
            db.Database.EnsureCreated();
        }

        var fromMigrations = Describe(migrated);
        var fromModel = Describe(created);

        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "Schema drift between the migrations and the model.\n" +
            "In the model but not produced by the migrations:\n  " + string.Join("\n  ", missing) + "\n" +
            "Produced by the migrations but not in the model:\n  " + string.Join("\n  ", extra));
        Assert.Contains(fromModel, line => line.StartsWith("table Units", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static TrackerDbContext Context(string path)
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(options, path);
        return new TrackerDbContext(options.Options);
    }

    /// <summary>
    /// Tables (without EF's own bookkeeping tables), columns (name, type, not null, primary key position),
    /// foreign keys and indexes, one line each.
    /// </summary>
    private static SortedSet<string> Describe(string path)
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

    private static List<string[]> Query(SqliteConnection connection, string sql)
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
}
