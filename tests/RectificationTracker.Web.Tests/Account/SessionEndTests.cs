using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Account;

[Collection(SharedApp.Name)]
public sealed partial class SessionEndTests(TrackerFactory app)
{
    [Fact]
    public async Task Logging_out_ends_every_session_of_the_account_at_once()
    {
        var (userName, password) = await Accounts.CreateAsync(app, "logoutall");
        using var first = await FormLogin.SignedInClientAsync(app, userName, password);
        using var second = await FormLogin.SignedInClientAsync(app, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        // The account menu's logout form renders only when the menu opens; the password page carries one too.
        var home = await first.GetStringAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        using var logout = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenInput().Match(home).Groups["value"].Value),
        });
        var loggedOut = await first.PostAsync(new Uri("/Account/Logout", UriKind.Relative), logout);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);

        // The other browser's cookie is still within its 8 hours, but the session it stood for is over.
        var after = await second.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_security_stamp_is_announced_to_open_circuits()
    {
        var (userName, _) = await Accounts.CreateAsync(app, "circuitend");
        var sessions = app.Services.GetRequiredService<AccountSessions>();
        var ended = new List<string>();
        sessions.Ended += ended.Add;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(userName))!;

            await users.UpdateSecurityStampAsync(user);

            Assert.Contains(user.Id, ended);
        }
        finally
        {
            sessions.Ended -= ended.Add;
        }
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
