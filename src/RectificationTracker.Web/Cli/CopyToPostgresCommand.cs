using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Cli;

/// <summary>
/// <c>copy-to-postgres --to CONNECTION --evidence-to DIR</c>: a SQLite deployment (the configured data folder) into
/// an EMPTY PostgreSQL database, for an office that outgrows one machine (docs/adr/0012). Every row of every table
/// of the model is streamed with its ids (a data reader on SQLite, PostgreSQL's binary COPY), in foreign-key order,
/// in one PostgreSQL transaction; history records keep their ids and hashes (copied as stored, never re-sealed:
/// no entity passes through the context's SaveChanges), identity sequences continue after the copied ids;
/// the evidence files are copied to the target's evidence folder and the data-protection keys into the database.
/// Refused: a non-empty target database or evidence folder, and a source whose history times are finer than
/// PostgreSQL's microseconds (their hashes could not be checked on the target).
/// </summary>
internal static class CopyToPostgresCommand
{
    internal static Command Create(Func<ParseResult, Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> host)
    {
        var to = new Option<string>("--to")
        {
            Description = "目标 PostgreSQL 连接字符串(须为空库,如 Host=127.0.0.1;Database=tracker;Username=tracker;Password=…)",
            HelpName = "连接字符串",
            Required = true,
        };
        var evidenceTo = new Option<string>("--evidence-to")
        {
            Description = "目标部署的佐证材料目录(其 Tracker:EvidenceDirectory;须不存在或为空;与源目录相同则不复制)",
            HelpName = "目录",
            Required = true,
        };
        var command = new Command("copy-to-postgres",
            "将 SQLite 部署(当前 Tracker:DataDirectory)复制到空的 PostgreSQL 数据库:全部数据行、佐证材料、历史记录(哈希不变);完成后在目标上运行 verify-history")
        {
            to,
            evidenceTo,
        };
        command.SetAction((parse, ct) => host(parse, sp => RunAsync(sp, parse.GetValue(to)!, parse.GetValue(evidenceTo)!, Console.Out, ct), ct));
        return command;
    }

