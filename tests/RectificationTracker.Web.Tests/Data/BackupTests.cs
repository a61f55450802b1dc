using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Tests.Evidence;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary><c>backup --out DIR</c> on SQLite while the app writes, and a restore from that folder.</summary>
[Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
public sealed class BackupTests : IAsyncLifetime
{
    private readonly TrackerFactory _app = new();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), "rt-backup-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_restores_to_a_data_folder_whose_history_verifies_and_whose_evidence_is_complete()
    {
        var unit = await _app.ActorAsync("unit");
        int taskId;
        await using (var db = await _app.Db.CreateDbContextAsync())
        {
            taskId = await db.Tasks.Where(t => t.State == TaskState.InProgress && t.ResponsibleUnitId == unit.UnitId).Select(t => t.Id).FirstAsync();
        }

        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var upload = await _app.WithAsync<EvidenceService, Web.Features.Common.Result<EvidenceFileInfo>>(s =>
                    s.UploadAsync(unit, taskId, new MemoryStream(SampleFiles.Pdf("backup " + Guid.NewGuid())), "备份期间上传.pdf"));
                var progress = await _app.WithAsync<TaskWorkflowService, Web.Features.Common.Result>(s =>
                    s.ReportProgressAsync(unit, new ProgressCommand { TaskId = taskId, Text = "备份期间报送 " + written }));
                Assert.True(upload.Succeeded && progress.Succeeded);
                written++;
            }
        });

        while (written < 3)
        {
            await Task.Delay(50);
        }

        var exit = await OperatorCommands.RunAsync(["backup", "--out", _backup, .. _app.CommandSettings]);
        var writtenDuringBackup = written;
        while (written < writtenDuringBackup + 3)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await writer;
        Assert.Equal(0, exit);

        // Restore: the backup folder is a data folder.
        Assert.Equal(0, await OperatorCommands.RunAsync(["verify-history", "--Tracker:DataDirectory=" + _backup]));
        SqliteConnection.ClearAllPools();
        var restored = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(restored, Path.Combine(_backup, "tracker.db"));
        await using var copy = new TrackerDbContext(restored.Options);
        var evidence = await copy.EvidenceFiles.AsNoTracking().Select(e => e.Sha256).ToListAsync();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, sha =>
        {
            var blob = Path.Combine(_backup, "files", sha[..2], sha);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(blob))));
        });
        await using var live = await _app.Db.CreateDbContextAsync();
        Assert.True(await copy.History.CountAsync() < await live.History.CountAsync(), "writes after the backup are not in it");
        Assert.Empty(await copy.Database.GetPendingMigrationsAsync());

        // A second backup into the same folder is refused.
        Assert.Equal(2, await OperatorCommands.RunAsync(["backup", "--out", _backup, .. _app.CommandSettings]));
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_backup))
        {
            Directory.Delete(_backup, recursive: true);
        }
    }
}
