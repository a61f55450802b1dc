using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Features.Digest;

/// <summary>A stored daily digest as the bell and the digest list show it.</summary>
public sealed record DigestItem(int Id, DateOnly Date, string Subject, string Body, int Items, bool Emailed, DigestContent? Content = null);

/// <summary>A user's own daily digests (nobody reads another user's), newest first.</summary>
public sealed class DigestQueries(IDbContextFactory<TrackerDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DigestItem>> RecentAsync(Actor actor, int take = 7, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await db.DigestNotices.AsNoTracking()
            .Where(d => d.UserId == actor.UserId)
            .OrderByDescending(d => d.LocalDate)
            .Take(Math.Clamp(take, 1, 60))
            .Select(d => new { d.Id, d.LocalDate, d.Subject, d.Body, d.Items, Emailed = d.EmailedAtUtc != null, d.Content })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(d => new DigestItem(d.Id, d.LocalDate, d.Subject, d.Body, d.Items, d.Emailed, DigestContent.FromJson(d.Content))).ToList();
    }
}
