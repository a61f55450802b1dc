using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data;

/// <summary>
/// On start and in the <c>migrate</c>/<c>seed</c> commands: apply migrations, make sure the roles and
/// the first administrator exist, and load the demo organisation when demo seeding is on.
/// </summary>
public sealed class DatabaseInitialiser(
    IDbContextFactory<TrackerDbContext> dbFactory,
    IServiceProvider services,
    IOptions<TrackerOptions> options,
    DatabaseSettings database,
    ILogger<DatabaseInitialiser> logger)
{
    public async Task RunAsync(TextWriter console, bool seed = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        await MigrateAsync(ct).ConfigureAwait(false);
        EnsureSharedDataProtectionKey();
        if (seed)
        {
            await EnsureRolesAsync().ConfigureAwait(false);
            await EnsureAdministratorAsync(console, ct).ConfigureAwait(false);
            if (options.Value.SeedDemoData)
            {
                var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(services);
                await seeder.SeedAsync(console, ct).ConfigureAwait(false);
            }
        }

        // The planner's statistics, once the rows are in (PlannerStatistics refreshes them while the app runs).
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await Database.OptimizeAsync(db, ct).ConfigureAwait(false);
    }

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.Value.DatabasePath)!);
        }

        Directory.CreateDirectory(options.Value.FilesDirectory);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        db.Database.SetCommandTimeout(Database.MigrationTimeout);
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
        var mode = await Database.ApplyJournalModeAsync(db, ct).ConfigureAwait(false);
        logger.LogInformation("Database {Database} migrated; journal mode {Mode}", database.Describe(), mode);
    }

    /// <summary>
    /// PostgreSQL: instances share the key ring in the database. Make its first key here (on <c>migrate</c>,
    /// <c>seed</c> or the first instance's start), so instances started afterwards never each invent one.
    /// </summary>
    private void EnsureSharedDataProtectionKey()
    {
        if (database.Provider != DatabaseProvider.Postgres
            || services.GetService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>() is not { } keys)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(7)))
        {
            keys.CreateNewKey(now, now.AddDays(90));
            logger.LogInformation("Created the shared data-protection key in the database");
        }
    }

    private async Task EnsureRolesAsync()
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            var name = role.ToString();
            if (!await roles.RoleExistsAsync(name).ConfigureAwait(false))
            {
                Check(await roles.CreateAsync(new IdentityRole(name)).ConfigureAwait(false));
            }
        }
    }

    /// <summary>
    /// The first administrator comes from configuration, or gets a random password printed once.
    /// Never a hard-coded password.
    /// </summary>
    private async Task EnsureAdministratorAsync(TextWriter console, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var o = options.Value;
        if (await users.FindByNameAsync(o.AdminUserName).ConfigureAwait(false) is not null)
        {
            return;
        }

        var rootUnit = await EnsureRootUnitAsync(ct).ConfigureAwait(false);
        var generated = string.IsNullOrWhiteSpace(o.AdminPassword);
        var password = generated ? services.GetRequiredService<PasswordPolicy>().Generate() : o.AdminPassword!;
        var admin = new AppUser
        {
            UserName = o.AdminUserName,
            DisplayName = "系统管理员",
            UnitId = rootUnit,
            CreatedAtUtc = DateTime.UtcNow,
            // A generated password was printed on the console: it must be replaced at the first sign-in. A configured
            // one (Tracker:AdminPassword) is the operator's own choice and must meet the policy to be accepted at all.
            MustChangePassword = generated,
        };
        Check(await users.CreateAsync(admin, password).ConfigureAwait(false));
        Check(await users.AddToRoleAsync(admin, Roles.Admin).ConfigureAwait(false));
        if (generated)
        {
            await console.WriteLineAsync($"已创建首个管理员账号:{o.AdminUserName}  初始密码:{password}  (仅显示这一次,首次登录时须先修改密码)").ConfigureAwait(false);
        }
        else
        {
            await console.WriteLineAsync($"已创建首个管理员账号:{o.AdminUserName}(密码来自配置 Tracker:AdminPassword)").ConfigureAwait(false);
        }
    }

    private async Task<int> EnsureRootUnitAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (root is not null)
        {
            return root.Id;
        }

        var seedName = options.Value.SeedDemoData ? DemoOrganisation.RootName : "本单位";
        root = new OrgUnit { Name = seedName, Kind = UnitKind.Organisation };
        db.Units.Add(root);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        root.RebuildPath(null);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        services.GetRequiredService<UnitDirectory>().Invalidate();
        return root.Id;
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(";", result.Errors.Select(e => e.Description)));
        }
    }
}
