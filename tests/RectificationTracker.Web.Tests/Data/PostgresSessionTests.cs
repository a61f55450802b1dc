using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>
/// The app's PostgreSQL sessions (the server of TRACKER_TEST_PG, which scripts/test.sh starts for both runs; run once,
/// in the SQLite run): JIT compilation is off, since it cost seconds per scoped query at 1,000,000 tasks
/// (docs/adr/0012), unless the operator's connection string chooses otherwise.
/// </summary>
[Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
public sealed class PostgresSessionTests
{
    [Fact]
    public async Task The_apps_sessions_run_without_JIT_unless_the_connection_string_sets_it()
    {
        Assert.Equal("off", await JitAsync(TestDatabase.ServerConnectionString));
        Assert.Equal("off", await JitAsync(TestDatabase.ServerConnectionString + ";Options=-c statement_timeout=600000"));
        Assert.Equal("on", await JitAsync(TestDatabase.ServerConnectionString + ";Options=-c jit=on"));
    }

    private static async Task<string> JitAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.ConfigurePostgres(options, connectionString);
        await using var db = new PostgresTrackerDbContext(options.Options);
        return await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync();
    }
}
