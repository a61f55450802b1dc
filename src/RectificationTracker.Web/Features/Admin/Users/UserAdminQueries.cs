using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Admin.Users;

public enum AccountState
{
    /// <summary>正常.</summary>
    Active,

    /// <summary>已锁定: too many wrong passwords; ends by itself or when an administrator unlocks it.</summary>
    Locked,

    /// <summary>已停用: disabled by an administrator.</summary>
    Disabled,
}

public sealed record UserRow(
    string Id, string UserName, string DisplayName, string? JobTitle, int UnitId, string UnitName,
    IReadOnlyList<Role> Roles, AccountState State, DateTimeOffset? LockoutEnd)
{
    public string RoleNames => string.Join("、", Roles.Select(Domain.Organisation.Roles.DisplayName));
}

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total);

/// <summary>The administrator's user list, searched and paged on the server.</summary>
public sealed class UserAdminQueries(IDbContextFactory<TrackerDbContext> dbFactory, TimeProvider time)
{
    public async Task<UserPage> SearchAsync(Actor actor, string? term, int skip, int take, CancellationToken ct = default)
    {
        AdminAccess.Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            // Case-insensitive on every provider: SQLite's LIKE ignores ASCII case, PostgreSQL's does not, so
            // both sides are lower-cased (lower() in SQL) rather than relying on either LIKE.
            var pattern = "%" + EscapeLike(term.Trim().ToLowerInvariant()) + "%";
#pragma warning disable CA1304, CA1311 // translated to SQL lower(), never run in .NET
            query = query.Where(u => EF.Functions.Like(u.UserName!.ToLower(), pattern, "\\")
                || EF.Functions.Like(u.DisplayName.ToLower(), pattern, "\\")
                || EF.Functions.Like(u.JobTitle!.ToLower(), pattern, "\\")
                || EF.Functions.Like(u.Unit!.Name.ToLower(), pattern, "\\"));
#pragma warning restore CA1304, CA1311
        }

        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var users = await query
            .OrderBy(u => u.UserName)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, 200))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.JobTitle, u.UnitId, UnitName = u.Unit!.Name, u.LockoutEnd })
            .ToListAsync(ct).ConfigureAwait(false);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await RolesOfAsync(db, ids, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var rows = users.Select(u => new UserRow(
                u.Id, u.UserName ?? "", u.DisplayName, u.JobTitle, u.UnitId, u.UnitName,
                roles[u.Id].Order().ToList(), StateOf(u.LockoutEnd, now), u.LockoutEnd))
            .ToList();
        return new UserPage(rows, total);
    }

    public async Task<EditUserForm?> GetForEditAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        AdminAccess.Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var roles = await RolesOfAsync(db, [user.Id], ct).ConfigureAwait(false);
        return new EditUserForm
        {
            Id = user.Id,
            UserName = user.UserName ?? "",
            DisplayName = user.DisplayName,
            JobTitle = user.JobTitle,
            UnitId = user.UnitId,
            Roles = roles[user.Id].Order().ToList(),
        };
    }

    public static AccountState StateOf(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        AccountLockout.IsDisabled(lockoutEnd) ? AccountState.Disabled
        : AccountLockout.IsTemporarilyLocked(lockoutEnd, now) ? AccountState.Locked
        : AccountState.Active;

    private static async Task<ILookup<string, Role>> RolesOfAsync(TrackerDbContext db, List<string> userIds, CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where userIds.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .ToListAsync(ct).ConfigureAwait(false);
        return pairs
            .Where(p => Enum.TryParse<Role>(p.Name, out _))
            .ToLookup(p => p.UserId, p => Enum.Parse<Role>(p.Name!));
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
