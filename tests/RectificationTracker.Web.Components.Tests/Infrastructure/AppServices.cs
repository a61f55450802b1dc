using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Components.Tests.Infrastructure;

/// <summary>
/// The app's real services (handlers, queries, validators) on a fresh SQLite file with the demo data, so page
/// tests render pages against what the app really does. One per test class (xunit class fixture).
/// </summary>
public sealed class AppServices : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "bunit-admin-2026";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "rt-bunit-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        _ = Services; // builds the host: migrates and seeds
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Tracker:DataDirectory", _dataDirectory);
        builder.UseSetting("Tracker:SeedDemoData", "true");
        builder.UseSetting("Tracker:AdminUserName", AdminUserName);
        builder.UseSetting("Tracker:AdminPassword", AdminPassword);
        builder.UseSetting("Tracker:Pdf:WarmUpOnStart", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>The claims the app would give <paramref name="userName"/> at sign-in.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("No user " + userName);
        return await signIn.CreateUserPrincipalAsync(user);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
