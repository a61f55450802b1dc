using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>The hash chain over the History table, as the <c>verify-history</c> command checks it.</summary>
public sealed class HistoryChainDatabaseTests : IDisposable
{
    private static readonly Actor Admin = new("admin-id", "系统管理员", new HashSet<Role> { Role.Admin }, 1, "/1/");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-history-" + Guid.NewGuid().ToString("N"));

    public HistoryChainDatabaseTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "tracker.db");

    [Fact]
    public async Task Tampering_with_a_history_row_is_detected()
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
            var now = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 3; i++)
            {
                db.History.Add(HistoryEntry.For("Unit", i + 1, Admin, now.AddMinutes(i), "Create", details: $"新建部门 {i}"));
                await db.SaveChangesAsync();
            }

            Assert.Null(HistoryChain.Verify(db.History.AsNoTracking().OrderBy(h => h.Id).AsEnumerable()));
        }

        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("update History set Reason = '事后补写的理由' where Id = 2");
            var broken = HistoryChain.Verify(db.History.AsNoTracking().OrderBy(h => h.Id).AsEnumerable());

            Assert.NotNull(broken);
            Assert.Equal(2, broken.Id);
            Assert.Equal("第 2 条记录的内容已被修改(哈希不符)。", broken.Message);
        }
    }

    [Fact]
    public async Task Several_records_saved_together_are_chained_in_order()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();
        var now = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

        // e.g. registering a task and assigning it in one unit of work.
        db.History.Add(HistoryEntry.For("Task", 7, Admin, now, "Register"));
        db.History.Add(HistoryEntry.For("Task", 7, Admin, now.AddSeconds(1), "Assign"));
        await db.SaveChangesAsync();

        var chain = await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        Assert.Equal([(1L, "Register"), (2L, "Assign")], chain.Select(h => (h.Id, h.Action)));
        Assert.Null(HistoryChain.Verify(chain));
    }

    [Fact]
    public async Task Verify_history_command_exits_non_zero_on_a_deleted_row()
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
            var now = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 3; i++)
            {
                db.History.Add(HistoryEntry.For("User", null, Admin, now.AddMinutes(i), "Lock", details: $"停用用户 u{i}"));
            }

            await db.SaveChangesAsync();
        }

        var intact = await OperatorCommands.RunAsync(["verify-history", "--Tracker:DataDirectory=" + _folder]);
        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("delete from History where Id = 2");
        }

        SqliteConnection.ClearAllPools();
        var afterDelete = await OperatorCommands.RunAsync(["verify-history", "--Tracker:DataDirectory=" + _folder]);

        Assert.Equal(0, intact);
        Assert.Equal(2, afterDelete);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private TrackerDbContext Context()
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(options, DatabasePath);
        return new TrackerDbContext(options.Options);
    }
}
