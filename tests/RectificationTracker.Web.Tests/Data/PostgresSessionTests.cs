using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>
/// The app's PostgreSQL sessions (the server of TRACKER_TEST_PG, which scripts/test.sh starts for both runs; run once,
/// in the SQLite run): JIT compilation is off, since it cost seconds per scoped query at 1,000,000 tasks, and work_mem
/// is large enough for the read scope's subquery to be hashed (docs/adr/0012), unless the operator's connection string
/// chooses otherwise.
/// </summary>
[Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
public sealed class PostgresSessionTests
{
    [Fact]
    public async Task The_apps_sessions_run_without_JIT_unless_the_connection_string_sets_it()
    {
        Assert.Equal("off", await SettingAsync(TestDatabase.ServerConnectionString, "jit"));
        Assert.Equal("off", await SettingAsync(TestDatabase.ServerConnectionString + ";Options=-c statement_timeout=600000", "jit"));
        Assert.Equal("on", await SettingAsync(TestDatabase.ServerConnectionString + ";Options=-c jit=on", "jit"));
    }

    [Fact]
    public async Task The_apps_sessions_have_32MB_of_work_memory_unless_the_connection_string_sets_it()
    {
        Assert.Equal("32MB", await SettingAsync(TestDatabase.ServerConnectionString, "work_mem"));
        Assert.Equal("32MB", await SettingAsync(TestDatabase.ServerConnectionString + ";Options=-c jit=on", "work_mem"));
        Assert.Equal("8MB", await SettingAsync(TestDatabase.ServerConnectionString + ";Options=-c work_mem=8MB", "work_mem"));
        Assert.Equal("off", await SettingAsync(TestDatabase.ServerConnectionString + ";Options=-c work_mem=8MB", "jit"));
    }

    private static async Task<string> SettingAsync(string connectionString, string name)
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.ConfigurePostgres(options, connectionString);
        await using var db = new PostgresTrackerDbContext(options.Options);
        return await db.Database.SqlQueryRaw<string>("SELECT current_setting({0}) AS \"Value\"", name).SingleAsync();
    }
}
