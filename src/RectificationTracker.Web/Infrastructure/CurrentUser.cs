using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>Claims the app adds to the Identity principal.</summary>
public static class TrackerClaims
{
    public const string DisplayName = "tracker:display_name";
    public const string UnitId = "tracker:unit_id";

    /// <summary>Present (with a <see cref="PasswordChangeReason"/>) while the account must change its password first.</summary>
    public const string PasswordChange = "tracker:password_change";
}

/// <summary>
/// Turns the signed-in principal into the domain's <see cref="Actor"/>. The unit path comes from the
/// unit directory (not the cookie) so a unit moved in the tree takes effect at once.
/// </summary>
public sealed class ActorResolver(UnitDirectory units)
{
    public async Task<Actor> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new DomainException("未登录或登录已过期,请重新登录。");
        var unitId = int.Parse(principal.FindFirstValue(TrackerClaims.UnitId) ?? "0", CultureInfo.InvariantCulture);
        var unit = await units.FindAsync(unitId, ct).ConfigureAwait(false)
            ?? throw new DomainException("您的账号未归属任何单位,请联系系统管理员。");
        var roles = principal.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null)
            .OfType<Role>()
            .ToHashSet();
        var name = principal.FindFirstValue(TrackerClaims.DisplayName) ?? principal.Identity?.Name ?? id;
        return new Actor(id, name, roles, unit.Id, unit.Path);
    }
}

/// <summary>The current circuit's (or request's) actor, for components and services.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authState, ActorResolver resolver)
{
    private Actor? _actor;

    public async Task<Actor> GetAsync(CancellationToken ct = default)
    {
        if (_actor is not null)
        {
            return _actor;
        }

        var state = await authState.GetAuthenticationStateAsync().ConfigureAwait(false);
        _actor = await resolver.ResolveAsync(state.User, ct).ConfigureAwait(false);
        return _actor;
    }
}
