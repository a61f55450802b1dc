using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>Helpers for the MudBlazor inputs the forms use (admin, rounds, tasks).</summary>
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

    /// <summary>Opens the MudBlazor select labelled <paramref name="label"/> and picks the first option containing <paramref name="option"/>.</summary>
    /// <remarks>
    /// A pick clicked while the list is still opening can be lost; as a user would, it looks at the field and picks
    /// again (up to three times) until the field shows the option.
    /// </remarks>
    public static async Task PickAsync(IPage page, string label, string option)
    {
        var select = page.Locator(".mud-select").Filter(new() { Has = page.Locator("label", new() { HasText = label }) }).First;
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (DateTime.UtcNow < deadline)
            {
                if (await select.EvaluateAsync<bool>("(el, text) => [...el.querySelectorAll('input')].some(i => i.value.includes(text))", option))
                {
                    return;
                }

                await Task.Delay(100);
            }

            if (attempt == 3)
            {
                throw new TimeoutException($"The select {label} does not show {option} after three picks.");
            }
        }
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
