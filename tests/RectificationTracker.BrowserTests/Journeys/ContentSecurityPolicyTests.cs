using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

[Collection(RunningApp.Name)]
public sealed class ContentSecurityPolicyTests(AppFixture app)
{
    [Fact]
    public async Task Pages_work_under_the_content_security_policy_without_violations()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        try
        {
            await new LoginPage(page).LoginAsync("office", "tracker2026");
            foreach (var path in new[] { "/", "/ledger", "/dashboard", "/rounds", "/flowchart" })
            {
                var response = await page.GotoAsync(path);
                Assert.Contains("default-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
                await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            }

            // Interactive over the circuit: the bell opens its list.
            await page.GotoAsync("/");
            await new HomePage(page).WaitUntilInteractiveAsync(); // a click on the prerendered page would be lost
            await page.Locator(".rt-bell-button").ClickAsync();
            await Expect(page.Locator(".rt-bell-button")).ToHaveAttributeAsync("aria-expanded", "true");

            Assert.Empty(violations);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
