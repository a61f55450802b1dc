namespace RectificationTracker.Domain.Organisation;

/// <summary>
/// Who is acting: the signed-in user as the domain sees them. <see cref="UnitPath"/> is the
/// materialised path of the user's unit; the user's scope is that unit and everything below it.
/// </summary>
public sealed record Actor(string UserId, string Name, IReadOnlySet<Role> Roles, int UnitId, string UnitPath)
{
    public bool Has(Role role) => Roles.Contains(role);

    public bool InScope(string? unitPath) => OrgUnit.Contains(UnitPath, unitPath);

    /// <summary>Office staff act on a round when its office unit is their unit or below it.</summary>
    public bool RunsRoundOf(string? roundOfficeUnitPath) => Has(Role.Office) && InScope(roundOfficeUnitPath);

    /// <summary>Supervisors read; only the other roles may change anything.</summary>
    public bool IsReadOnly => !Has(Role.Admin) && !Has(Role.Office) && !Has(Role.Unit) && !Has(Role.Leader);
}
