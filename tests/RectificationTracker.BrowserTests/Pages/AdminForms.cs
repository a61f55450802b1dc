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
        // The list first shows every unit and is filtered by the server a moment later: a click on an item of the
        // unfiltered list can land while it is replaced and be lost, so wait until it holds only matching items.
        var items = OpenList(page).Locator(".mud-list-item");
        await Microsoft.Playwright.Assertions.Expect(items.Filter(new() { HasNotText = option })).ToHaveCountAsync(0);
        await items.Filter(new() { HasTextRegex = new Regex(Regex.Escape(option)) }).First.ClickAsync();
    }

    /// <summary>Types an ISO date into the editable date picker <paramref name="input"/>, leaves it, and checks it took.</summary>
    public static async Task FillDateAsync(ILocator input, string iso)
    {
        await input.FillAsync(iso);
        await input.PressAsync("Tab");
        await Microsoft.Playwright.Assertions.Expect(input).ToHaveValueAsync(iso);
    }

    /// <summary>
    /// Clicks the form's <paramref name="button"/> and waits for the page the save opens; when it does not open, fails
    /// with what the form said (a field it refused, an error banner) instead of only a timeout.
    /// </summary>
    public static async Task SaveAsync(IPage page, string button, Regex opens, string form)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(opens);
        }
        catch (TimeoutException)
        {
            var said = await page.Locator(".mud-input-error, .validation-message, .mud-alert-message").AllInnerTextsAsync();
            throw new TimeoutException($"{form} did not open the saved page ({page.Url}); the page says: {string.Join(" | ", said)}");
        }
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
