using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Tests.Evidence;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Account;

/// <summary>
/// Denied attempts are recorded in aggregate: one hash-chained history row per user, minute and kind, with the
/// count; a probe of a hundred guessed ids no longer adds a hundred rows.
/// </summary>
public sealed class DeniedAttemptsTests : IClassFixture<DeniedAttemptsTests.App>
{
    private readonly App app;

    public DeniedAttemptsTests(App app) => this.app = app;

    /// <summary>The app on a clock the test moves (the minute a refusal falls in is the clock's).</summary>
    public sealed class App : TrackerFactory
    {
        private readonly TestTime _time = new(MinuteStart(DateTimeOffset.UtcNow).AddSeconds(5));

        private static DateTimeOffset MinuteStart(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

        public void NextMinute() => _time.Now = MinuteStart(_time.Now).AddMinutes(1).AddSeconds(5);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(_time));
        }
    }

    [Fact]
    public async Task A_hundred_refusals_of_one_user_in_a_minute_are_one_row_with_the_count_each_user_has_their_own_and_the_next_minute_a_new_one()
    {
        var west = await app.ActorAsync("westcounty");
        var county = await app.ActorAsync("county");
        using var westClient = await FormLogin.SignedInClientAsync(app, "westcounty", DemoOrganisation.DemoPassword);
        using var countyClient = await FormLogin.SignedInClientAsync(app, "county", DemoOrganisation.DemoPassword);
        var before = await LastIdAsync();

        for (var i = 0; i < 100; i++)
        {
            using var response = await westClient.GetAsync(EvidenceEndpoints.DownloadUrl(900_000 + i));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var response = await countyClient.GetAsync(EvidenceEndpoints.DownloadUrl(800_000 + i));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // Nothing is written while the minute lasts.
        Assert.Empty(await DeniedSinceAsync(before));

        app.NextMinute();
        using (var response = await westClient.GetAsync(EvidenceEndpoints.DownloadUrl(700_000)))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // The first minute is over: the background writer records it, one row per user (nobody flushes by hand).
        var first = await WaitForDeniedAsync(before, 2);
        var westRow = Assert.Single(first, h => h.ActorId == west.UserId);
        var countyRow = Assert.Single(first, h => h.ActorId == county.UserId);
        Assert.StartsWith("下载佐证材料被拒绝 100 次(", westRow.Details, StringComparison.Ordinal);
        Assert.Contains("Evidence 900000、900001、900002", westRow.Details, StringComparison.Ordinal);
        Assert.Equal((HistoryEntities.Evidence, 900_000), (westRow.EntityType, westRow.EntityId!.Value));
        Assert.StartsWith("下载佐证材料被拒绝 3 次(", countyRow.Details, StringComparison.Ordinal);

        // The next minute's refusal is a row of its own once that minute is over.
        app.NextMinute();
        var all = await WaitForDeniedAsync(before, 3);
        var next = Assert.Single(all, h => first.TrueForAll(f => f.Id != h.Id));
        Assert.Equal(west.UserId, next.ActorId);
        Assert.StartsWith("下载佐证材料被拒绝 1 次(", next.Details, StringComparison.Ordinal);
        Assert.Equal(700_000, next.EntityId);

        // Still one intact chain.
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Null(HistoryChain.Verify(await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync()));
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.History.MaxAsync(h => (long?)h.Id) ?? 0;
    }

    private async Task<List<HistoryEntry>> DeniedSinceAsync(long id)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.History.AsNoTracking().Where(h => h.Id > id && h.Action == HistoryActions.Denied).OrderBy(h => h.Id).ToListAsync();
    }

    private async Task<List<HistoryEntry>> WaitForDeniedAsync(long id, int rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = await DeniedSinceAsync(id);
            if (found.Count >= rows || DateTime.UtcNow > deadline)
            {
                Assert.Equal(rows, found.Count);
                return found;
            }

            await Task.Delay(250);
        }
    }
}
