using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Ledger;

namespace RectificationTracker.Web.Features.Dashboard;

/// <summary>
/// The dashboard's filter: the ledger's round, unit, lead leader, category and deadline range (same URL
/// keys, so a drill-down carries them over unchanged), plus the as-of date.
/// </summary>
public sealed record DashboardFilter
{
    public int? RoundId { get; init; }

    public int? UnitId { get; init; }

    public string? LeadLeaderId { get; init; }

    public TaskCategory? Category { get; init; }

    /// <summary>整改时限 from (inclusive), as in the ledger.</summary>
    public DateOnly? DeadlineFrom { get; init; }

    public DateOnly? DeadlineTo { get; init; }

    /// <summary>Show the figures as they stood at the end of this local date (reconstructed from the history).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>How many of the filter's fields are set (the phone's folded filter button shows it).</summary>
    public int SetFieldCount => ToLedger().SetFieldCount + (AsOf is null ? 0 : 1);

    /// <summary>The same filter as the ledger's; a drill-down adds a state, light, aspect or unit.</summary>
    public LedgerFilter ToLedger() => new()
    {
        RoundId = RoundId,
        UnitId = UnitId,
        LeadLeaderId = LeadLeaderId,
        Category = Category,
        DeadlineFrom = DeadlineFrom,
        DeadlineTo = DeadlineTo,
    };

    /// <summary>The 重新挂账 figure's drill-down: the ledger with this filter and only the reopened tasks.</summary>
    public LedgerFilter ReopenedDrill() => ToLedger() with { Reopened = true };

    public string ToQueryString()
    {
        var ledger = ToLedger().ToQueryString();
        return AsOf is { } d
            ? QueryHelpers.AddQueryString(ledger, "asof", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : ledger;
    }

    public static DashboardFilter Parse(string? queryString)
    {
        var l = LedgerFilter.Parse(queryString);
        var q = QueryHelpers.ParseQuery(queryString);
        DateOnly? asOf = q.TryGetValue("asof", out var v)
            && DateOnly.TryParseExact(v.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new DashboardFilter
        {
            RoundId = l.RoundId,
            UnitId = l.UnitId,
            LeadLeaderId = l.LeadLeaderId,
            Category = l.Category,
            DeadlineFrom = l.DeadlineFrom,
            DeadlineTo = l.DeadlineTo,
            AsOf = asOf,
        };
    }
}
