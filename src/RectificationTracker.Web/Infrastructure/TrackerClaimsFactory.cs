using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// Adds the display name and unit to the sign-in cookie, and marks a principal whose password must be changed
/// first (<see cref="TrackerClaims.PasswordChange"/>). The principal is rebuilt from the database on every request
/// (the security stamp is checked on each one), so the mark comes and goes with the account's state.
/// </summary>
public sealed class TrackerClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, PasswordPolicy passwords, Clock clock)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(new Claim(TrackerClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(TrackerClaims.UnitId, user.UnitId.ToString(CultureInfo.InvariantCulture)));
        if (passwords.ChangeRequired(user, clock.UtcNow) is { } reason)
        {
            identity.AddClaim(new Claim(TrackerClaims.PasswordChange, reason.ToString()));
        }

        return identity;
    }
}
