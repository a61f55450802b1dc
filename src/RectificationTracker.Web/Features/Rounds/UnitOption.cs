namespace RectificationTracker.Web.Features.Rounds;

/// <summary>
/// A unit in a picker: its id, its name as the input shows it (the unit's distinct label, <see cref="Domain.Organisation.UnitLabels"/>:
/// "东岭县人民检察院 / 综合办公室"), and the list's label (that, indented by depth).
/// </summary>
public sealed record UnitOption(int Id, string Name, string Label)
{
    public static IReadOnlyList<UnitOption> From(IEnumerable<Infrastructure.UnitInfo> units) =>
        units.Select(u => new UnitOption(u.Id, u.Label, new string('\u3000', u.Depth) + u.Label)).ToList();
}
