using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>
/// The start-up warm-up (issue 15: the first report as fast as later ones) goes through every report's own steps for
/// an office account and appends a history record it rolls back: it must leave no trace — no record, no denied
/// attempt, no bulletin issue number, the chain's head where it was.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ReportWarmUpTests(TrackerFactory app)
{
    [Fact]
    public async Task The_warm_up_prepares_every_report_and_leaves_the_history_and_the_issue_numbers_as_they_were()
    {
        await app.FlushDeniedAttemptsAsync();
        var before = await SnapshotAsync();

        var warmUp = ActivatorUtilities.CreateInstance<ReportWarmUp>(app.Services);
        var warmed = await warmUp.WarmReportsAsync(CancellationToken.None);

        Assert.Equal("ledger, sign-off sheet, flowchart, bulletin, history append", warmed);
        await app.FlushDeniedAttemptsAsync();
        var after = await SnapshotAsync();
        // The same records up to the same head: nothing appended, nothing sealed and dropped (the shared app's chain
        // as a whole is other tests' to tamper with and verify).
        Assert.Equal(before, after);
    }

    private async Task<(int Records, long LastId, string? LastHash, int Issues)> SnapshotAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var last = await db.History.AsNoTracking().OrderByDescending(h => h.Id).Select(h => new { h.Id, h.Hash }).FirstOrDefaultAsync();
        return (await db.History.CountAsync(), last?.Id ?? 0, last?.Hash, await db.BulletinIssues.CountAsync());
    }
}
