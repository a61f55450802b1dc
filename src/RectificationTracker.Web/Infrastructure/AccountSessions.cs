using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectificationTracker.Web.Data;

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

/// <summary>
/// The Identity user manager. Tells <see cref="AccountSessions"/> whenever a saved user's security stamp changed, and
/// keeps the password history: whenever a user is saved with a new password hash, the hash is added to
/// <see cref="TrackerDbContext.PasswordHistory"/> (the last <see cref="PasswordPolicyOptions.RememberedPasswords"/>
/// are kept) and <see cref="AppUser.PasswordChangedAtUtc"/> is set, in the same save.
/// </summary>
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
    AccountSessions sessions,
    TrackerDbContext db,
    PasswordPolicy policy,
    Clock clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!string.IsNullOrEmpty(user.PasswordHash))
        {
            await RememberPasswordAsync(user).ConfigureAwait(false);
        }

        return await base.CreateAsync(user).ConfigureAwait(false);
    }

    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entry = db.ChangeTracker.Entries<AppUser>().FirstOrDefault(e => ReferenceEquals(e.Entity, user));
        var before = entry?.Property(u => u.SecurityStamp).OriginalValue;
        var hashBefore = entry?.Property(u => u.PasswordHash).OriginalValue;
        if (entry is not null && !string.IsNullOrEmpty(user.PasswordHash) && !string.Equals(hashBefore, user.PasswordHash, StringComparison.Ordinal))
        {
            await RememberPasswordAsync(user).ConfigureAwait(false);
        }

        var result = await base.UpdateUserAsync(user).ConfigureAwait(false);
        if (result.Succeeded && (entry is null || !string.Equals(before, user.SecurityStamp, StringComparison.Ordinal)))
        {
            sessions.End(user.Id);
        }

        return result;
    }

    /// <summary>Adds the user's new hash to the password history (saved with the user) and drops the ones no longer needed.</summary>
    private async Task RememberPasswordAsync(AppUser user)
    {
        var now = clock.UtcNow;
        user.PasswordChangedAtUtc = now;
        var keep = Math.Max(1, policy.Options.RememberedPasswords);
        var older = await db.PasswordHistory.Where(p => p.UserId == user.Id).OrderByDescending(p => p.Id).Skip(keep - 1)
            .ToListAsync().ConfigureAwait(false);
        db.PasswordHistory.RemoveRange(older);
        db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = user.PasswordHash!, SetAtUtc = now });
    }
}
