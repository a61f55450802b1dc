using System.Net;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Account;

[Collection(SharedApp.Name)]
public sealed class SecurityHeaderTests(TrackerFactory app)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    public async Task Pages_carry_the_content_security_policy_and_the_other_security_headers(string path)
    {
        using var client = await FormLogin.SignedInClientAsync(app, "office", "tracker2026");

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityPipeline.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_gets_400_and_a_chinese_page()
    {
        using var client = app.CreateBrowserLikeClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "forged",
            ["_handler"] = "login",
            ["Input.UserName"] = "office",
            ["Input.Password"] = "tracker2026",
        });

        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("防伪令牌无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait(ProviderTraits.Name, ProviderTraits.SqliteOnly)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_data_directory_and_database_are_readable_by_the_app_user_only()
    {
        _ = app.Services;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "tracker.db")));
    }
}

/// <summary>An app whose login limit is three attempts a minute per client address.</summary>
public sealed class ThrottledApp : TrackerFactory
{
    protected override int LoginAttemptsPerMinute => 3;
}

public sealed class LoginThrottleTests(ThrottledApp app) : IClassFixture<ThrottledApp>
{
    [Fact]
    public async Task One_client_trying_many_accounts_is_throttled_with_a_chinese_message()
    {
        using var client = app.CreateBrowserLikeClient();
        var attempts = new List<LoginAttempt>();
        foreach (var name in new[] { "office", "leader", "unit", "supervisor" })
        {
            attempts.Add(await FormLogin.PostAsync(client, name, "guess-" + name));
        }

        Assert.All(attempts.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, attempts[3].StatusCode);
        Assert.Contains("登录尝试过于频繁", attempts[3].Body, StringComparison.Ordinal);
    }
}
