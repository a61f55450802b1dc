using Microsoft.AspNetCore.Identity;
using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>An account. Belongs to one organisation unit; roles come from Identity.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>职务, e.g. 党组书记、检察长、办公室主任.</summary>
    public string? JobTitle { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The password was set by an administrator (new account, reset) or generated at the first start: the user may
    /// do nothing but change it (docs/security.md, forced change).
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the password was last set; with <see cref="PasswordPolicyOptions.MaxAgeDays"/> it expires.</summary>
    public DateTime? PasswordChangedAtUtc { get; set; }
}
