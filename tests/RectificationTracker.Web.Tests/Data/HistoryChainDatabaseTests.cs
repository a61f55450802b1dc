using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>The hash chain over the History table, as the <c>verify-history</c> command checks it.</summary>
public sealed class HistoryChainDatabaseTests : IDisposable
{
    private static readonly Actor Admin = new("admin-id", "系统管理员", new HashSet<Role> { Role.Admin }, 1, "/1/");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-history-" + Guid.NewGuid().ToString("N"));

    private readonly TestDatabase _db;

    public HistoryChainDatabaseTests()
    {
        Directory.CreateDirectory(_folder);
        _db = TestDatabase.Create(_folder);
    }

    private string DatabasePath => Path.Combine(_folder, "tracker.db");

    [Fact]
    [Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
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

        var intact = await OperatorCommands.RunAsync(["verify-history", .. _db.CommandSettings]);
        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("delete from \"History\" where \"Id\" = 2");
        }

        SqliteConnection.ClearAllPools();
        var afterDelete = await OperatorCommands.RunAsync(["verify-history", .. _db.CommandSettings]);

        Assert.Equal(0, intact);
        Assert.Equal(2, afterDelete);
    }

    [Fact]
    [Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
    public async Task Verify_history_reports_an_unparsable_timestamp_as_a_broken_record_by_number()
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
            var now = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 3; i++)
            {
                db.History.Add(HistoryEntry.For("Unit", i + 1, Admin, now.AddMinutes(i), "Create", details: $"新建部门 {i}"));
            }

            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("update History set AtUtc = '2026-13-45 垃圾' where Id = 2");
        }

        SqliteConnection.ClearAllPools();
        var exit = await OperatorCommands.RunAsync(["verify-history", .. _db.CommandSettings]);
        var result = await VerifyHistoryCommand.VerifyAsync(_db.Factory());

        Assert.Equal(2, exit);
        Assert.Equal(1, result.Checked);
        Assert.Equal(2, result.Break!.Id);
        Assert.Equal("第 2 条记录无法读取:“时间”的值“2026-13-45 垃圾”不是有效的时间。", result.Break.Message);
    }

    [Fact]
    [Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
    public async Task Verify_history_reports_a_text_number_and_a_binary_hash_by_record()
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
            var now = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
            db.History.Add(HistoryEntry.For("Task", 1, Admin, now, "Register", taskId: 1));
            db.History.Add(HistoryEntry.For("Task", 1, Admin, now.AddSeconds(1), "Assign", taskId: 1));
            await db.SaveChangesAsync();
        }

        var factory = _db.Factory();
        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("update History set TaskId = '第一' where Id = 1");
        }

        var textNumber = await VerifyHistoryCommand.VerifyAsync(factory);
        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("update History set TaskId = 1 where Id = 1");
            await db.Database.ExecuteSqlRawAsync("update History set Hash = zeroblob(2) where Id = 2");
        }

        var binary = await VerifyHistoryCommand.VerifyAsync(factory);

        Assert.Equal("第 1 条记录无法读取:“任务编号”的值“第一”不是整数。", textNumber.Break!.Message);
        Assert.Equal(1, binary.Checked);
        Assert.Equal("第 2 条记录无法读取:“哈希”的值“2 字节的二进制数据”不是文本。", binary.Break!.Message);
    }

    /// <summary>
    /// Another process holds the write lock having appended a record; two copies of the app, each a
    /// separate OS process, append meanwhile (the <c>report</c> command records its download). No
    /// in-process lock is shared: the chain must stay one line because the database serialises appends.
    /// </summary>
    [Fact]
    public async Task Appends_from_separate_processes_while_another_writer_holds_the_head_keep_one_chain()
    {
        var now = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
            db.History.Add(HistoryEntry.For("Unit", 1, Admin, now, "Create", details: "新建部门"));
            await db.SaveChangesAsync();
        }

        var processes = new List<Process>();
        await using (var writer = Context())
        {
            await using var transaction = await writer.Database.BeginTransactionAsync();
            writer.History.Add(HistoryEntry.For("Unit", 2, Admin, now.AddMinutes(1), "Create", details: "另一进程写入"));
            await writer.SaveChangesAsync();

            for (var i = 0; i < 2; i++)
            {
                processes.Add(StartApp(["report", "ledger", "--out", Path.Combine(_folder, $"台账{i}.xlsx"), .. _db.CommandSettings]));
            }

            // Let both copies write their workbook (the append follows at once) and wait on this writer's lock.
            var started = Stopwatch.StartNew();
            while (!Enumerable.Range(0, 2).All(i => WorkbookWritten(Path.Combine(_folder, $"台账{i}.xlsx.part"))) && started.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(100);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            await transaction.CommitAsync();
        }

        foreach (var process in processes)
        {
            using (process)
            {
                await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
                Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            }
        }

        SqliteConnection.ClearAllPools();
        using var verify = StartApp(["verify-history", .. _db.CommandSettings]);
        await verify.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        await using var check = Context();
        Assert.Equal([1L, 2L, 3L, 4L], await check.History.OrderBy(h => h.Id).Select(h => h.Id).ToListAsync());
        Assert.Equal(0, verify.ExitCode);
    }

    private static bool WorkbookWritten(string path) => File.Exists(path) && new FileInfo(path).Length > 0;

    private static Process StartApp(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "RectificationTracker.Web"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private TrackerDbContext Context() => _db.CreateContext();
}
