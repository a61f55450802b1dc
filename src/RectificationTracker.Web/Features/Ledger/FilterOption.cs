namespace RectificationTracker.Web.Features.Ledger;

/// <summary>
/// One choice of a type-to-filter picker: its key (what goes into the URL) and its text (what the input and the
/// list show, and what typing matches).
/// </summary>
public sealed record FilterOption<TKey>(TKey Key, string Text);

public static class FilterOptions
{
    /// <summary>The options whose text contains <paramref name="typed"/> (all of them for empty input).</summary>
    public static IEnumerable<FilterOption<TKey>> Matching<TKey>(IReadOnlyList<FilterOption<TKey>> options, string? typed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = typed?.Trim();
        return string.IsNullOrEmpty(text)
            ? options
            : options.Where(o => o.Text.Contains(text, StringComparison.OrdinalIgnoreCase));
    }
}
