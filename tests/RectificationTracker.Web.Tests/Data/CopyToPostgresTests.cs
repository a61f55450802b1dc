using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Tests.Evidence;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>
/// <c>copy-to-postgres</c>: the seeded demo deployment on SQLite into an empty PostgreSQL database (the server of
/// TRACKER_TEST_PG, which scripts/test.sh starts for both runs). The source is SQLite, so the test runs in the SQLite run.
/// </summary>
[Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
public sealed class CopyToPostgresTests : IAsyncLifetime
{
    private readonly TrackerFactory _app = new();
    private readonly string _target = "rt_test_copy_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "rt-copy-evidence-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        TestDatabase.CreatePostgresDatabase(_target);
    }

    [Fact]
    public async Task The_seeded_SQLite_deployment_copies_into_an_empty_PostgreSQL_database_whose_history_verifies_with_every_row_and_file()
    {
        // A data-protection key (made on the first page with an anti-forgery token) and evidence on disk beside the demo data.
        using (var client = _app.CreateClient())
        {
            (await client.GetAsync(new Uri("/Account/Login", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var unit = await _app.ActorAsync("unit");
        int taskId;
        await using (var db = await _app.Db.CreateDbContextAsync())
        {
            taskId = await db.Tasks.Where(t => t.State == TaskState.InProgress && t.ResponsibleUnitId == unit.UnitId).Select(t => t.Id).FirstAsync();
        }

        var upload = await _app.WithAsync<EvidenceService, Web.Features.Common.Result<EvidenceFileInfo>>(s =>
            s.UploadAsync(unit, taskId, new MemoryStream(SampleFiles.Pdf("copy " + Guid.NewGuid())), "迁移前上传.pdf"));
        Assert.True(upload.Succeeded);

        // The command's own code over the app's services (the same settings the command line passes), to read its output.
        var target = TestDatabase.ConnectionStringFor(_target);
        using var output = new StringWriter();
        Assert.Equal(0, await CopyToPostgresCommand.RunAsync(_app.Services, target, _evidence, output, default));

        // The target verifies: its chain, the SOURCE's anchors (same chain, nothing cut off), tasks against their history.
        string[] onTarget = ["--Tracker:DataDirectory=" + _app.DataDirectory, "--Tracker:Database:Provider=Postgres",
            "--ConnectionStrings:Tracker=" + target, "--Tracker:EvidenceDirectory=" + _evidence];
        Assert.Equal(0, await OperatorCommands.RunAsync(["verify-history", .. onTarget]));

        // Every table has the same number of rows; the chain ends on the same hash.
        await using var source = await _app.Db.CreateDbContextAsync();
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.ConfigurePostgres(options, target);
        await using var copy = new PostgresTrackerDbContext(options.Options);
        var tables = CopyToPostgresCommand.TablesInCopyOrder(copy.Model).Select(t => t.GetTableName()!).ToList();
        Assert.Contains("History", tables);
        Assert.Contains("ApplicationEvidence", tables);
        var printed = output.ToString();
        long sourceRows = await CopyToPostgresCommand.CountAsync(source, "DataProtectionKeys", default);
        foreach (var table in tables.Where(t => t != "DataProtectionKeys"))
        {
            var rows = await CopyToPostgresCommand.CountAsync(source, table, default);
            sourceRows += rows;
            Assert.Equal((table, rows), (table, await CopyToPostgresCommand.CountAsync(copy, table, default)));
            // The operator sees each table's rows as it is copied.
            Assert.Contains($"  {table}:{rows} 行,", printed, StringComparison.Ordinal);
        }

        Assert.Contains($"数据行已提交:{tables.Count} 张表共 {sourceRows} 行,", printed, StringComparison.Ordinal);

        // Every value of every row and column arrives as it was: dates, decimals, flags, enum texts, shadow keys, as EF
        // reads them from either database; times to the microsecond (PostgreSQL's precision, as when the app writes
        // there), history times to the tick (they are cut to microseconds before they are sealed).
        Assert.Equal(
            (await source.History.OrderBy(h => h.Id).Select(h => h.AtUtc).ToListAsync()).Select(t => t.Ticks).ToList(),
            (await copy.History.OrderBy(h => h.Id).Select(h => h.AtUtc).ToListAsync()).Select(t => t.Ticks).ToList());
        var rowsOf = typeof(CopyToPostgresTests).GetMethod(nameof(RowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in CopyToPostgresCommand.TablesInCopyOrder(copy.Model).Where(t => t.GetTableName() != "DataProtectionKeys"))
        {
            var read = rowsOf.MakeGenericMethod(type.ClrType);
            var expected = await (Task<List<(string Key, string Values)>>)read.Invoke(null, [source, type.Name])!;
            var actual = await (Task<List<(string Key, string Values)>>)read.Invoke(null, [copy, type.Name])!;
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal($"{type.Name} {expected[i].Key}: {expected[i].Values}", $"{type.Name} {actual[i].Key}: {actual[i].Values}");
            }
        }

        Assert.True(await copy.Tasks.CountAsync() > 10);
        var lastSource = await source.History.OrderByDescending(h => h.Id).Select(h => new { h.Id, h.Hash }).FirstAsync();
        var lastCopy = await copy.History.OrderByDescending(h => h.Id).Select(h => new { h.Id, h.Hash }).FirstAsync();
        Assert.Equal(lastSource, lastCopy);
        Assert.Equal(
            await source.Tasks.OrderBy(t => t.Id).Select(t => new { t.Id, t.State, t.Measure, t.ResponsibleUnitId }).ToListAsync(),
            await copy.Tasks.OrderBy(t => t.Id).Select(t => new { t.Id, t.State, t.Measure, t.ResponsibleUnitId }).ToListAsync());

        // Evidence: every file the rows name is in the target folder with its content.
        var shas = await copy.EvidenceFiles.Select(e => e.Sha256).ToListAsync();
        Assert.Contains(upload.Value!.Sha256, shas);
        Assert.All(shas, sha => Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_evidence, sha[..2], sha))))));

        // Identity sequences continue after the copied ids; the key ring came along.
        Assert.True(await NextIdAsync(target, "Tasks") > await copy.Tasks.MaxAsync(t => t.Id));
        Assert.True(await copy.DataProtectionKeys.AnyAsync());

        // A second copy into the (now non-empty) database is refused, and so is a non-empty evidence folder.
        var fresh = _evidence + "-2";
        Assert.Equal(2, await OperatorCommands.RunAsync(["copy-to-postgres", "--to", target, "--evidence-to", fresh, .. _app.CommandSettings]));
        Assert.False(Directory.Exists(fresh));
        Assert.Equal(2, await OperatorCommands.RunAsync(["copy-to-postgres", "--to", target, "--evidence-to", _evidence, .. _app.CommandSettings]));
    }

    /// <summary>Every row of an entity type with every property (shadow ones too), ordered by key.</summary>
    private static async Task<List<(string Key, string Values)>> RowsAsync<T>(TrackerDbContext db, string entityType)
        where T : class
    {
        var type = db.Model.FindEntityType(entityType)!;
        var set = type.HasSharedClrType ? db.Set<T>(entityType) : db.Set<T>();
        var properties = type.GetProperties().Select(p => p.Name).ToList();
        var key = type.FindPrimaryKey()!.Properties.Select(p => p.Name).ToList();
        var rows = (await set.ToListAsync()).Select(e => db.Entry(e)).Select(e => (
                Key: string.Join("|", key.Select(k => Convert.ToString(e.Property(k).CurrentValue, CultureInfo.InvariantCulture))),
                Values: string.Join(" | ", properties.Select(p => p + "=" + Text(e.Property(p).CurrentValue)))))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        db.ChangeTracker.Clear();
        return rows;
    }

    /// <summary>A value as text that differs when the value does (a time to the microsecond, whatever its kind; a decimal by value).</summary>
    private static string Text(object? value) => value switch
    {
        null => "null",
        DateTime t => (t.Ticks / 10).ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => (t.UtcTicks / 10).ToString(CultureInfo.InvariantCulture),
        decimal d => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static async Task<long> NextIdAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'Id'))";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestDatabase.DropPostgresDatabase(_target);
        foreach (var folder in new[] { _evidence, _evidence + "-2" })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
