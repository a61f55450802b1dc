using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Cli;

/// <summary>
/// <c>backup --out DIR</c> (SQLite): the database through SQLite's online backup API (a consistent copy while the
/// app keeps writing), the anchor file and the evidence files, into one new folder laid out like a data folder,
/// so restoring is pointing <c>Tracker:DataDirectory</c> at it (or copying it back). PostgreSQL: pg_dump (README).
/// </summary>
internal static class BackupCommand
{
    /// <summary>How long the copy waits for a writer that holds the database before it gives up.</summary>
    internal static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    internal static Command Create(Func<ParseResult, Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> host)
    {
        var output = new Option<string>("--out") { Description = "备份目录(须不存在或为空)", HelpName = "目录", Required = true };
        var command = new Command("backup", "备份 SQLite 数据库(在线备份,网站运行时亦一致)、外部锚点文件和佐证材料到一个目录;恢复时将 Tracker:DataDirectory 指向该目录") { output };
        command.SetAction((parse, ct) => host(parse, sp => RunAsync(sp, parse.GetValue(output)!, ct), ct));
        return command;
    }

    internal static async Task<int> RunAsync(IServiceProvider services, string outDirectory, CancellationToken ct)
    {
        var database = services.GetRequiredService<DatabaseSettings>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("PostgreSQL 数据库请用 pg_dump 备份(见 README“Running on PostgreSQL”),佐证材料目录另行复制。").ConfigureAwait(false);
            return 2;
        }

        var target = Path.GetFullPath(outDirectory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            await Console.Error.WriteLineAsync($"备份目录不为空:{target}").ConfigureAwait(false);
            return 2;
        }

        if (!File.Exists(database.SqlitePath))
        {
            await Console.Error.WriteLineAsync($"未找到数据库文件:{database.SqlitePath}").ConfigureAwait(false);
            return 1;
        }

        Directory.CreateDirectory(target);
        SecurityPipeline.RestrictDataDirectory(target);
        var options = services.GetRequiredService<IOptions<TrackerOptions>>().Value;

        // 1. Anchors first: every anchor copied is then at or below the head of the database copied next.
        if (File.Exists(options.AnchorFilePath))
        {
            File.Copy(options.AnchorFilePath, Path.Combine(target, "history-anchors.log"));
        }

        // 2. The database: one consistent snapshot while writers go on (sqlite3_backup, all pages in one step).
        var copy = Path.Combine(target, "tracker.db");
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.SqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            await source.OpenAsync(ct).ConfigureAwait(false);
            await destination.OpenAsync(ct).ConfigureAwait(false);
            // The copy waits while a writer holds the database for a moment (the app's checkpoint, a long transaction)
            // instead of failing at once with "database is locked": sqlite3_backup_step calls the source's busy handler.
            await using (var wait = source.CreateCommand())
            {
                wait.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
                await wait.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            source.BackupDatabase(destination);
        }

        // 3. Evidence: blobs are written before the rows that name them and never changed, so every blob the
        // copied database names exists now; later uploads only add files.
        var files = 0;
        if (Directory.Exists(options.FilesDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(options.FilesDirectory, "*", SearchOption.AllDirectories))
            {
                if (Path.GetFileName(file).StartsWith('.'))
                {
                    continue; // an upload still being received
                }

                var relative = Path.GetRelativePath(options.FilesDirectory, file);
                var to = Path.Combine(target, "files", relative);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
                files++;
            }
        }

        Console.WriteLine($"已备份到 {target}:数据库 tracker.db({new FileInfo(copy).Length / 1024} KB)、{files} 个佐证材料文件。");
        Console.WriteLine($"恢复:停止网站,将 Tracker:DataDirectory 指向该目录(或复制回原数据目录),再运行 verify-history 校验。");
        return 0;
    }
}
