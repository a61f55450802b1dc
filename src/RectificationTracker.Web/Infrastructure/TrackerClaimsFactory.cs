using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>Adds the display name and unit to the sign-in cookie.</summary>
public sealed class TrackerClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(new Claim(TrackerClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(TrackerClaims.UnitId, user.UnitId.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
