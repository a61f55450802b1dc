using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Components.Tests.Infrastructure;

/// <summary>
/// The app's real services on a real SQLite file, migrated and seeded with the demo campaign as on a first start.
/// Components under test get the handlers and queries from here, so what they show comes from the domain's rules.
/// Tests that only read share one instance (<see cref="SeededAppGroup"/>); tests that change data share another
/// (<see cref="ChangingDataGroup"/>), so the read-only tests never see their changes half-way.
/// </summary>
public sealed class SeededApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The administrator the app creates on its first start (for the admin pages).</summary>
    public const string AdminUserName = "admin";

    public const string AdminPassword = "bunit-admin-2026";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rt-bunit-" + Guid.NewGuid().ToString("N"));

    public IDbContextFactory<TrackerDbContext> Db => Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();

    public Task InitializeAsync()
    {
        _ = Services; // builds the host: migrations and seeders run
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Tracker:DataDirectory", DataDirectory);
        builder.UseSetting("Tracker:SeedDemoData", "true");
        builder.UseSetting("Tracker:AdminUserName", AdminUserName);
        builder.UseSetting("Tracker:AdminPassword", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Tracker:Reports:WarmUpOnStart", "false");
    }

    /// <summary>The claims principal the app's sign-in would give <paramref name="userName"/>.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("No user " + userName);
        return await signIn.CreateUserPrincipalAsync(user);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Tests that only read: one seeded app for all of them (the default of <see cref="AppComponentTest"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SeededAppGroup : ICollectionFixture<SeededApp>
{
    public const string Name = "seeded app";
}

/// <summary>
/// Tests that change data (confirm a decision, delete a file, deactivate a unit): their own seeded app, shared
/// among them. Put <c>[Collection(ChangingDataGroup.Name)]</c> on such a class; each test picks data no other
/// test in the group changes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChangingDataGroup : ICollectionFixture<SeededApp>
{
    public const string Name = "seeded app, changing data";
}
