using Microsoft.EntityFrameworkCore;

namespace RectificationTracker.Web.Data;

/// <summary>
/// PostgreSQL-specific SQL of <c>copy-to-postgres</c> (provider-specific code lives in Data/Providers,
/// docs/adr/0012): which tables the target already has, and identity sequences continued after ids copied explicitly.
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
