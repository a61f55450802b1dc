using System.Net;
using System.Text.Json;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Account;

[Collection(SharedApp.Name)]
public sealed class AccessTests(TrackerFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/admin/units")]
    public async Task Anonymous_request_is_redirected_to_the_login_page(string path)
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_and_the_framework_script_are_open_to_anonymous_users()
    {
        using var client = app.CreateBrowserLikeClient();

        using var login = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        using var script = await client.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Health_endpoint_is_anonymous_and_reports_the_database()
    {
        using var anonymous = app.CreateBrowserLikeClient();
        using var admin = await FormLogin.SignedInClientAsync(app, TrackerFactory.AdminUserName, TrackerFactory.AdminPassword);

        using var response = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var detailed = await admin.GetAsync(new Uri("/healthz", UriKind.Relative));

        // Anonymous: the status only, no versions or paths.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var brief = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", brief.RootElement.GetProperty("status").GetString());
        Assert.False(brief.RootElement.TryGetProperty("checks", out _));

        using var json = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync());
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        var data = database.GetProperty("data");
        if (TestDatabase.IsPostgres)
        {
            Assert.Equal("Postgres", data.GetProperty("provider").GetString());
            Assert.Matches(@"^1[5-9]\.\d+", data.GetProperty("serverVersion").GetString());
            return;
        }

        Assert.Equal("Sqlite", data.GetProperty("provider").GetString());
        Assert.Equal("3.53.4", data.GetProperty("sqliteVersion").GetString()); // has the WAL-reset fix (ADR 4)
        Assert.Equal("wal", data.GetProperty("journalMode").GetString());
        Assert.Equal("FULL", data.GetProperty("synchronous").GetString());
    }

    [Theory]
    [InlineData("admin", true, false, false)]
    [InlineData("office", false, true, false)]
    [InlineData("leader", false, false, true)]
    [InlineData("unit", false, false, false)]
    [InlineData("supervisor", false, false, false)]
    public async Task Each_role_sees_only_the_navigation_it_may_use(string userName, bool admin, bool review, bool signOff)
    {
        var password = userName == TrackerFactory.AdminUserName ? TrackerFactory.AdminPassword : DemoOrganisation.DemoPassword;
        using var client = await FormLogin.SignedInClientAsync(app, userName, password);

        // The navigation menu is prerendered into the first response.
        var home = await FormLogin.GetPageAsync(client, "/");

        Assert.Contains("您好,", home, StringComparison.Ordinal);
        Assert.Equal(admin, home.Contains("系统管理", StringComparison.Ordinal));
        Assert.Equal(review, home.Contains("待审核", StringComparison.Ordinal));
        Assert.Equal(signOff, home.Contains("待我审签", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("office", "/admin/users")]
    [InlineData("leader", "/admin/users")]
    [InlineData("unit", "/admin/units")]
    [InlineData("supervisor", "/admin/units")]
    public async Task Non_admin_is_denied_the_admin_pages(string userName, string path)
    {
        using var client = await FormLogin.SignedInClientAsync(app, userName, DemoOrganisation.DemoPassword);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"Got {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/admin/users", "用户管理")]
    [InlineData("/admin/units", "单位管理")]
    public async Task Admin_opens_the_admin_pages(string path, string heading)
    {
        using var client = await FormLogin.SignedInClientAsync(app, TrackerFactory.AdminUserName, TrackerFactory.AdminPassword);

        var page = await FormLogin.GetPageAsync(client, path);

        Assert.Contains($"<h1 class=\"rt-page-title\">{heading}</h1>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Register")]
    [InlineData("/Identity/Account/Register")]
    public async Task There_is_no_self_registration_page(string path)
    {
        using var client = await FormLogin.SignedInClientAsync(app, "office", DemoOrganisation.DemoPassword);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
