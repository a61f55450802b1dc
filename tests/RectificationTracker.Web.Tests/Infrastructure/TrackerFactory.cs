using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Infrastructure;

/// <summary>
/// The whole app in memory on a real SQLite file in a fresh temp folder, migrated and seeded with the
/// demo organisation exactly as on a first start.
/// </summary>
public class TrackerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "factory-admin-2026";

    protected virtual int LoginAttemptsPerMinute => 100_000;

    public TrackerFactory() => TestDb = TestDatabase.Create(DataDirectory);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rt-web-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>SQLite in <see cref="DataDirectory"/>, or a PostgreSQL database of its own (TRACKER_TEST_PROVIDER).</summary>
    public TestDatabase TestDb { get; }

    /// <summary>Overrides for an operator command run against this app's database (<c>--Tracker:DataDirectory=…</c> and the provider).</summary>
    public string[] CommandSettings => TestDb.CommandSettings;

    public IDbContextFactory<TrackerDbContext> Db => Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();

    public virtual Task InitializeAsync()
    {
        // Building the host runs migrations and the seeders.
        _ = Services;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in TestDb.HostSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Tracker:SeedDemoData", "true");
        builder.UseSetting("Tracker:AdminUserName", AdminUserName);
        builder.UseSetting("Tracker:AdminPassword", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests sign in hundreds of times from one address; SecurityHeaderTests checks the limit itself.
        builder.UseSetting("Tracker:Login:AttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Only the report tests warm the report fonts at start-up (ReportsApp); the others print little or nothing.
        builder.UseSetting("Tracker:Reports:WarmUpOnStart", "false");
        // The daily digest would run at 08:30 local time in the middle of a run; its own tests drive it (DigestTests).
        builder.UseSetting("Tracker:Digest:Enabled", "false");
        // The app re-checks a sign-in cookie's security stamp once a minute; here on every request, so
        // tests see a disabled account's session end without waiting.
        builder.ConfigureServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
    }

    /// <summary>
    /// Writes the denied attempts counted so far (they are written per user and minute once the minute is over,
    /// <see cref="Web.Features.Common.DeniedAttempts"/>): a test reads its refusals from the history after this.
    /// </summary>
    public Task<int> FlushDeniedAttemptsAsync() =>
        Services.GetRequiredService<Web.Features.Common.DeniedAttempts>().FlushAsync(all: true);

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The domain's view of a signed-in user, built through the app's own claims and resolver.</summary>
    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("No user " + userName);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(principal);
    }

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope, as a page would get it.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestDb.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}

/// <summary>One app for all web tests: starting it (migrate, seed, hash 15 passwords) is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<TrackerFactory>
{
    public const string Name = "app";
}
