using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Notifications;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Digest;

/// <summary>What one digest run did.</summary>
public sealed record DigestRunResult(DateOnly Date, int Notices, int Emails, int EmailFailures);

/// <summary>
/// 每日待办摘要: for the day that is due (<see cref="DailyDigest.DueDate"/>: today's once its time has come, or the
/// latest missed day once), claims the day in the database (a unique row per day: a second instance or a restart
/// finds it taken and sends nothing), stores each user's digest in-app, then hands it to the outgoing channels.
/// The content is the bell's (<see cref="NotificationQueries.SummaryAsync"/>): no second copy of the rules.
/// </summary>
public sealed class DigestRunner(
    IDbContextFactory<TrackerDbContext> dbFactory,
    Clock clock,
    IOptions<DigestOptions> options,
    IEnumerable<IDigestChannel> channels,
    ILogger<DigestRunner> logger)
{
    private static readonly string InstanceName =
        $"{Environment.MachineName}#{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Runs the digest that is due now, if any; null when none is due or another instance has it.</summary>
    public async Task<DigestRunResult?> RunDueAsync(CancellationToken ct = default)
    {
        DateOnly? lastRun;
        await using (var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            lastRun = await db.DigestRuns.AsNoTracking().MaxAsync(r => (DateOnly?)r.LocalDate, ct).ConfigureAwait(false);
        }

        var due = DailyDigest.DueDate(clock.ToLocal(clock.UtcNow), options.Value.SendAt, lastRun);
        return due is { } date ? await RunAsync(date, ct).ConfigureAwait(false) : null;
    }

    /// <summary>Runs <paramref name="date"/>'s digest unless that day is already claimed (then null).</summary>
    public async Task<DigestRunResult?> RunAsync(DateOnly date, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var run = new DigestRun { LocalDate = date, StartedAtUtc = clock.UtcNow, Instance = InstanceName };
        db.DigestRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            logger.LogInformation("Digest of {Date} already claimed by another run", date);
            return null;
        }

        var queries = new NotificationQueries(dbFactory, clock);
        var notices = new List<(DigestNotice Notice, DigestRecipient? To, DigestMessage Message)>();
        foreach (var user in await RecipientsAsync(db, ct).ConfigureAwait(false))
        {
            var summary = await queries.SummaryAsync(user.Actor, DailyDigest.ListedItems, ct).ConfigureAwait(false);
            if (DailyDigest.Compose(user.Actor.Name, date, summary.Counts, summary.Items) is not { } message)
            {
                continue;
            }

            var notice = new DigestNotice
            {
                UserId = user.Actor.UserId,
                LocalDate = date,
                Subject = message.Subject,
                Body = message.Body,
                Items = summary.Total,
                Content = DigestContent.Of(summary.Counts, TaskNotices.Ordered(summary.Items).Take(DailyDigest.ListedItems)).ToJson(),
                CreatedAtUtc = clock.UtcNow,
            };
            db.DigestNotices.Add(notice);
            notices.Add((notice, string.IsNullOrWhiteSpace(user.Email) ? null : new DigestRecipient(user.Actor.UserId, user.Actor.Name, user.Email), message));
        }

        run.Notices = notices.Count;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        foreach (var channel in channels.Where(c => c.IsEnabled))
        {
            foreach (var (notice, to, message) in notices.Where(n => n.To is not null))
            {
                try
                {
                    await channel.SendAsync(to!, message, ct).ConfigureAwait(false);
                    notice.EmailedAtUtc = clock.UtcNow;
                    run.Emails++;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // one recipient's failure (refused address, server down) must not stop the others; it is logged and stored
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogError(ex, "Sending the digest of {Date} to {UserId} failed", date, to!.UserId);
                    notice.EmailError = ex.Message.Length <= 500 ? ex.Message : ex.Message[..500];
                    run.EmailFailures++;
                }
            }
        }

        run.CompletedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        logger.LogInformation("Digest of {Date}: {Notices} notices, {Emails} e-mails, {Failures} failures", date, run.Notices, run.Emails, run.EmailFailures);
        return new DigestRunResult(date, run.Notices, run.Emails, run.EmailFailures);
    }

    private sealed record Recipient(Actor Actor, string? Email);

    /// <summary>Every account that can sign in (not disabled), as the domain's actor.</summary>
    private static async Task<List<Recipient>> RecipientsAsync(TrackerDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.Email, u.UnitId, u.Unit!.Path, u.LockoutEnd })
            .ToListAsync(ct).ConfigureAwait(false);
        var roles = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(r => r.UserId, r => Enum.TryParse<Role>(r.Name, out var role) ? role : (Role?)null);
        return users.Where(u => !AccountLockout.IsDisabled(u.LockoutEnd))
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new Recipient(
                new Actor(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName,
                    roles[u.Id].OfType<Role>().ToHashSet(), u.UnitId, u.Path),
                u.Email))
            .ToList();
    }
}

/// <summary>Looks once a minute (<see cref="DigestOptions.CheckSeconds"/>) whether a digest is due and runs it.</summary>
internal sealed class DigestScheduler(DigestRunner runner, IOptions<DigestOptions> options, ILogger<DigestScheduler> logger) : BackgroundService
{
    private int _stopped;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // SQLite's async calls complete synchronously: leave StartAsync at once so a due digest never delays start-up.
        await Task.Yield();

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.CheckSeconds)));
        do
        {
            try
            {
                await runner.RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed run (database busy, bad setting) is logged and tried again at the next tick
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "The daily digest run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Idempotent: a test factory disposes its host twice.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
