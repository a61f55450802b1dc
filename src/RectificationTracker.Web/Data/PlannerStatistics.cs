using Microsoft.EntityFrameworkCore;

namespace RectificationTracker.Web.Data;

/// <summary>
/// Keeps SQLite's planner statistics current as the campaign grows (<see cref="Database.OptimizeAsync"/>): after
/// start-up (<see cref="DatabaseInitialiser"/>, once seeding is done) and then every six hours. SQLite re-analyses only tables whose size changed
/// markedly, so a run is cheap; PostgreSQL's autovacuum does this on its own.
/// </summary>
internal sealed class PlannerStatistics(IDbContextFactory<TrackerDbContext> dbFactory, ILogger<PlannerStatistics> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken).ConfigureAwait(false);
                await Database.OptimizeAsync(db, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing the query planner's statistics failed; the next run tries again");
            }
        }
    }
}
