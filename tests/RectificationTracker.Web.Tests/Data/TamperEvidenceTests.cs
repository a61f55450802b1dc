using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>
/// What a database editor can do that the chain alone does not notice — delete the newest records or all
/// of them, recompute every hash after a forged edit, set a task's state directly — is caught by
/// <c>verify-history</c> through the anchors kept outside the database and the replay of the history.
/// </summary>
[Trait(RectificationTracker.Web.Tests.Infrastructure.ProviderTraits.Name, RectificationTracker.Web.Tests.Infrastructure.ProviderTraits.SqliteOnly)]
public sealed class TamperEvidenceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rt-tamper-").FullName;

    private string DatabasePath => Path.Combine(_folder, "tracker.db");

    public async Task InitializeAsync() =>
        Assert.Equal(0, await OperatorCommands.RunAsync(["seed", "--Tracker:DataDirectory=" + _folder, "--Tracker:SeedDemoData=true", "--Tracker:AdminPassword=Tamper#2026admin"]));

    [Fact]
    public async Task An_untouched_database_verifies_against_its_anchor()
    {
        await AnchorAsync();

        Assert.Equal(0, await VerifyAsync());
    }

    [Fact]
    public async Task Deleting_the_newest_records_is_detected_by_the_anchor_though_the_chain_still_verifies()
    {
        await AnchorAsync();
        await SqlAsync("DELETE FROM History WHERE Id > (SELECT MAX(Id) - 3 FROM History)");

        Assert.Null((await VerifyHistoryCommand.VerifyAsync(Factory())).Break); // the chain alone is fine
        Assert.Equal(2, await VerifyAsync());
    }

    [Fact]
    public async Task Deleting_every_record_is_detected_by_the_anchor()
    {
        await AnchorAsync();
        await SqlAsync("DELETE FROM History");

        Assert.Equal(2, await VerifyAsync());
    }

    [Fact]
    public async Task A_forged_edit_with_every_later_hash_recomputed_is_detected_by_the_anchor()
    {
        await AnchorAsync();
        await ForgeAsync(recordId: 5, reason: "事后补写的理由");

        Assert.Null((await VerifyHistoryCommand.VerifyAsync(Factory())).Break); // recomputed: the chain alone verifies
        Assert.Equal(2, await VerifyAsync());
    }

    [Fact]
    public async Task A_fingerprint_from_a_printed_report_detects_truncation_without_the_anchor_file()
    {
        var head = await Anchors().HeadAsync();
        File.Delete(Anchors().FilePath);
        await SqlAsync("DELETE FROM History WHERE Id = (SELECT MAX(Id) FROM History)");

        Assert.Equal(2, await VerifyAsync("--anchor", head.Fingerprint));
        Assert.Equal(2, await VerifyAsync("--anchor", "12-zzzz")); // not a fingerprint: bad argument
    }

    [Fact]
    public async Task A_task_state_set_directly_in_the_database_is_detected_by_the_replay()
    {
        await SqlAsync("UPDATE Tasks SET State = 'Closed' WHERE Id = (SELECT MIN(Id) FROM Tasks WHERE State = 'InProgress')");

        Assert.Equal(2, await VerifyAsync());
    }

    [Fact]
    public async Task A_damaged_anchor_file_is_reported()
    {
        await AnchorAsync();
        await File.AppendAllTextAsync(Anchors().FilePath, "被改过的一行\n");

        Assert.Equal(2, await VerifyAsync());
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private Task<int> VerifyAsync(params string[] args) =>
        OperatorCommands.RunAsync(["verify-history", .. args, "--Tracker:DataDirectory=" + _folder]);

    private async Task AnchorAsync()
    {
        using var anchors = Anchors();
        var head = await anchors.AnchorHeadAsync();
        Assert.True(head.Count > 400);
        Assert.Contains(anchors.ReadAll().Anchors, a => a.Count == head.Count && a.Hash == head.Hash);
    }

    private HistoryAnchors Anchors() =>
        new(Factory(), Options.Create(new TrackerOptions { DataDirectory = _folder }), TimeProvider.System);

    private PooledDbContextFactory<TrackerDbContext> Factory()
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(options, DatabasePath);
        return new PooledDbContextFactory<TrackerDbContext>(options.Options);
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = await Factory().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>What the probe did: change one record and rewrite every hash from there on.</summary>
    private async Task ForgeAsync(long recordId, string reason)
    {
        await using var db = await Factory().CreateDbContextAsync();
        var chain = await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        var previous = chain.Single(h => h.Id == recordId - 1);
        var previousHash = previous.Hash;
        foreach (var entry in chain.Where(h => h.Id >= recordId))
        {
            if (entry.Id == recordId)
            {
                entry.Reason = reason;
            }

            HistoryChain.Seal(entry, entry.Id - 1, previousHash);
            previousHash = entry.Hash;
            await db.Database.ExecuteSqlAsync($"UPDATE History SET Reason = {entry.Reason}, PreviousHash = {entry.PreviousHash}, Hash = {entry.Hash} WHERE Id = {entry.Id}");
        }
    }
}
