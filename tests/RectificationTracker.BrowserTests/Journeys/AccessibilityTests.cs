using System.Reflection;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;

namespace RectificationTracker.BrowserTests.Journeys;

/// <summary>
/// axe-core (Deque's engine, not ours) on every page of the app, one test per route so that a failure names
/// its page: no serious or critical violation. Each page is visited signed in as a user who may see it, with
/// the demo data's real ids.
/// </summary>
[Collection(RunningApp.Name)]
public sealed class AccessibilityTests(AppFixture app)
{
    /// <summary>Every routable page: its route template, the URL visited ({round}, {task}, {problem} are real ids) and who visits.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/Account/Login", "/Account/Login", Anonymous },
        { "/Account/AccessDenied", "/Account/AccessDenied", "unit" },
        { "/Account/ChangePassword", "/Account/ChangePassword", "office" },
        { "/Error", "/Error", Anonymous },
        { "/not-found", "/not-found", "office" },
        { "/", "/", "office" },
        { "/rounds", "/rounds", "office" },
        { "/rounds/new", "/rounds/new", "office" },
        { "/rounds/{Id:int}", "/rounds/{round}", "office" },
        { "/rounds/{Id:int}/edit", "/rounds/{round}/edit", "office" },
        { "/rounds/{Id:int}/intake", "/rounds/{round}/intake", "office" },
        { "/rounds/{Id:int}/three-lists", "/rounds/{round}/three-lists", "office" },
        { "/rounds/{RoundId:int}/board", "/rounds/{round}/board", "office" },
        { "/ledger", "/ledger", "office" },
        { "/dashboard", "/dashboard", "office" },
        { "/flowchart", "/flowchart", "office" },
        { "/reports/bulletin", "/reports/bulletin", "office" },
        { "/tasks/new", "/tasks/new?problem={problem}", "office" },
        { "/tasks/{Id:int}", "/tasks/{task}", "unit" },
        { "/tasks/{Id:int}/edit", "/tasks/{task}/edit", "office" },
        { "/work/{List}", "/work/mine", "unit" },
        { "/digest", "/digest", "office" },
        { "/admin/units", "/admin/units", AppFixture.AdminUserName },
        { "/admin/users", "/admin/users", AppFixture.AdminUserName },
    };

    private const string Anonymous = "-";

    [Fact]
    public void Every_routable_page_is_checked()
    {
        var templates = typeof(RectificationTracker.Web.Components.App).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet(StringComparer.Ordinal);
        var checkedTemplates = Pages.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(templates.Except(checkedTemplates).Order());
        Assert.Empty(checkedTemplates.Except(templates).Order());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string template, string url, string user)
    {
        var page = await app.NewPageAsync();
        try
        {
            if (user != Anonymous)
            {
                await new LoginPage(page).LoginAsync(user, user == AppFixture.AdminUserName ? AppFixture.AdminPassword : DemoOrganisation.DemoPassword);
            }

            await page.GotoAsync(await ResolveAsync(url));
            // Signed-in pages: wait for the circuit, then for the page to settle (data loaded, spinners gone).
            if (user != Anonymous && !template.StartsWith("/Account/", StringComparison.Ordinal))
            {
                await new HomePage(page).WaitUntilInteractiveAsync();
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.Locator(".mud-progress-circular").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 })
                .ContinueWith(_ => { }, TaskScheduler.Default);

            var result = await page.RunAxe();
            var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(blocking.Count == 0, $"{template} ({url}, {user}):\n" + string.Join("\n", blocking.Select(v =>
                $"- [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html)))));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Fills the ids in from the demo data: the first round, its first problem and its first task of the unit user's unit.</summary>
    private async Task<string> ResolveAsync(string url)
    {
        if (!url.Contains('{', StringComparison.Ordinal))
        {
            return url;
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        var unitId = await db.Units.Where(u => u.Name == "第一检察部").Select(u => u.Id).FirstAsync();
        var task = await db.Tasks.Where(t => t.ResponsibleUnitId == unitId).OrderBy(t => t.Id).FirstAsync();
        return url.Replace("{round}", task.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{problem}", task.ProblemId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{task}", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
