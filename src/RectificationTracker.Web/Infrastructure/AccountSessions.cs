using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// Announces that an account's sessions are over: its security stamp changed (logout, password change
/// or reset, disabling, roles or unit changed). Every open circuit of that account listens
/// (<see cref="IdentityRevalidatingAuthenticationStateProvider"/>) and signs out at once; requests check
/// the stamp themselves on every request (SecurityStampValidatorOptions.ValidationInterval is zero).
/// </summary>
public sealed class AccountSessions
{
    /// <summary>Raised with the user id whose sessions ended.</summary>
    public event Action<string>? Ended;

    public void End(string userId) => Ended?.Invoke(userId);
}

/// <summary>The Identity user manager, telling <see cref="AccountSessions"/> whenever a saved user's security stamp changed.</summary>
public sealed class TrackerUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    AccountSessions sessions)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var context = Store.GetType().GetProperty("Context")?.GetValue(Store) as DbContext;
        var entry = context?.ChangeTracker.Entries<AppUser>().FirstOrDefault(e => ReferenceEquals(e.Entity, user));
        var before = entry?.Property(u => u.SecurityStamp).OriginalValue;
        var result = await base.UpdateUserAsync(user).ConfigureAwait(false);
        if (result.Succeeded && (entry is null || !string.Equals(before, user.SecurityStamp, StringComparison.Ordinal)))
        {
            sessions.End(user.Id);
        }

        return result;
    }
}
