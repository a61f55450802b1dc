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
/// <remarks>
/// Not ASP.NET's <c>RevalidatingServerAuthenticationStateProvider</c>: its loop waits on a cancelled
/// <c>Task.Delay</c>, so every prerendered page request ended with a thrown and caught
/// <see cref="TaskCanceledException"/> (issue 12). Here one loop waits on a <see cref="PeriodicTimer"/>;
/// disposing the timer ends the wait without an exception.
/// </remarks>
public sealed class IdentityRevalidatingAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    /// <summary>A backstop: sessions normally end at once through <see cref="AccountSessions"/>.</summary>
    private static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly AccountSessions sessions;
    private readonly PasswordPolicy passwords;
    private readonly Clock clock;
    private readonly ILogger logger;
    private readonly PeriodicTimer timer = new(RevalidationInterval);
    private int loopStarted;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILogger<IdentityRevalidatingAuthenticationStateProvider> logger,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        AccountSessions sessions,
        PasswordPolicy passwords,
        Clock clock)
    {
        this.logger = logger;
        this.passwords = passwords;
        this.clock = clock;
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.sessions = sessions;
        sessions.Ended += OnSessionsEnded;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    public void Dispose()
    {
        sessions.Ended -= OnSessionsEnded;
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        timer.Dispose();
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        if (Interlocked.Exchange(ref loopStarted, 1) == 0)
        {
            _ = RevalidateAsync();
        }
    }

    private async Task RevalidateAsync()
    {
        try
        {
            while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                var state = await GetAuthenticationStateAsync().ConfigureAwait(false);
                if (state.User.Identity?.IsAuthenticated == true && !await IsStillValidAsync(state.User).ConfigureAwait(false))
                {
                    SignOutCircuit();
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed check must not leave a session open that may have ended: sign the circuit out.
            logger.LogError(e, "会话复核失败，已退出该页面的登录状态。");
            SignOutCircuit();
        }
    }

    private void SignOutCircuit() =>
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    private async void OnSessionsEnded(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync().ConfigureAwait(false);
            if (string.Equals(state.User.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType), userId, StringComparison.Ordinal))
            {
                SignOutCircuit();
            }
        }
        catch (InvalidOperationException)
        {
            // The circuit has not been given its user yet, or is going away: nothing to end.
        }
    }

    private async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
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
