using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Data;

/// <summary>
/// SQLite plans a read scope well only with statistics (ADR 12, "Scale"): the app gathers them when it starts.
/// </summary>
[Collection(SharedApp.Name)]
[Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
public sealed class PlannerStatisticsTests(TrackerFactory app)
{
    [Fact]
    public async Task The_started_app_has_given_the_planner_statistics_of_the_task_indexes()
    {
        await using var db = await app.Db.CreateDbContextAsync();

        var indexes = await db.Database.SqlQueryRaw<string>("SELECT idx AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Tasks'").ToListAsync();

        Assert.Contains("IX_Tasks_RoundId_State", indexes);
        Assert.Contains("IX_Tasks_ResponsiblePersonId_State", indexes);
    }
}
