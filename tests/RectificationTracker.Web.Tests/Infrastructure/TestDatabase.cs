using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Tests.Infrastructure;

/// <summary>
/// The database a test runs on: SQLite in its data folder (default), or a fresh PostgreSQL database of its
/// own when <c>TRACKER_TEST_PROVIDER=Postgres</c> (scripts/test.sh runs the suite both ways). The server is
/// reached with <c>TRACKER_TEST_PG</c>, a role that may create databases; each database is dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(string dataDirectory, string? databaseName)
    {
        DataDirectory = dataDirectory;
        DatabaseName = databaseName;
    }

    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("TRACKER_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>A role that may create databases (scripts/common.sh ensure_postgres makes tracker_test).</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("TRACKER_TEST_PG") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=5432;Username=tracker_test;Password=tracker_test;Database=postgres";

    public string DataDirectory { get; }

    public string? DatabaseName { get; }

    public DatabaseSettings Settings => DatabaseName is null
        ? new DatabaseSettings(DatabaseProvider.Sqlite, "", Path.Combine(Path.GetFullPath(DataDirectory), "tracker.db"))
        : new DatabaseSettings(DatabaseProvider.Postgres, ConnectionStringFor(DatabaseName), "");

    /// <summary>Host settings (as for UseSetting / in-memory configuration) that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string> HostSettings => DatabaseName is null
        ? new Dictionary<string, string> { ["Tracker:DataDirectory"] = DataDirectory }
        : new Dictionary<string, string>
        {
            ["Tracker:DataDirectory"] = DataDirectory,
            ["Tracker:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Tracker"] = Settings.ConnectionString,
        };

    /// <summary>The same as operator-command overrides (<c>--Tracker:DataDirectory=…</c>).</summary>
    public string[] CommandSettings => HostSettings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    /// <summary>A database for <paramref name="dataDirectory"/> (evidence, anchors and, on SQLite, tracker.db live there).</summary>
    public static TestDatabase Create(string dataDirectory, DatabaseProvider? provider = null)
    {
        if ((provider ?? Provider) == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(dataDirectory, null);
        }

        var name = "rt_test_" + Guid.NewGuid().ToString("N")[..16];
        CreatePostgresDatabase(name);
        return new TestDatabase(dataDirectory, name);
    }

    public static void CreatePostgresDatabase(string name)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // Code-point order for text (as SQLite's BINARY collation), whatever the cluster's default locale.
        command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'";
        command.ExecuteNonQuery();
    }

    public static void DropPostgresDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    /// <summary>A context over this database, configured as the app configures it.</summary>
    public TrackerDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(options, Settings);
        return Database.CreateContext(options.Options, Settings.Provider);
    }

    public IDbContextFactory<TrackerDbContext> Factory() => new ContextFactory(this);

    public void Dispose()
    {
        if (DatabaseName is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        try
        {
            DropPostgresDatabase(DatabaseName);
        }
        catch (NpgsqlException)
        {
            // A database left behind on a test server is not worth failing the run for.
        }
    }

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<TrackerDbContext>
    {
        public TrackerDbContext CreateDbContext() => database.CreateContext();
    }
}

/// <summary>Raw SQL that tests use to make the database refuse a history record, in each provider's dialect.</summary>
public static class TestSql
{
    /// <summary>
    /// A trigger that refuses inserting a history record when <paramref name="condition"/> holds; the condition
    /// quotes identifiers ("History", NEW."Details") so it reads the same in SQLite and PostgreSQL.
    /// </summary>
    public static string RefuseHistory(string name, string condition) => TestDatabase.IsPostgres
        ? $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF {condition} THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; "
          + $"CREATE TRIGGER {name} BEFORE INSERT ON \"History\" FOR EACH ROW EXECUTE FUNCTION {name}();"
        : $"CREATE TRIGGER {name} BEFORE INSERT ON \"History\" WHEN {condition} BEGIN SELECT RAISE(ABORT, 'refused'); END;";

    public static string DropTrigger(string name) => TestDatabase.IsPostgres
        ? $"DROP TRIGGER {name} ON \"History\"; DROP FUNCTION {name}();"
        : $"DROP TRIGGER {name};";
}

/// <summary>Tests bound to SQLite's file (its upgrade fixture, several processes on one file, raw SQLite edits): not run on PostgreSQL.</summary>
public static class ProviderTraits
{
    public const string Name = "Provider";
    public const string SqliteOnly = "SqliteOnly";
}
