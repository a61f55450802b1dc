using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Ledger;

/// <summary>
/// The ledger's filter. It round-trips through the URL query string so a view can be shared, and the
/// worklists, dashboard drill-downs and exports use the same object.
/// </summary>
public sealed record LedgerFilter
{
    public int? RoundId { get; init; }

    public int? UnitId { get; init; }

    public string? LeadLeaderId { get; init; }

    /// <summary>An aspect (方面) of a round's feedback; the dashboard drills down by it.</summary>
    public int? AspectId { get; init; }

    public TaskCategory? Category { get; init; }

    public TaskState? State { get; init; }

    public TaskLight? Light { get; init; }

    public DateOnly? DeadlineFrom { get; init; }

    public DateOnly? DeadlineTo { get; init; }

    public string? Text { get; init; }

    /// <summary>Only tasks reopened at least once (重新挂账, <see cref="Domain.Metrics.ReopenedTasks"/>): the dashboard's drill-down.</summary>
    public bool Reopened { get; init; }

    /// <summary>Worklist presets: mine, review, signoff.</summary>
    public string? List { get; init; }

    public string Sort { get; init; } = "number";

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>
    /// How many of the filter's fields are set (the phone's folded filter button shows it); the page and the worklist
    /// preset are not fields.
    /// </summary>
    public int SetFieldCount =>
        new[] { RoundId is not null, UnitId is not null, LeadLeaderId is not null, AspectId is not null, Category is not null, State is not null,
            Light is not null, DeadlineFrom is not null, DeadlineTo is not null, !string.IsNullOrWhiteSpace(Text), Reopened }.Count(set => set);

    public bool IsEmpty => SetFieldCount == 0 && List is null;

    public string ToQueryString()
    {
        var q = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["round"] = RoundId?.ToString(CultureInfo.InvariantCulture),
            ["unit"] = UnitId?.ToString(CultureInfo.InvariantCulture),
            ["leader"] = LeadLeaderId,
            ["aspect"] = AspectId?.ToString(CultureInfo.InvariantCulture),
            ["category"] = Category?.ToString(),
            ["state"] = State?.ToString(),
            ["light"] = Light?.ToString(),
            ["from"] = DeadlineFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = DeadlineTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
            ["list"] = List,
            ["reopened"] = Reopened ? "1" : null,
            ["sort"] = Sort == "number" ? null : Sort,
            ["desc"] = Descending ? "1" : null,
            ["page"] = Page > 0 ? Page.ToString(CultureInfo.InvariantCulture) : null,
            ["size"] = PageSize != 25 ? PageSize.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("", q.Where(kv => kv.Value is not null)!);
    }

    public static LedgerFilter Parse(string? queryString)
    {
        var q = QueryHelpers.ParseQuery(queryString);
        string? S(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        int? I(string key) => int.TryParse(S(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        DateOnly? D(string key) => DateOnly.TryParseExact(S(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        T? E<T>(string key) where T : struct, Enum => Enum.TryParse<T>(S(key), out var e) && Enum.IsDefined(e) ? e : null;
        return new LedgerFilter
        {
            RoundId = I("round"),
            UnitId = I("unit"),
            LeadLeaderId = S("leader"),
            AspectId = I("aspect"),
            Category = E<TaskCategory>("category"),
            State = E<TaskState>("state"),
            Light = E<TaskLight>("light"),
            DeadlineFrom = D("from"),
            DeadlineTo = D("to"),
            Text = S("q"),
            List = Tasks.Worklist.IsKnown(S("list")) ? S("list") : null,
            Reopened = S("reopened") == "1",
            Sort = S("sort") ?? "number",
            Descending = S("desc") == "1",
            Page = Math.Max(0, I("page") ?? 0),
            PageSize = Math.Clamp(I("size") ?? 25, 10, 200),
        };
    }
}
