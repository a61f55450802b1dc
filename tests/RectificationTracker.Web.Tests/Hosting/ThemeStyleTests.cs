using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Hosting;

/// <summary>The first response of a page carries the red theme's stylesheet, written from the cache (ThemeStyleCache).</summary>
[Collection(SharedApp.Name)]
public sealed class ThemeStyleTests(TrackerFactory app)
{
    [Fact]
    public async Task A_prerendered_page_carries_the_theme_stylesheet_once()
    {
        using var client = await FormLogin.SignedInClientAsync(app, "office", DemoOrganisation.DemoPassword);

        var first = await FormLogin.GetPageAsync(client, "/ledger");
        var second = await FormLogin.GetPageAsync(client, "/rounds");

        foreach (var html in new[] { first, second })
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<style class='mud-theme-provider'>"));
            Assert.Contains("--mud-palette-primary-rgb: 183,28,28;", html, StringComparison.Ordinal); // TrackerTheme.Red, #b71c1c
        }
    }
}
