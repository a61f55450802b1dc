using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// The password policy as Identity's validator, so that every way a password is set (an administrator's create
/// or reset, the user's own change, the first administrator at seeding) is held to it on the server: length and
/// character classes (<see cref="PasswordPolicy.Check"/>), and no reuse of the last passwords: the current one
/// and those in the password history (hashes only, compared with Identity's own hasher).
/// </summary>
public sealed class PolicyPasswordValidator(PasswordPolicy policy, TrackerDbContext db) : IPasswordValidator<AppUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var errors = policy.Check(password).ToList();
        if (errors.Count == 0 && password is not null && await WasUsedAsync(manager, user, password).ConfigureAwait(false))
        {
            errors.Add(PasswordPolicy.ReusedError(policy.Options.RememberedPasswords));
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private async Task<bool> WasUsedAsync(UserManager<AppUser> manager, AppUser user, string password)
    {
        var remembered = policy.Options.RememberedPasswords;
        if (remembered <= 0)
        {
            return false;
        }

        // The current password counts as used (also for an account older than the password history).
        var hashes = new List<string>(remembered + 1);
        if (!string.IsNullOrEmpty(user.PasswordHash))
        {
            hashes.Add(user.PasswordHash);
        }

        hashes.AddRange(await db.PasswordHistory.AsNoTracking()
            .Where(p => p.UserId == user.Id)
            .OrderByDescending(p => p.Id)
            .Take(remembered)
            .Select(p => p.PasswordHash)
            .ToListAsync().ConfigureAwait(false));
        return hashes.Distinct(StringComparer.Ordinal)
            .Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }
}
