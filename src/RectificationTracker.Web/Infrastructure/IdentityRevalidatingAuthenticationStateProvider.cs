using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// A Blazor circuit outlives the request that opened it, so the cookie's own security-stamp check never
/// runs again for it. This re-checks the account every minute: a disabled account, or one whose roles,
/// unit or password an administrator changed, or whose password must now be changed, is signed out of open pages as well.
/// </summary>
public sealed class IdentityRevalidatingAuthenticationStateProvider
    : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly AccountSessions sessions;
    private readonly PasswordPolicy passwords;
    private readonly Clock clock;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        AccountSessions sessions,
        PasswordPolicy passwords,
        Clock clock)
        : base(loggerFactory)
    {
        this.passwords = passwords;
        this.clock = clock;
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.sessions = sessions;
        sessions.Ended += OnSessionsEnded;
    }

    /// <summary>A backstop: sessions normally end at once through <see cref="AccountSessions"/>.</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sessions.Ended -= OnSessionsEnded;
        }

        base.Dispose(disposing);
    }

    private async void OnSessionsEnded(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync().ConfigureAwait(false);
            if (string.Equals(state.User.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType), userId, StringComparison.Ordinal))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (InvalidOperationException)
        {
            // The circuit has not been given its user yet, or is going away: nothing to end.
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = authenticationState.User;
        var user = await users.GetUserAsync(principal).ConfigureAwait(false);
        // A password that must be changed (expired while the page was open) ends the circuit too: the next
        // request meets the forced change.
        if (user is null || await users.IsLockedOutAsync(user).ConfigureAwait(false) || passwords.ChangeRequired(user, clock.UtcNow) is not null)
        {
            return false;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await users.GetSecurityStampAsync(user).ConfigureAwait(false);
        return string.Equals(principalStamp, userStamp, StringComparison.Ordinal);
    }
}
