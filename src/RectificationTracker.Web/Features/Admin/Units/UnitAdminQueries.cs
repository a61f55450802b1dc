using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Admin.Units;

/// <summary>A row of the organisation tree on the admin page, in tree order.</summary>
public sealed record UnitRow(
    int Id, string Name, UnitKind Kind, int? ParentId, string? ParentName, int Depth, string Path,
    int SortOrder, bool IsActive, int UserCount)
{
    public string? ShortName { get; init; }

    public string? BulletinIssuer { get; init; }

    public string KindName => UnitKindNames.DisplayName(Kind);
}

/// <summary>
/// A choice in a unit drop-down: indented by depth, and with the parent's name below the first level,
/// since every county has departments of the same names (综合办公室…).
/// </summary>
public sealed record UnitChoice(int Id, string Label)
{
    internal static UnitChoice From(UnitInfo unit, IReadOnlyDictionary<int, string> names) =>
        new(unit.Id, unit.Depth >= 2 && unit.ParentId is { } p && names.TryGetValue(p, out var parent)
            ? $"{unit.IndentedName}({parent})"
            : unit.IndentedName);
}

public sealed class UnitAdminQueries(IDbContextFactory<TrackerDbContext> dbFactory, UnitDirectory units)
{
    public async Task<IReadOnlyList<UnitRow>> TreeAsync(Actor actor, CancellationToken ct = default)
    {
        AdminAccess.Demand(actor);
        var all = await units.AllAsync(ct).ConfigureAwait(false);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var userCounts = await db.Users.GroupBy(u => u.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct).ConfigureAwait(false);
        var names = all.ToDictionary(u => u.Id, u => u.Name);
        return all.Select(u => new UnitRow(
                u.Id, u.Name, u.Kind, u.ParentId, u.ParentId is { } p ? names.GetValueOrDefault(p) : null, u.Depth, u.Path,
                u.SortOrder, u.IsActive, userCounts.GetValueOrDefault(u.Id)) { ShortName = u.ShortName, BulletinIssuer = u.BulletinIssuer })
            .ToList();
    }

    /// <summary>
    /// Units a unit may be placed under: active ones, excluding <paramref name="movingUnitId"/> and
    /// everything below it (a unit cannot become its own ancestor).
    /// </summary>
    public async Task<IReadOnlyList<UnitChoice>> ParentChoicesAsync(int? movingUnitId, CancellationToken ct = default)
    {
        var all = await units.AllAsync(ct).ConfigureAwait(false);
        var moving = movingUnitId is { } id ? all.FirstOrDefault(u => u.Id == id) : null;
        var names = all.ToDictionary(u => u.Id, u => u.Name);
        return all.Where(u => u.IsActive && (moving is null || !OrgUnit.Contains(moving.Path, u.Path)))
            .Select(u => UnitChoice.From(u, names))
            .ToList();
    }

    /// <summary>Active units a user may belong to.</summary>
    public async Task<IReadOnlyList<UnitChoice>> ActiveUnitsAsync(CancellationToken ct = default)
    {
        var all = await units.AllAsync(ct).ConfigureAwait(false);
        var names = all.ToDictionary(u => u.Id, u => u.Name);
        return all.Where(u => u.IsActive).Select(u => UnitChoice.From(u, names)).ToList();
    }
}
