using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>Helpers for the MudBlazor inputs the admin forms use.</summary>
internal static class AdminForms
{
    /// <summary>
    /// Picks a unit in the type-to-filter picker labelled <paramref name="label"/>: type part of its name,
    /// click the first item of the open list whose text contains <paramref name="option"/>.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        var input = page.GetByLabel(label, new() { Exact = true });
        await input.ClickAsync();
        await input.FillAsync(option);
        await OpenList(page).Locator(".mud-list-item").Filter(new() { HasTextRegex = new Regex(Regex.Escape(option)) }).First.ClickAsync();
    }

    /// <summary>The open MudBlazor drop-down list (select, autocomplete).</summary>
    public static ILocator OpenList(IPage page) => page.Locator(".mud-popover-open").Last;

    public static ILocator Status(IPage page) => page.GetByRole(AriaRole.Status);

    public static ILocator Alert(IPage page) => page.GetByRole(AriaRole.Alert);
}
