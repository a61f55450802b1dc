using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>Helpers for the Radzen inputs the admin forms use.</summary>
internal static class AdminForms
{
    /// <summary>
    /// Picks an option of the Radzen drop-down labelled <paramref name="label"/>: open it, type in its
    /// filter box, click the option whose text contains <paramref name="option"/>.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        var field = page.Locator(".rt-field").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) });
        var dropDown = field.GetByRole(AriaRole.Combobox).First;
        await dropDown.ClickAsync();
        var panel = page.Locator(".rz-dropdown-panel:visible");
        await panel.Locator("input.rz-dropdown-filter").FillAsync(option);
        await panel.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(Regex.Escape(option)) }).First.ClickAsync();
    }

    public static ILocator Status(IPage page) => page.GetByRole(AriaRole.Status);

    public static ILocator Alert(IPage page) => page.GetByRole(AriaRole.Alert);
}
