using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Digest;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Features.Worklists;

namespace RectificationTracker.Web.Tests.Features.Urging;

/// <summary>每日待办摘要: once a day per user, caught up once after a missed day, one instance per day, e-mailed through a real SMTP server.</summary>
[Collection(ClockedAppGroup.Name)]
public sealed class DigestTests(ClockedApp app) : IAsyncLifetime
{
    private static readonly DateTime Day = DateTime.Today.AddDays(2);

    public async Task InitializeAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        await db.DigestNotices.ExecuteDeleteAsync();
        await db.DigestRuns.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DigestRunner Runner(DigestOptions? options = null, IDigestChannel? channel = null) =>
        new(app.Db, app.Clock, Options.Create(options ?? new DigestOptions()), channel is null ? [] : [channel], NullLogger<DigestRunner>.Instance);

    private async Task<IReadOnlyList<DigestItem>> DigestsOfAsync(Actor actor) =>
        await app.WithAsync<DigestQueries, IReadOnlyList<DigestItem>>(q => q.RecentAsync(actor));

    [Fact]
    public async Task Each_user_gets_one_digest_of_what_needs_them_when_its_time_comes_and_not_again()
    {
        var runner = Runner();
        app.SetLocal(Day.AddHours(8).AddMinutes(29));
        Assert.Null(await runner.RunDueAsync());

        app.SetLocal(Day.AddHours(8).AddMinutes(30));
        var run = await runner.RunDueAsync();

        Assert.NotNull(run);
        Assert.Equal(DateOnly.FromDateTime(Day), run.Date);
        var unit = await app.ActorAsync("unit");
        var office = await app.ActorAsync("office");
        var leader = await app.ActorAsync("leader");
        var today = app.Clock.Today;
        int overdue;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            overdue = await db.Tasks.AsNoTracking().VisibleTo(db, unit).OwnedBy(db, unit).Where(TaskLights.OverdueExpression(today)).CountAsync();
            // One notice per user and day.
            Assert.All(await db.DigestNotices.GroupBy(d => new { d.UserId, d.LocalDate }).Select(g => g.Count()).ToListAsync(), n => Assert.Equal(1, n));
            Assert.Equal(run.Notices, await db.DigestNotices.CountAsync());
        }

        var unitDigest = Assert.Single(await DigestsOfAsync(unit));
        Assert.StartsWith($"【巡察整改】{Day:yyyy年M月d日}待办摘要:", unitDigest.Subject, StringComparison.Ordinal);
        Assert.True(overdue > 0);
        Assert.Contains($"逾期 {overdue} 项", unitDigest.Subject, StringComparison.Ordinal);
        Assert.StartsWith("陈晓,您好:", unitDigest.Body, StringComparison.Ordinal);
        var leaderCounts = await app.WithAsync<WorklistQueries, WorklistCounts>(q => q.CountsAsync(leader));
        var officeCounts = await app.WithAsync<WorklistQueries, WorklistCounts>(q => q.CountsAsync(office));
        Assert.Contains($"待我审签 {leaderCounts.AwaitingMySignOff} 项", Assert.Single(await DigestsOfAsync(leader)).Subject, StringComparison.Ordinal);
        Assert.Contains($"待审核 {officeCounts.AwaitingReview} 项", Assert.Single(await DigestsOfAsync(office)).Subject, StringComparison.Ordinal);

