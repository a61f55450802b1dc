namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// An administrator disables (停用) an account by locking it out for good; a temporary lockout after
/// repeated wrong passwords ends by itself. Both live in Identity's <c>LockoutEnd</c>.
/// </summary>
public static class AccountLockout
{
    /// <summary>The lockout end an administrator sets to disable an account.</summary>
    public static readonly DateTimeOffset Disabled = DateTimeOffset.MaxValue;

    /// <summary>Anything this far ahead is a deliberate disable rather than a timed lockout.</summary>
    private static readonly DateTimeOffset DisabledThreshold = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd >= DisabledThreshold;

    public static bool IsTemporarilyLocked(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd > now && !IsDisabled(lockoutEnd);
}
