using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RectificationTracker.Web.Data;

/// <summary>
/// THE place for provider-specific code and SQL (docs/adr/0012): which provider, how it is configured,
/// the history chain's lock, the journal mode and the facts /healthz reports. Everything else in the app
/// is provider-neutral LINQ. SQLite's journal mode and synchronous setting: docs/adr/0004.
/// </summary>
public static class Database
{
    public const string JournalMode = "wal";

    /// <summary>
    /// The key of the transaction-scoped advisory lock that serialises history-chain appends on PostgreSQL
    /// (any fixed number; "RTHIST" in ASCII).
    /// </summary>
    public const long HistoryChainLockKey = 0x525448495354;

    /// <summary>SQLite at <paramref name="databasePath"/> (the default provider; also used directly by tests).</summary>
    public static void Configure(DbContextOptionsBuilder options, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var csb = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        };
        options.UseSqlite(csb.ToString());
    }

    /// <summary>The configured provider: SQLite in the data folder, or PostgreSQL at <c>ConnectionStrings:Tracker</c>.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            ConfigurePostgres(options, settings.ConnectionString);
        }
        else
        {
            Configure(options, settings.SqlitePath);
        }
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(WithSessionSettings(connectionString), npgsql => npgsql.CommandTimeout(60))
            .AddInterceptors(PostgresWriteLock.Instance);
    }

    /// <summary>
    /// How long one statement of a migration may run. A request's statements get 60 s (PostgreSQL) or 30 s (SQLite), but a
    /// migration that fills a new column or builds an index over a million tasks takes minutes (LedgerOrderIndexes: its
    /// UPDATE alone ran past 60 s on PostgreSQL at 1,000,000 tasks and stopped the app's start).
    /// </summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(2);

    /// <summary>
    /// The settings the app's PostgreSQL sessions run with (<c>-c name=value</c> in the connection's <c>Options</c>); an
    /// operator's connection string that sets one of them in its own <c>Options</c> keeps its value.
    /// <list type="bullet">
    /// <item><c>jit=off</c>. The read scope's OR of id subqueries (<c>TaskScoping</c>) is costed at millions though it
    /// runs in milliseconds, so every scoped query crossed <c>jit_above_cost</c> and was compiled with inlining and
    /// optimisation: 0.7–2 s per query at 1,000,000 tasks for a page that runs in 5 ms (docs/adr/0012, fourth pass).</item>
    /// <item><c>work_mem=32MB</c>. The read scope's cooperating-unit arm (<c>Id IN (tasks of cooperating units under
    /// the path)</c>) is hashed once only when the planner expects its rows to fit in <c>work_mem</c> × 2; with the server's
    /// 4 MB default an office's scope at 1,000,000 tasks (457,000 cooperating rows, ~15 MB) is not, and the planner
    /// costs it as a rescan per task: billions, which made it choose full parallel scans for a round's count
    /// (660 ms instead of 5 ms) and the dashboard's heap scans (docs/adr/0012, sixth pass). 32 MB hashes it up to about
    /// 2,000,000 cooperating rows. A query takes it per sort or hash step, so this is a few such steps per request.</item>
    /// </list>
    /// </summary>
    internal static string WithSessionSettings(string connectionString)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var options = csb.Options ?? "";
        foreach (var (name, value) in SessionSettings)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(options, $@"(^|\s)(-c\s*|--){name}\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                options = (options.Length == 0 ? "" : options + " ") + $"-c {name}={value}";
            }
        }

        csb.Options = options;
        return csb.ConnectionString;
    }

    private static readonly (string Name, string Value)[] SessionSettings = [("jit", "off"), ("work_mem", "32MB")];

    /// <summary>A context of the right type for the provider: each has its own migrations set.</summary>
    public static TrackerDbContext CreateContext(DbContextOptions<TrackerDbContext> options, DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? new PostgresTrackerDbContext(options) : new TrackerDbContext(options);

    public static DatabaseProvider ProviderOf(TrackerDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
    }

    /// <summary>
    /// Inside the caller's write transaction, make this the only transaction that may append to the history
    /// chain until it ends. SQLite: the transaction was begun IMMEDIATE and already holds the database's only
    /// write lock. PostgreSQL: a transaction-scoped advisory lock, released by commit or rollback, which
    /// excludes appenders in every process and on every app instance.
    /// </summary>
    public static async Task LockHistoryChainAsync(TrackerDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ct.ThrowIfCancellationRequested();
        if (ProviderOf(db) == DatabaseProvider.Postgres)
        {
            if (db.Database.CurrentTransaction is null)
            {
                throw new InvalidOperationException("The history chain lock needs a transaction.");
            }

            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({HistoryChainLockKey})", ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The resolution the provider stores a timestamp with: PostgreSQL keeps microseconds, SQLite (text)
    /// every tick. A history record's time is cut to it before it is hashed, so the hash survives the round trip.
    /// </summary>
    public static DateTime StoredPrecision(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), value.Kind);

    /// <summary>SQLite: put the database in the chosen journal mode (it persists in the file) and report it. PostgreSQL: nothing to do.</summary>
    public static async Task<string> ApplyJournalModeAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ProviderOf(db) == DatabaseProvider.Sqlite
            ? await ScalarAsync(db, $"PRAGMA journal_mode={JournalMode};", ct).ConfigureAwait(false)
            : "n/a";
    }

    /// <summary>
    /// SQLite: refresh the query planner's statistics (<c>PRAGMA optimize</c>: ANALYZE for the tables never
    /// analysed or whose size changed a lot since the last run). Without them SQLite
    /// cannot tell a broad read scope (an office at the top: every task) from a narrow one (a unit) and reads a
    /// whole-scope ledger through five index lookups per task instead of one pass (issue 14: a count 2.9 s against 0.3 s
    /// at 1,000,000 tasks). PostgreSQL: nothing to do (autovacuum analyses its tables).
    /// </summary>
    public static async Task OptimizeAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ProviderOf(db) == DatabaseProvider.Sqlite)
        {
            // Full statistics, not sampled ones (analysis_limit): sampled estimates still chose the five index lookups.
            // A first run over 1,000,000 tasks and 4.3 million history records takes ~2.5 s; later runs skip tables
            // whose size has not changed much.
            await ScalarAsync(db, "PRAGMA optimize=0x10002;", ct).ConfigureAwait(false);
        }
    }

    /// <summary>What /healthz reports to an administrator: the provider, its version and (SQLite) the journal settings.</summary>
    public static async Task<DatabaseFacts> ReadFactsAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ProviderOf(db) == DatabaseProvider.Postgres)
        {
            var server = await ScalarAsync(db, "SHOW server_version;", ct).ConfigureAwait(false);
            return new DatabaseFacts(DatabaseProvider.Postgres, server, null, null);
        }

        var version = await ScalarAsync(db, "select sqlite_version();", ct).ConfigureAwait(false);
        var mode = await ScalarAsync(db, "PRAGMA journal_mode;", ct).ConfigureAwait(false);
        var sync = await ScalarAsync(db, "PRAGMA synchronous;", ct).ConfigureAwait(false);
        return new DatabaseFacts(DatabaseProvider.Sqlite, version, mode, sync switch { "0" => "OFF", "1" => "NORMAL", "2" => "FULL", "3" => "EXTRA", _ => sync });
    }

    /// <summary>A table or column name quoted for raw SQL (both providers accept double quotes; PostgreSQL needs them for mixed case).</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static async Task<string> ScalarAsync(TrackerDbContext db, string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = false;
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            opened = true;
        }

        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// PostgreSQL: every transaction the app begins takes the history chain's advisory lock first, so write
