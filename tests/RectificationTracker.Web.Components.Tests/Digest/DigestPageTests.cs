using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Digest;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Web.Components.Tests.Digest;

/// <summary>每日待办摘要 in the app (issue 13): the user's own digests with the day's counts and links to the tasks listed.</summary>
[Collection(ChangingDataGroup.Name)]
public sealed class DigestPageTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30); // a loaded 2-core machine renders slowly

    [Fact]
    public async Task A_unit_user_sees_their_digest_with_its_counts_and_links_to_tasks_they_may_open()
    {
        // A day of its own (far ahead: newest first, and never the day the app's scheduler claims).
        var day = DateOnly.FromDateTime(DateTime.Today).AddDays(1000);
        var run = await Services.GetRequiredService<DigestRunner>().RunAsync(day);
        Assert.NotNull(run);
        var unit = await SignInAsync("unit");
        DigestNotice stored;
        await using (var db = await App.Db.CreateDbContextAsync())
        {
            // The newest of the user's digests (another test of this group may have run a later day).
            stored = await db.DigestNotices.Where(d => d.UserId == unit.UserId).OrderByDescending(d => d.LocalDate).FirstAsync();
        }

        var page = Render<DigestPage>();
        var first = page.WaitForElement("[data-testid=digest-item]", Wait);
        Assert.True(stored.LocalDate >= day);
        Assert.Contains(stored.LocalDate.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), first.TextContent, StringComparison.Ordinal);
        // The counts are the digest's own: the same figures its subject line states.
        var counts = first.QuerySelectorAll("[data-testid=digest-count]").Select(c => c.TextContent.Trim()).ToList();
        Assert.NotEmpty(counts);
        Assert.EndsWith(":" + string.Join("、", counts), stored.Subject, StringComparison.Ordinal);
        // Each listed task is a link to a task this user may open.
        var links = first.QuerySelectorAll("a[data-testid=digest-task]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(Math.Min(stored.Items, Domain.Tasks.DailyDigest.ListedItems), links.Count);
        foreach (var href in links)
        {
            Assert.StartsWith("tasks/", href, StringComparison.Ordinal);
            var taskId = int.Parse(href["tasks/".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.NotNull(await Services.GetRequiredService<TaskQueries>().DetailAsync(unit, taskId));
        }
    }

    [Fact]
    public async Task A_user_sees_only_their_own_digests()
    {
        var day = DateOnly.FromDateTime(DateTime.Today).AddDays(1001);
        Assert.NotNull(await Services.GetRequiredService<DigestRunner>().RunAsync(day));
        var unit2 = await SignInAsync("unit2");
        List<string> own;
        await using (var db = await App.Db.CreateDbContextAsync())
        {
            own = await db.DigestNotices.Where(d => d.UserId == unit2.UserId).OrderByDescending(d => d.LocalDate).Take(14).Select(d => d.Subject).ToListAsync();
            Assert.True(await db.DigestNotices.AnyAsync(d => d.LocalDate == day && d.UserId != unit2.UserId), "other users have digests that day");
        }

        Assert.NotEmpty(own);
        var page = Render<DigestPage>();
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=digest-item]").Count >= own.Count), Wait);
        // Each card's counts are those of unit2's own digest of that day, newest first. (Other tests of this app run
        // digests of later days meanwhile: the page shows unit2's digests as they were when it loaded, before or after.)
        var shown = page.FindAll("[data-testid=digest-item]")
            .Select(i => string.Join("、", i.QuerySelectorAll("[data-testid=digest-count]").Select(c => c.TextContent.Trim())))
            .ToList();
        List<string> now;
        await using (var db = await App.Db.CreateDbContextAsync())
        {
            now = await db.DigestNotices.Where(d => d.UserId == unit2.UserId).OrderByDescending(d => d.LocalDate).Take(14).Select(d => d.Subject).ToListAsync();
        }

        static List<string> Counts(IEnumerable<string> subjects) => subjects.Select(s => s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..]).ToList();
        var possible = Enumerable.Range(0, now.Count - own.Count + 1).Select(skip => Counts(now.Skip(skip).Take(shown.Count))).ToList();
        Assert.Contains(shown, possible);
    }
}
