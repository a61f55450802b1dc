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

    public static IElement Row<T>(IRenderedComponent<T> page, string label)
        where T : IComponent =>
        page.FindAll(".rt-form-row").Single(r => r.QuerySelector("label")?.TextContent.Trim() == label);

    public static IElement Button<T>(IRenderedComponent<T> page, string text)
        where T : IComponent =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text);
}
