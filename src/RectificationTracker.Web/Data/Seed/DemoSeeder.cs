using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data.Seed;

/// <summary>Loads the demo organisation, accounts and campaigns once (idempotent: skips what exists).</summary>
public sealed class DemoSeeder(
    IDbContextFactory<TrackerDbContext> dbFactory,
    UserManager<AppUser> users,
    UnitDirectory unitDirectory,
    IServiceProvider services)
{
    public async Task SeedAsync(TextWriter console, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var units = await EnsureUnitsAsync(ct).ConfigureAwait(false);
        unitDirectory.Invalidate();
        var created = 0;
        foreach (var account in DemoOrganisation.Accounts)
        {
            if (await users.FindByNameAsync(account.UserName).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                JobTitle = account.JobTitle,
                UnitId = units[account.UnitName],
                CreatedAtUtc = DateTime.UtcNow,
            };
            // The published demo password does not meet the password policy; demo accounts get it without the
            // policy's validator, and keep it only while demo seeding is on (PasswordPolicy.MustReplaceAtSignIn).
            user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoOrganisation.DemoPassword);
            DatabaseInitialiser.Check(await users.CreateAsync(user).ConfigureAwait(false));
            DatabaseInitialiser.Check(await users.AddToRolesAsync(user, account.Roles.Select(r => r.ToString())).ConfigureAwait(false));
            created++;
        }

        var campaign = ActivatorUtilities.CreateInstance<DemoCampaignSeeder>(services);
        await campaign.SeedAsync(units, ct).ConfigureAwait(false);

        await console.WriteLineAsync(created > 0 ? "已加载演示数据。演示账号(密码均为 " + DemoOrganisation.DemoPassword + "):" : "演示账号(密码均为 " + DemoOrganisation.DemoPassword + "):").ConfigureAwait(false);
        foreach (var a in DemoOrganisation.Accounts)
        {
            var roles = string.Join("、", a.Roles.Select(Roles.DisplayName));
            await console.WriteLineAsync($"  {a.UserName,-14}{a.DisplayName}({roles},{a.UnitName})").ConfigureAwait(false);
        }
    }

    /// <summary>Returns unit ids by name (county department names are prefixed with the county).</summary>
    private async Task<Dictionary<string, int>> EnsureUnitsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var root = await db.Units.FirstOrDefaultAsync(u => u.ParentId == null, ct).ConfigureAwait(false);
        if (root is null)
        {
            root = await AddAsync(db, DemoOrganisation.RootName, null, UnitKind.Organisation, 0, ct).ConfigureAwait(false);
        }

        var sort = 1;
        foreach (var name in DemoOrganisation.CityDepartments)
        {
            await EnsureAsync(db, name, root, UnitKind.Department, sort++, ct).ConfigureAwait(false);
        }

        foreach (var county in DemoOrganisation.Counties)
        {
            var c = await EnsureAsync(db, county, root, UnitKind.Organisation, sort++, ct).ConfigureAwait(false);
            var dsort = 1;
            foreach (var dept in DemoOrganisation.CountyDepartments)
            {
                await EnsureAsync(db, dept, c, UnitKind.Department, dsort++, ct).ConfigureAwait(false);
            }
        }

        var all = await db.Units.AsNoTracking().Include(u => u.Parent).ToListAsync(ct).ConfigureAwait(false);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in all)
        {
            var key = u.Parent is { ParentId: not null } parent ? parent.Name + "/" + u.Name : u.Name;
            map[key] = u.Id;
        }

        return map;
    }

    private static async Task<OrgUnit> EnsureAsync(TrackerDbContext db, string name, OrgUnit parent, UnitKind kind, int sort, CancellationToken ct) =>
        await db.Units.FirstOrDefaultAsync(u => u.ParentId == parent.Id && u.Name == name, ct).ConfigureAwait(false)
        ?? await AddAsync(db, name, parent, kind, sort, ct).ConfigureAwait(false);

    private static async Task<OrgUnit> AddAsync(TrackerDbContext db, string name, OrgUnit? parent, UnitKind kind, int sort, CancellationToken ct)
    {
        var unit = new OrgUnit { Name = name, ParentId = parent?.Id, Kind = kind, SortOrder = sort };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        unit.RebuildPath(parent);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return unit;
    }
}
