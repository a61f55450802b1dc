namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// One password an account has had, as Identity's hash (never the password): the last
/// <see cref="PasswordPolicyOptions.RememberedPasswords"/> are kept so a new password cannot repeat them.
/// </summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTime SetAtUtc { get; set; }
}