        // Later the same day: nothing more.
        app.SetLocal(Day.AddHours(17));
        Assert.Null(await runner.RunDueAsync());
        Assert.Single(await DigestsOfAsync(unit));
    }

    [Fact]
    public async Task A_user_reads_only_their_own_digests()
    {
        app.SetLocal(Day.AddHours(9));
        await Runner().RunDueAsync();
        var unit = await app.ActorAsync("unit");
        var west = await app.ActorAsync("westcounty");

        var mine = await DigestsOfAsync(unit);
        var theirs = await DigestsOfAsync(west);

        Assert.Single(mine);
        Assert.DoesNotContain(theirs, d => d.Id == mine[0].Id);
        Assert.All(theirs, d => Assert.DoesNotContain("陈晓", d.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Days_missed_while_the_app_was_down_are_caught_up_once_not_repeated()
    {
        var runner = Runner();
        app.SetLocal(Day.AddHours(8).AddMinutes(31));
        Assert.Equal(DateOnly.FromDateTime(Day), (await runner.RunDueAsync())!.Date);

        // Down for three days; back at 07:00 on the fourth, before the send time.
        app.SetLocal(Day.AddDays(4).AddHours(7));
        var caughtUp = await runner.RunDueAsync();
        app.SetLocal(Day.AddDays(4).AddHours(7).AddMinutes(30));
        var again = await runner.RunDueAsync();
        app.SetLocal(Day.AddDays(4).AddHours(8).AddMinutes(30));
        var today = await runner.RunDueAsync();

        Assert.Equal(DateOnly.FromDateTime(Day.AddDays(3)), caughtUp!.Date);
        Assert.Null(again);
        Assert.Equal(DateOnly.FromDateTime(Day.AddDays(4)), today!.Date);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal([Day, Day.AddDays(3), Day.AddDays(4)], (await db.DigestRuns.OrderBy(r => r.LocalDate).Select(r => r.LocalDate).ToListAsync())
            .Select(d => d.ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public async Task Two_instances_running_at_once_send_a_day_only_once()
    {
        app.SetLocal(Day.AddHours(8).AddMinutes(45));
        var first = Runner();
        var second = Runner();

        var results = await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync());

        var winner = Assert.Single(results, r => r is not null);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Single(await db.DigestRuns.ToListAsync());
        Assert.Equal(winner!.Notices, await db.DigestNotices.CountAsync());
    }

    [Fact]
    public async Task The_smtp_channel_delivers_the_chinese_digest_to_a_real_mail_server()
    {
        using var smtp = await LocalSmtpServer.StartAsync();
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.UserName == "unit").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "chenxiao@jiangcheng.example"));
        }

        var options = new DigestOptions { Smtp = { Enabled = true, Host = "127.0.0.1", Port = smtp.Port, Security = "None", FromAddress = "xcb@jiangcheng.example" } };
        app.SetLocal(Day.AddHours(8).AddMinutes(30));

        var run = await Runner(options, new SmtpDigestChannel(Options.Create(options))).RunDueAsync();

        Assert.Equal((1, 0), (run!.Emails, run.EmailFailures));
        var unit = await app.ActorAsync("unit");
        var stored = Assert.Single(await DigestsOfAsync(unit));
        Assert.True(stored.Emailed);
        var message = Assert.Single(smtp.Messages());
        Assert.Equal(stored.Subject, message.Subject);
        Assert.Contains("待办摘要", message.Subject, StringComparison.Ordinal);
        Assert.Equal("chenxiao@jiangcheng.example", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("陈晓", message.To.Mailboxes.Single().Name);
        Assert.Equal("巡察整改销号管理系统", message.From.Mailboxes.Single().Name);
        Assert.Equal(stored.Body.Replace("\r\n", "\n", StringComparison.Ordinal), message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mail_server_that_is_down_leaves_the_in_app_digest_and_records_the_failure()
    {
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.UserName == "unit").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "chenxiao@jiangcheng.example"));
        }

        var options = new DigestOptions { Smtp = { Enabled = true, Host = "127.0.0.1", Port = LocalSmtpServer.FreePort(), Security = "None", TimeoutSeconds = 5 } };
        app.SetLocal(Day.AddHours(8).AddMinutes(30));

        var run = await Runner(options, new SmtpDigestChannel(Options.Create(options))).RunDueAsync();

        Assert.Equal((0, 1), (run!.Emails, run.EmailFailures));
        var stored = Assert.Single(await DigestsOfAsync(await app.ActorAsync("unit")));
        Assert.False(stored.Emailed);
        await using var check = await app.Db.CreateDbContextAsync();
        Assert.NotNull(await check.DigestNotices.Where(d => d.Id == stored.Id).Select(d => d.EmailError).SingleAsync());
    }

    [Fact]
    public async Task Smtp_is_off_by_default_so_nothing_is_sent()
    {
        using var smtp = await LocalSmtpServer.StartAsync();
        var options = new DigestOptions { Smtp = { Host = "127.0.0.1", Port = smtp.Port, Security = "None" } };
        app.SetLocal(Day.AddHours(8).AddMinutes(30));

        var run = await Runner(options, new SmtpDigestChannel(Options.Create(options))).RunDueAsync();

        Assert.Equal(0, run!.Emails);
        Assert.Empty(smtp.Messages());
        Assert.False(new DigestOptions().Smtp.Enabled);
    }

    [Fact]
    public async Task The_scheduler_runs_the_due_digest_and_stops_twice_without_error()
    {
        app.SetLocal(Day.AddHours(8).AddMinutes(40));
        using var scheduler = new DigestScheduler(Runner(), Options.Create(new DigestOptions { CheckSeconds = 1 }), NullLogger<DigestScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        var until = DateTime.UtcNow.AddSeconds(20);
        var ran = false;
        while (!ran && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            await using var db = await app.Db.CreateDbContextAsync();
            ran = await db.DigestRuns.AnyAsync(r => r.LocalDate == DateOnly.FromDateTime(Day) && r.CompletedAtUtc != null);
        }

        await scheduler.StopAsync(CancellationToken.None);
        await scheduler.StopAsync(CancellationToken.None);
        Assert.True(ran, "the scheduler did not run the due digest within 20 s");

        // The app's own scheduler (off in tests) stops twice too.
        var hosted = app.Services.GetServices<IHostedService>().OfType<DigestScheduler>().Single();
        await hosted.StopAsync(CancellationToken.None);
        await hosted.StopAsync(CancellationToken.None);
    }
}
