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
}
