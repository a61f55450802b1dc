using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Digest;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Urging;

/// <summary>每日待办摘要 in the app: the stored digest keeps its counts and listed tasks; /digest shows a user's own, signed in only.</summary>
[Collection(ClockedAppGroup.Name)]
public sealed class DigestInAppTests(ClockedApp app) : IAsyncLifetime
{
    private static readonly DateTime Day = DateTime.Today.AddDays(3);

    public async Task InitializeAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        await db.DigestNotices.ExecuteDeleteAsync();
        await db.DigestRuns.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_stored_digest_keeps_the_counts_of_its_subject_and_the_tasks_it_lists_and_the_page_links_them()
    {
        app.SetLocal(Day.AddHours(9));
        var runner = new DigestRunner(app.Db, app.Clock, Options.Create(new DigestOptions()), [], NullLogger<DigestRunner>.Instance);
        Assert.NotNull(await runner.RunDueAsync());
        var unit = await app.ActorAsync("unit");
        DigestNotice notice;
        List<int> owned;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            notice = await db.DigestNotices.SingleAsync(d => d.UserId == unit.UserId);
            owned = await db.Tasks.AsNoTracking().VisibleTo(db, unit).OwnedBy(db, unit).Select(t => t.Id).ToListAsync();
        }

        var content = DigestContent.FromJson(notice.Content);
        Assert.NotNull(content);
        Assert.EndsWith(":" + string.Join("、", content.Counts.Select(c => c.Text)), notice.Subject, StringComparison.Ordinal);
        Assert.Equal(notice.Items, content.Counts.Sum(c => c.Count));
        Assert.Equal(Math.Min(notice.Items, DailyDigest.ListedItems), content.Tasks.Count);
        Assert.All(content.Tasks, t => Assert.Contains(t.TaskId, owned));
        Assert.All(content.Tasks, t => Assert.Contains($"任务 {t.Code} ", notice.Body, StringComparison.Ordinal));

        var client = await FormLogin.SignedInClientAsync(app, "unit", "tracker2026");
        var html = await client.GetStringAsync(new Uri("/digest", UriKind.Relative));
        Assert.Contains("每日待办摘要", html, StringComparison.Ordinal);
        Assert.Contains(notice.LocalDate.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.All(content.Tasks, t => Assert.Contains($"href=\"tasks/{t.TaskId}\"", html, StringComparison.Ordinal));
        Assert.All(content.Counts, c => Assert.Contains(c.Text, html, StringComparison.Ordinal));

        // Another user's page shows their own digests only: none of the unit's task links unless the digest is theirs too.
        var westActor = await app.ActorAsync("westcounty");
        await using var read = await app.Db.CreateDbContextAsync();
        var westOwn = await read.DigestNotices.Where(d => d.UserId == westActor.UserId).Select(d => d.Content).ToListAsync();
        var westTasks = westOwn.Select(DigestContent.FromJson).Where(c => c is not null).SelectMany(c => c!.Tasks).Select(t => t.TaskId).ToHashSet();
        var west = await FormLogin.SignedInClientAsync(app, "westcounty", "tracker2026");
        var theirs = await west.GetStringAsync(new Uri("/digest", UriKind.Relative));
        Assert.Equal(westOwn.Count, CountOf(theirs, "data-testid=\"digest-item\""));
        Assert.All(content.Tasks.Where(t => !westTasks.Contains(t.TaskId)),
            t => Assert.DoesNotContain($"href=\"tasks/{t.TaskId}\"", theirs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_digest_page_is_for_signed_in_users_only()
    {
        using var client = app.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/digest", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
