using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace RectificationTracker.Web.Components.Tests.Pages;

/// <summary>Reading a rendered page as a user sees it: a field's messages by its label, buttons by their text.</summary>
internal static class PageMarkup
{
    /// <summary>The messages shown beside the field labelled <paramref name="label"/>.</summary>
    public static IReadOnlyList<string> MessagesBeside<T>(IRenderedComponent<T> page, string label)
        where T : IComponent =>
        Row(page, label).QuerySelectorAll(".rt-field-error").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The error shown under the MudBlazor input labelled <paramref name="label"/> (its helper line).</summary>
    public static IReadOnlyList<string> MudMessagesBeside<T>(IRenderedComponent<T> page, string label)
        where T : IComponent =>
        page.FindAll(".mud-input-control")
            .Single(c => c.QuerySelector("label.mud-input-label")?.TextContent.Trim() == label)
            .QuerySelectorAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The text box (input or textarea) of the MudBlazor field labelled <paramref name="label"/>.</summary>
    public static IElement MudInput<T>(IRenderedComponent<T> page, string label)
        where T : IComponent =>
        page.FindAll(".mud-input-control")
            .Single(c => c.QuerySelector("label.mud-input-label")?.TextContent.Trim() == label)
            .QuerySelector("textarea, input") ?? throw new InvalidOperationException("no text box labelled " + label);

    public static IElement Row<T>(IRenderedComponent<T> page, string label)
        where T : IComponent =>
        page.FindAll(".rt-form-row").Single(r => r.QuerySelector("label")?.TextContent.Trim() == label);

    public static IElement Button<T>(IRenderedComponent<T> page, string text)
        where T : IComponent =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text);
}
