using System.CommandLine;
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
/// of the model is copied with its ids, in foreign-key order, in one PostgreSQL transaction; history records keep
/// their ids and hashes (inserted as sealed, never re-sealed), identity sequences continue after the copied ids;
/// the evidence files are copied to the target's evidence folder and the data-protection keys into the database.
/// Refused: a non-empty target database or evidence folder, and a source whose history times are finer than
/// PostgreSQL's microseconds (their hashes could not be checked on the target).
/// </summary>
internal static class CopyToPostgresCommand
{
    private const int BatchSize = 1000;

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

        await target.Database.MigrateAsync(ct).ConfigureAwait(false);
        console.WriteLine($"源:{settings.Describe()};目标:{new DatabaseSettings(DatabaseProvider.Postgres, targetConnectionString, "").Describe()}");

        var copied = new List<(string Table, long Rows)>();
        target.InsertSealedHistoryVerbatim = true;
        await using (var transaction = await target.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            var copy = typeof(CopyToPostgresCommand).GetMethod(nameof(CopyRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
            foreach (var type in tables)
            {
                var rows = await ((Task<long>)copy.MakeGenericMethod(type.ClrType).Invoke(null, [type, source, target, ct])!).ConfigureAwait(false);
                copied.Add((type.GetTableName()!, rows));
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

        foreach (var (table, rows) in copied)
        {
            console.WriteLine($"  {table}:{rows} 行");
        }

        var files = sameEvidenceFolder ? 0 : CopyEvidence(sourceFiles, targetFiles);
        console.WriteLine(sameEvidenceFolder
            ? $"佐证材料目录与源相同({targetFiles}),未复制文件。"
            : $"佐证材料:复制 {files} 个文件到 {targetFiles}。");
        console.WriteLine($"已复制 {copied.Count} 张表共 {copied.Sum(c => c.Rows)} 行。请以 Tracker:Database:Provider=Postgres、Tracker:EvidenceDirectory={targetFiles} 对目标运行 verify-history 校验。");
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

    /// <summary>One table's rows, read in key order in batches and inserted with every value (ids, shadow values) as stored.</summary>
    private static async Task<long> CopyRowsAsync<T>(IEntityType type, TrackerDbContext source, TrackerDbContext target, CancellationToken ct)
        where T : class
    {
        var sourceSet = type.HasSharedClrType ? source.Set<T>(type.Name) : source.Set<T>();
        var targetSet = type.HasSharedClrType ? target.Set<T>(type.Name) : target.Set<T>();
        var key = type.FindPrimaryKey()!.Properties;
        var ordered = sourceSet.OrderBy(e => EF.Property<object>(e, key[0].Name));
        foreach (var part in key.Skip(1))
        {
            ordered = ordered.ThenBy(e => EF.Property<object>(e, part.Name));
        }

        var shadow = type.GetProperties().Where(p => p.IsShadowProperty() && !p.IsIndexerProperty()).ToList();
        var batch = type.GetForeignKeys().Any(fk => fk.PrincipalEntityType.GetRootType() == type) ? int.MaxValue : BatchSize;
        long copied = 0;
        while (true)
        {
            var rows = await ordered.Skip((int)copied).Take(batch).ToListAsync(ct).ConfigureAwait(false);
            var shadowValues = rows.Select(r => shadow.Select(p => source.Entry(r).Property(p.Name).CurrentValue).ToArray()).ToList();
            source.ChangeTracker.Clear();
            for (var i = 0; i < rows.Count; i++)
            {
                var entry = targetSet.Add(rows[i]);
                for (var s = 0; s < shadow.Count; s++)
                {
                    entry.Property(shadow[s].Name).CurrentValue = shadowValues[i][s];
                }
            }

            if (rows.Count > 0)
            {
                await target.SaveChangesAsync(ct).ConfigureAwait(false);
                target.ChangeTracker.Clear();
            }

            copied += rows.Count;
            if (rows.Count < batch)
            {
                return copied;
            }
        }
    }

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
