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

    /// <summary>
    /// Closes an open multi-select list (it stays open after a pick) and waits until it is gone, so it cannot
    /// cover the buttons under it. Escape goes through the server; on a slow machine it is pressed again.
    /// </summary>
    public static async Task CloseListAsync(IPage page)
    {
        var open = page.Locator(".mud-popover-open");
        for (var attempt = 0; attempt < 3 && await open.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await open.First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5000 });
            }
            catch (TimeoutException)
            {
                // Still open: press again.
            }
        }

        await Microsoft.Playwright.Assertions.Expect(open).ToHaveCountAsync(0);
    }

    public static ILocator Status(IPage page) => page.GetByRole(AriaRole.Status);

    public static ILocator Alert(IPage page) => page.GetByRole(AriaRole.Alert);
}
