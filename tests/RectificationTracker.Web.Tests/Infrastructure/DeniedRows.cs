using System.Globalization;
using System.Text.RegularExpressions;
using RectificationTracker.Domain.History;

namespace RectificationTracker.Web.Tests.Infrastructure;

/// <summary>Reads an aggregated denied-attempt row as a reader of the history does: "…被拒绝 N 次(…".</summary>
public static partial class DeniedRows
{
    public static int Count(HistoryEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var match = Counted().Match(row.Details ?? "");
        Assert.True(match.Success, "Not an aggregated denied row: " + row.Details);
        return int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("被拒绝 (?<n>\\d+) 次\\(")]
    private static partial Regex Counted();
}
