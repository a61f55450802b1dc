using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Features.Tasks;

public sealed record PersonOption(string Id, string Name, string? JobTitle, int UnitId)
{
    public string Label => string.IsNullOrEmpty(JobTitle) ? Name : $"{Name}({JobTitle})";
}

/// <summary>People to pick from: lead leaders (users holding the leader role).</summary>
public sealed class PeopleQueries(IDbContextFactory<TrackerDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PersonOption>> LeadersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var roleId = db.Roles.Where(r => r.Name == Roles.Leader).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)))
            .OrderBy(u => u.UnitId).ThenBy(u => u.DisplayName)
            .Select(u => new PersonOption(u.Id, u.DisplayName, u.JobTitle, u.UnitId))
            .ToListAsync(ct).ConfigureAwait(false);
    }
}
