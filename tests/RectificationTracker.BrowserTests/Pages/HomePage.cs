using Microsoft.Playwright;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>The shell every signed-in page shares, and the home page's greeting.</summary>
public sealed class HomePage(IPage page)
{
    public ILocator Greeting => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Navigation => page.Locator(".mud-drawer");

    /// <summary>
    /// Prerendered pages are visible before the circuit connects; clicks only work once the layout
    /// reports that it renders interactively.
    /// </summary>
    public async Task WaitUntilInteractiveAsync() =>
        await page.Locator("main[data-interactive='true']").WaitForAsync();
}
