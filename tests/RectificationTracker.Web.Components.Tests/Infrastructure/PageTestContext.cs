using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Components.Tests.Infrastructure;

/// <summary>
/// A MudBlazor bunit context for whole pages: the app's services from a scope of <see cref="AppServices"/>
/// (as a circuit would get them) and a signed-in demo user.
/// </summary>
public abstract class PageTestContext : MudTestContext
{
    protected async Task SignInAsync(AppServices app, string userName)
    {
        ArgumentNullException.ThrowIfNull(app);
        var principal = await app.PrincipalAsync(userName);
        var scope = app.Services.CreateAsyncScope();
        var appScope = scope.ServiceProvider;
        Services.AddSingleton<AuthenticationStateProvider>(new SignedIn(principal));
        // CurrentUser reads the test's authentication state; everything else comes from the app's scope.
        Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<AuthenticationStateProvider>(), appScope.GetRequiredService<ActorResolver>()));
        Services.AddFallbackServiceProvider(appScope);
        // The test's container owns the app scope: disposing the context disposes it.
        Services.AddSingleton(_ => new ScopeOwner(scope));
        _ = Services.GetRequiredService<ScopeOwner>();
    }

    /// <summary>The signed-in user as the app's sign-in made them: the claims Identity issues for that account.</summary>
    private sealed class SignedIn(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }

    private sealed class ScopeOwner(AsyncServiceScope scope) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
