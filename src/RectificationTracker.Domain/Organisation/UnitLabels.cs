namespace RectificationTracker.Domain.Organisation;

/// <summary>A unit as the labelling rule needs it.</summary>
public sealed record UnitNode(int Id, string Name, int? ParentId, string? ShortName = null);

/// <summary>
/// The one rule for how a unit reads wherever it is shown, grouped or exported: distinct and readable.
/// Three counties each have a 综合办公室; a bare "综合办公室" on a board lane, a ledger row or a bulletin
/// cannot tell them apart (issue 12).
/// </summary>
/// <remarks>
/// A unit reads as its configured short name (简称) when it has one, else as its name. When that reading
/// is shared with another unit, every unit sharing it is qualified by its parent —
/// "西河县人民检察院 / 综合办公室" — and, while still shared, by the grandparent and so on. Ancestors are
/// named by their own short name when they have one. A unique name is never qualified, so most labels
/// stay as short as the name. Labels depend on the whole tree: compute them over all units, not a scope.
/// </remarks>
public static class UnitLabels
{
    public const string Separator = " / ";

    public static IReadOnlyDictionary<int, string> Build(IEnumerable<UnitNode> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var byId = units.ToDictionary(u => u.Id);
        static string Own(UnitNode u) => string.IsNullOrWhiteSpace(u.ShortName) ? u.Name : u.ShortName.Trim();

        var labels = byId.Values.ToDictionary(u => u.Id, Own);
        // How far up each unit is qualified; the next ancestor to prepend.
        var next = byId.Values.ToDictionary(u => u.Id, u => u.ParentId);
        for (var round = 0; round < 64; round++)
        {
            var clashes = labels.GroupBy(l => l.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g).ToList();
            var changed = false;
            foreach (var (id, label) in clashes)
            {
                if (next[id] is { } ancestorId && byId.TryGetValue(ancestorId, out var ancestor))
                {
                    labels[id] = Own(ancestor) + Separator + label;
                    next[id] = ancestor.ParentId;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return labels;
    }
}
