using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Components.Tests.Infrastructure;

/// <summary>
/// A bunit context whose components get the seeded app's real handlers and queries (a fallback service
/// provider) and run as a signed-in demo user.
/// </summary>
[Collection(SeededAppGroup.Name)]
public abstract class AppComponentTest : MudTestContext
{
    private readonly AsyncServiceScope _scope;
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    protected AppComponentTest(SeededApp app)
    {
        App = app ?? throw new ArgumentNullException(nameof(app));
        _scope = app.Services.CreateAsyncScope();
        Services.AddScoped<AuthenticationStateProvider>(_ => new FixedAuthentication(() => _principal));
        // Built here (constructor arguments are not looked up in the fallback provider).
        Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<AuthenticationStateProvider>(),
            _scope.ServiceProvider.GetRequiredService<ActorResolver>()));
        Services.AddFallbackServiceProvider(_scope.ServiceProvider);
    }

    protected SeededApp App { get; }

    /// <summary>Signs in as a demo user and returns the domain's view of them.</summary>
    protected async Task<Actor> SignInAsync(string userName)
    {
        _principal = await App.PrincipalAsync(userName);
        return await _scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(_principal);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _scope.DisposeAsync();
    }

    private sealed class FixedAuthentication(Func<ClaimsPrincipal> principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal()));
    }
}
