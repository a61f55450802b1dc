using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Features.Account;
using RectificationTracker.Web.Features.Admin.Users;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Infrastructure;

/// <summary>Throw-away accounts, created the way an administrator creates them.</summary>
public static class Accounts
{
    private static int _counter;

    /// <summary>The password of an account made by <see cref="CreateAsync"/>, after its first sign-in's change.</summary>
    public const string ChangedPassword = "Second-pass-2026";

    /// <summary>
    /// Creates a fresh 责任单位 user in 办公室 that has changed its initial password, as its first sign-in requires,
    /// and returns its user name and (changed) password.
    /// </summary>
    public static async Task<(string UserName, string Password)> CreateAsync(TrackerFactory app, string prefix, Role role = Role.Unit)
    {
        var (userName, initial) = await CreateWithInitialPasswordAsync(app, prefix, role);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user!);
        var changed = await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().ChangeAsync(principal, initial, ChangedPassword);
        Assert.True(changed.Succeeded, changed.Message);
        return (userName, ChangedPassword);
    }

    /// <summary>Creates a fresh 责任单位 user in 办公室 as an administrator does; it must change the password at the first sign-in.</summary>
    public static async Task<(string UserName, string Password)> CreateWithInitialPasswordAsync(TrackerFactory app, string prefix, Role role = Role.Unit)
    {
        ArgumentNullException.ThrowIfNull(app);
        var userName = $"{prefix}{Interlocked.Increment(ref _counter)}";
        const string password = "first-pass-2026";
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var unitId = await UnitIdAsync(app, "办公室");
        var result = await app.WithAsync<UserAdminService, Result<string>>(s => s.CreateAsync(admin, new CreateUserForm
        {
            UserName = userName,
            DisplayName = "测试用户" + userName,
            JobTitle = "科员",
            UnitId = unitId,
            Roles = [role],
            Password = password,
        }));
        Assert.True(result.Succeeded, result.Outcome.Message);
        return (userName, password);
    }

    public static async Task<string> IdOfAsync(TrackerFactory app, string userName)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
        return user?.Id ?? throw new InvalidOperationException("No user " + userName);
    }

    public static async Task<int> UnitIdAsync(TrackerFactory app, string name)
    {
        ArgumentNullException.ThrowIfNull(app);
        var all = await app.Services.GetRequiredService<UnitDirectory>().AllAsync();
        return all.First(u => string.Equals(u.Name, name, StringComparison.Ordinal)).Id;
    }
}
