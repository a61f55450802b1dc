using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// The organisation tree, cached in memory (hundreds of units at most) and refreshed when an admin
/// changes a unit. Used for scope paths, names and pickers.
/// </summary>
public sealed class UnitDirectory(IDbContextFactory<TrackerDbContext> dbFactory) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IReadOnlyList<UnitInfo>? _all;

    public async Task<IReadOnlyList<UnitInfo>> AllAsync(CancellationToken ct = default)
    {
        if (_all is { } cached)
        {
            return cached;
        }

        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_all is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
                var rows = await db.Units.AsNoTracking()
                    .Select(u => new UnitInfo(u.Id, u.Name, u.ParentId, u.Kind, u.Path, u.SortOrder, u.IsActive) { ShortName = u.ShortName, BulletinIssuer = u.BulletinIssuer })
                    .ToListAsync(ct).ConfigureAwait(false);
                var labels = UnitLabels.Build(rows.Select(r => new UnitNode(r.Id, r.Name, r.ParentId, r.ShortName)));
                _all = OrderAsTree(rows.Select(r => r with { Label = labels[r.Id] }).ToList());
            }

            return _all;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<UnitInfo?> FindAsync(int id, CancellationToken ct = default) =>
        (await AllAsync(ct).ConfigureAwait(false)).FirstOrDefault(u => u.Id == id);

    /// <summary>Every unit's distinct, readable label (<see cref="UnitLabels"/>), by id.</summary>
    public async Task<IReadOnlyDictionary<int, string>> LabelsAsync(CancellationToken ct = default) =>
        (await AllAsync(ct).ConfigureAwait(false)).ToDictionary(u => u.Id, u => u.Label);

    /// <summary>Units in the scope of <paramref name="scopePath"/> (that unit and below), in tree order.</summary>
    public async Task<IReadOnlyList<UnitInfo>> InScopeAsync(string scopePath, CancellationToken ct = default) =>
        (await AllAsync(ct).ConfigureAwait(false)).Where(u => OrgUnit.Contains(scopePath, u.Path)).ToList();

    public void Invalidate() => _all = null;

    public void Dispose() => _lock.Dispose();

    private static List<UnitInfo> OrderAsTree(List<UnitInfo> rows)
    {
        var byParent = rows.ToLookup(r => r.ParentId);
        var result = new List<UnitInfo>(rows.Count);
        void Walk(int? parent, int depth)
        {
            foreach (var u in byParent[parent].OrderBy(u => u.SortOrder).ThenBy(u => u.Id))
            {
                result.Add(u with { Depth = depth });
                Walk(u.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return result;
    }
}

public sealed record UnitInfo(int Id, string Name, int? ParentId, UnitKind Kind, string Path, int SortOrder, bool IsActive)
{
    public int Depth { get; init; }

    public string? ShortName { get; init; }

    public string? BulletinIssuer { get; init; }

    /// <summary>How the unit reads wherever it is shown, grouped or exported: distinct from every other unit (<see cref="UnitLabels"/>).</summary>
    public string Label { get; init; } = Name;

    /// <summary>Name indented by depth, for drop-downs.</summary>
    public string IndentedName => new string('\u3000', Depth) + Name;
}
