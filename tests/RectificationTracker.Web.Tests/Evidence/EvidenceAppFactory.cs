using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;

namespace RectificationTracker.Web.Tests.Evidence;

/// <summary>
/// The whole app in memory over its own data folder, with the demo organisation and accounts, for
/// the download endpoint tests. Kept inside the Evidence folder on purpose (a shared fixture is
/// being written elsewhere; this one can be folded into it later).
/// </summary>
public sealed partial class EvidenceAppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    public string DataDirectory => _folder.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the configuration before Program reads it (AddTrackerData reads it eagerly).
        builder.UseSetting("Tracker:DataDirectory", _folder.Path);
        builder.UseSetting("Tracker:SeedDemoData", "true");
        builder.UseSetting("Tracker:AdminPassword", "evidence-admin-2026");
        builder.UseEnvironment("Development");
    }

    public IDbContextFactory<TrackerDbContext> Db => Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();

    /// <summary>The demo account <paramref name="userName"/> as the domain sees it.</summary>
    public async Task<Actor> ActorAsync(string userName)
    {
        await using var db = await Db.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().Include(u => u.Unit).SingleAsync(u => u.UserName == userName);
        var roles = DemoOrganisation.Accounts.Single(a => a.UserName == userName).Roles.ToHashSet();
        return new Actor(user.Id, user.DisplayName, roles, user.UnitId, user.Unit!.Path);
    }

    /// <summary>A client signed in as <paramref name="userName"/> through the real login form. Redirects are not followed.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(page, "__RequestVerificationToken"),
            ["_handler"] = HiddenValue(page, "_handler"),
            ["Input.UserName"] = userName,
            ["Input.Password"] = DemoOrganisation.DemoPassword,
        };
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(form));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"login as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    private static string HiddenValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal))
            {
                return WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"The login form has no hidden field {name}.");
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