    internal static async Task<int> RunAsync(IServiceProvider services, string targetConnectionString, string evidenceTo, TextWriter console, CancellationToken ct)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var options = services.GetRequiredService<IOptions<TrackerOptions>>().Value;
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("源部署须为 SQLite(Tracker:Database:Provider=Sqlite,Tracker:DataDirectory 指向其数据目录)。").ConfigureAwait(false);
            return 2;
        }

        if (!File.Exists(settings.SqlitePath))
        {
            await Console.Error.WriteLineAsync($"未找到源数据库文件:{settings.SqlitePath}").ConfigureAwait(false);
            return 1;
        }

        var sourceFiles = options.FilesDirectory;
        var targetFiles = Path.GetFullPath(evidenceTo);
        var sameEvidenceFolder = string.Equals(sourceFiles.TrimEnd(Path.DirectorySeparatorChar), targetFiles.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
        if (!sameEvidenceFolder && Directory.Exists(targetFiles) && Directory.EnumerateFileSystemEntries(targetFiles).Any())
        {
            await Console.Error.WriteLineAsync($"目标佐证材料目录不为空:{targetFiles}").ConfigureAwait(false);
            return 2;
        }

        var factory = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        await using var source = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        if ((await source.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).Any())
        {
            await Console.Error.WriteLineAsync("源数据库不是最新版本:请先用本版本对源部署运行 migrate。").ConfigureAwait(false);
            return 2;
        }

        // History times are hashed to the tick; PostgreSQL keeps microseconds. Since the PostgreSQL release every
        // record is cut to microseconds before it is sealed, but a record sealed earlier may carry finer ticks.
        var tooFine = await source.History.AsNoTracking()
            .Select(h => new { h.Id, h.AtUtc })
            .AsAsyncEnumerable()
            .FirstOrDefaultAsync(h => h.AtUtc != Database.StoredPrecision(h.AtUtc), ct).ConfigureAwait(false);
        if (tooFine is not null)
        {
            await Console.Error.WriteLineAsync(
                $"第 {tooFine.Id} 条历史记录的时间精度高于 PostgreSQL 的微秒,复制后其哈希无法校验;此数据库不能复制到 PostgreSQL(见 docs/adr/0012)。").ConfigureAwait(false);
            return 1;
        }

        var targetOptions = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.ConfigurePostgres(targetOptions, targetConnectionString);
        await using var target = new PostgresTrackerDbContext(targetOptions.Options);
        var tables = TablesInCopyOrder(target.Model);

        // Empty: no tables at all, or this app's tables (an earlier migrate) with no rows.
        var existing = await PostgresCopyTarget.TableNamesAsync(target, ct).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            if (!existing.Contains("__EFMigrationsHistory"))
            {
                await Console.Error.WriteLineAsync($"目标数据库不是空库(已有 {existing.Count} 张其他表),已拒绝。").ConfigureAwait(false);
                return 2;
            }

            foreach (var table in tables.Select(t => t.GetTableName()!).Where(existing.Contains))
            {
                if (await CountAsync(target, table, ct).ConfigureAwait(false) > 0)
                {
                    await Console.Error.WriteLineAsync($"目标数据库不是空库(表 {table} 已有数据),已拒绝。").ConfigureAwait(false);
                    return 2;
                }
            }
        }

        target.Database.SetCommandTimeout(Database.MigrationTimeout);
        await target.Database.MigrateAsync(ct).ConfigureAwait(false);
        console.WriteLine($"源:{settings.Describe()};目标:{new DatabaseSettings(DatabaseProvider.Postgres, targetConnectionString, "").Describe()}");

        var copied = new List<(string Table, long Rows)>();
        var watch = Stopwatch.StartNew();
        await using (var transaction = await target.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await source.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            foreach (var type in tables)
            {
                var started = watch.Elapsed;
                var rows = await CopyTableAsync(type, source, target, console, ct).ConfigureAwait(false);
                copied.Add((type.GetTableName()!, rows));
                console.WriteLine($"  {type.GetTableName()}:{rows} 行{Took(watch.Elapsed - started, rows)}");
            }

            foreach (var type in tables)
            {
                if (type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key]
                    && (key.ClrType == typeof(int) || key.ClrType == typeof(long)))
                {
                    await PostgresCopyTarget.ContinueIdentityAfterMaxAsync(target, type.GetTableName()!, key.GetColumnName(), ct).ConfigureAwait(false);
                }
            }

            // SQLite deployments keep their data-protection keys as files beside the database; the target's
            // instances share them in the database, so signed-in users stay signed in.
            var keys = ImportKeyFiles(target, options);
            if (keys > 0)
            {
                await target.SaveChangesAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            console.WriteLine($"数据保护密钥:导入 {keys} 个。");
        }

        var total = copied.Sum(c => c.Rows);
        console.WriteLine($"数据行已提交:{copied.Count} 张表共 {total} 行{Took(watch.Elapsed, total)}。");
        var files = sameEvidenceFolder ? 0 : CopyEvidence(sourceFiles, targetFiles);
        console.WriteLine(sameEvidenceFolder
            ? $"佐证材料目录与源相同({targetFiles}),未复制文件。"
            : $"佐证材料:复制 {files} 个文件到 {targetFiles}。");
        console.WriteLine($"已复制 {copied.Count} 张表共 {total} 行。请以 Tracker:Database:Provider=Postgres、Tracker:EvidenceDirectory={targetFiles} 对目标运行 verify-history 校验。");
        return 0;
    }

    /// <summary>The model's tables, each after the tables its foreign keys point to (a table pointing to itself copies in one batch).</summary>
    internal static IReadOnlyList<IEntityType> TablesInCopyOrder(IModel model)
    {
        var pending = model.GetEntityTypes()
            .Where(t => t.BaseType is null && !t.IsOwned() && t.GetTableName() is not null && t.FindPrimaryKey() is not null)
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.GetForeignKeys()
                .Select(fk => fk.PrincipalEntityType.GetRootType())
                .All(p => p == t || ordered.Contains(p)))
                ?? throw new InvalidOperationException("外键成环,无法确定复制顺序:" + string.Join("、", pending.Select(p => p.GetTableName())));
            ordered.Add(next);
            pending.Remove(next);
        }

        return ordered;
    }

    internal static Task<long> CountAsync(TrackerDbContext db, string table, CancellationToken ct)
    {
        // The table name comes from the EF model, never from input.
        var sql = "SELECT COUNT(*) AS \"Value\" FROM " + Database.Quote(table);
        return db.Database.SqlQueryRaw<long>(sql).SingleAsync(ct);
    }

    /// <summary>
    /// One table's rows, read from SQLite in key order by a data reader (no entities) and streamed into PostgreSQL by
    /// binary COPY with every column as stored: ids, shadow values, and each value passed through the model's
    /// conversions the way EF would read it from the source and write it to the target.
    /// </summary>
    private static async Task<long> CopyTableAsync(IEntityType type, TrackerDbContext source, TrackerDbContext target, TextWriter console, CancellationToken ct)
    {
        var table = type.GetTableMappings().First().Table;
        var sourceTable = source.Model.GetRelationalModel().FindTable(table.Name, table.Schema)
            ?? throw new InvalidOperationException($"The source model has no table {table.Name}.");
        var columns = table.Columns.Select(c => ColumnOf(c, sourceTable)).ToList();
        var key = type.FindPrimaryKey()!.Properties.Select(p => Database.Quote(p.GetColumnName()));

        await using var select = source.Database.GetDbConnection().CreateCommand();
        // Names come from the EF model, never from input.
        select.CommandText = "SELECT " + string.Join(", ", columns.Select(c => Database.Quote(c.Name)))
            + " FROM " + Database.Quote(table.Name) + " ORDER BY " + string.Join(", ", key);
        await using var rows = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var started = Stopwatch.StartNew();
        var shown = TimeSpan.Zero;
        return await PostgresCopyTarget.CopyRowsAsync(target, table.Name, columns, rows, copied =>
        {
            if (started.Elapsed - shown >= ProgressInterval)
            {
                shown = started.Elapsed;
                console.WriteLine($"  {table.Name}:已复制 {copied} 行…{Took(started.Elapsed, copied)}");
            }
        }, ct).ConfigureAwait(false);
    }

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A target column with the reader of its source column: the source's provider value (SQLite's), converted to the
    /// model's value by the source mapping and to the target's provider value by the target mapping (e.g. UTC times).
    /// </summary>
    private static CopyColumn ColumnOf(IColumn column, ITable sourceTable)
    {
        var targetMapping = column.PropertyMappings[0].TypeMapping;
        var sourceMapping = (sourceTable.FindColumn(column.Name)
                ?? throw new InvalidOperationException($"The source table {sourceTable.Name} has no column {column.Name}."))
            .PropertyMappings[0].TypeMapping;
        var sourceType = sourceMapping.Converter?.ProviderClrType ?? sourceMapping.ClrType;
        var read = ReadAsMethod.MakeGenericMethod(Nullable.GetUnderlyingType(sourceType) ?? sourceType)
            .CreateDelegate<Func<DbDataReader, int, object>>();
        var fromSource = sourceMapping.Converter?.ConvertFromProvider;
        var toTarget = targetMapping.Converter?.ConvertToProvider;
        return new CopyColumn(column.Name, column.StoreType, (reader, i) =>
        {
            if (reader.IsDBNull(i))
            {
                return null;
            }

            var value = read(reader, i);
            if (fromSource is not null)
            {
                value = fromSource(value)!;
            }

            return toTarget is null ? value : toTarget(value);
        });
    }

    private static readonly MethodInfo ReadAsMethod = typeof(CopyToPostgresCommand).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static object ReadAs<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;

    private static string Took(TimeSpan elapsed, long rows) =>
        $",{elapsed.TotalSeconds:F1} 秒" + (elapsed.TotalSeconds >= 1 ? $"(每秒 {rows / elapsed.TotalSeconds:F0} 行)" : "");

    private static int ImportKeyFiles(TrackerDbContext target, TrackerOptions options)
    {
        var folder = Path.Combine(Path.GetFullPath(options.DataDirectory), "keys");
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            target.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = File.ReadAllText(file) });
            count++;
        }

        return count;
    }

    private static int CopyEvidence(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return 0;
        }

        var files = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue; // an upload still being received
            }

            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            files++;
        }

        return files;
    }
}
