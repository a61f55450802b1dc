using System.Globalization;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// Which ranking row a task's responsible unit is reported under. Bulletins rank the units directly
/// below the one being looked at (a city's departments and counties; a county's departments), so a
/// task of a county's department counts for the county. Units are identified by materialised paths
/// ("/1/4/7/", see <see cref="Organisation.OrgUnit"/>).
/// </summary>
public static class UnitRollup
{
    /// <summary>
    /// The id of the unit directly below <paramref name="focusPath"/> on <paramref name="unitPath"/>;
    /// the focus unit itself when the task is the focus unit's own; the unit itself when it lies outside
    /// the focus (e.g. a task the user leads in another unit). Null when <paramref name="unitPath"/> is null.
    /// </summary>
    public static int? ReportingUnitId(string focusPath, string? unitPath)
    {
        ArgumentNullException.ThrowIfNull(focusPath);
        if (string.IsNullOrEmpty(unitPath))
        {
            return null;
        }

        if (unitPath.StartsWith(focusPath, StringComparison.Ordinal))
        {
            var rest = unitPath[focusPath.Length..];
            if (rest.Length == 0)
            {
                return LastId(unitPath);
            }

            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return int.Parse(slash < 0 ? rest : rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return LastId(unitPath);
    }

    private static int? LastId(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var last = trimmed[(slash + 1)..];
        return last.Length == 0 ? null : int.Parse(last, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