/// transactions follow one another as on SQLite (where every transaction begins IMMEDIATE and holds the one
/// write lock): a use case reads, decides and writes with no other writer in between, on any instance, and
/// no two transactions can wait for each other's rows and the lock in opposite order. Reads outside a
/// transaction never wait (MVCC).
/// </summary>
internal sealed class PostgresWriteLock : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public static readonly PostgresWriteLock Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = Command(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Command(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({Database.HistoryChainLockKey})";
        return command;
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <c>Tracker:Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) and, for PostgreSQL,
/// <c>ConnectionStrings:Tracker</c>. SQLite's file is <c>tracker.db</c> in <c>Tracker:DataDirectory</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string SqlitePath)
{
    public static DatabaseSettings From(IConfiguration configuration, Infrastructure.TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var name = configuration["Tracker:Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(name) || name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Postgres;
        }
        else
        {
            throw new InvalidOperationException($"配置 Tracker:Database:Provider 的值“{name}”无效:应为 Sqlite 或 Postgres。");
        }

        var connectionString = configuration.GetConnectionString("Tracker") ?? "";
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("使用 PostgreSQL 时须配置连接字符串 ConnectionStrings:Tracker(如 Host=127.0.0.1;Database=tracker;Username=tracker;Password=…)。");
        }

        return new DatabaseSettings(provider, connectionString, options.DatabasePath);
    }

    /// <summary>For logs and messages: the SQLite file, or the server and database without the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return SqlitePath;
        }

        var csb = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {csb.Host}:{csb.Port}/{csb.Database}";
    }
}

public sealed record DatabaseFacts(DatabaseProvider Provider, string Version, string? JournalMode, string? Synchronous);

/// <summary>Creates the context type of the configured provider (each provider has its own migrations set).</summary>
public sealed class TrackerDbContextFactory(DbContextOptions<TrackerDbContext> options, DatabaseSettings settings) : IDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext() => Database.CreateContext(options, settings.Provider);
}
