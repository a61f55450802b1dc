using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RectificationTracker.Web.Data;

/// <summary>
/// Everything SQLite-specific lives here, so a server database stays a provider switch.
/// Journal mode and synchronous setting: see docs/adr/0004-sqlite-journal-mode.md.
/// </summary>
public static class Database
{
    public const string JournalMode = "wal";

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

    /// <summary>Put the database in the chosen journal mode (it persists in the file) and report it.</summary>
    public static async Task<string> ApplyJournalModeAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await ScalarAsync(db, $"PRAGMA journal_mode={JournalMode};", ct).ConfigureAwait(false);
    }

    public static async Task<SqliteFacts> ReadFactsAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await ScalarAsync(db, "select sqlite_version();", ct).ConfigureAwait(false);
        var mode = await ScalarAsync(db, "PRAGMA journal_mode;", ct).ConfigureAwait(false);
        var sync = await ScalarAsync(db, "PRAGMA synchronous;", ct).ConfigureAwait(false);
        return new SqliteFacts(version, mode, sync switch { "0" => "OFF", "1" => "NORMAL", "2" => "FULL", "3" => "EXTRA", _ => sync });
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
            await using var command = connection.CreateCommand();
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

public sealed record SqliteFacts(string Version, string JournalMode, string Synchronous);
