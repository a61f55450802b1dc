namespace RectificationTracker.Web.Features.Rounds;

/// <summary>A unit in a picker: its id, its name as the input shows it, and the list's label (indented by depth).</summary>
public sealed record UnitOption(int Id, string Name, string Label)
{
    public static IReadOnlyList<UnitOption> From(IEnumerable<Infrastructure.UnitInfo> units) =>
        units.Select(u => new UnitOption(u.Id, u.Name, u.IndentedName)).ToList();
}
