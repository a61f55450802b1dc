using System.Net;
using RectificationTracker.Web.Features.Admin.Users;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Account;

[Collection(SharedApp.Name)]
public sealed class LoginTests(TrackerFactory app)
{
    [Fact]
    public async Task Wrong_password_is_refused_with_a_Chinese_message()
    {
        using var client = app.CreateBrowserLikeClient();

        var attempt = await FormLogin.PostAsync(client, "leader2", "wrong-password-1");

        Assert.False(attempt.SignedIn);
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Equal(RectificationTracker.Web.Components.Account.Login.FailureMessage, attempt.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_user_gets_the_same_message_as_a_wrong_password()
    {
        using var client = app.CreateBrowserLikeClient();

        var attempt = await FormLogin.PostAsync(client, "nobody-here", "whatever-123");

        Assert.Equal(RectificationTracker.Web.Components.Account.Login.FailureMessage, attempt.ErrorMessage);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused()
    {
        var (userName, password) = await Accounts.CreateAsync(app, "lockme");
        using var client = app.CreateBrowserLikeClient();

        var messages = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add((await FormLogin.PostAsync(client, userName, "wrong-password-" + i)).ErrorMessage);
        }

        var sixth = await FormLogin.PostAsync(client, userName, password);

        // One message for every failure: it must not reveal that the account exists or is locked.
        Assert.All(messages, m => Assert.Equal(RectificationTracker.Web.Components.Account.Login.FailureMessage, m));
        Assert.False(sixth.SignedIn);
        Assert.Equal(RectificationTracker.Web.Components.Account.Login.FailureMessage, sixth.ErrorMessage);
    }

    [Fact]
    public async Task Locked_out_user_signs_in_again_after_an_admin_unlocks_the_account()
    {
        var (userName, password) = await Accounts.CreateAsync(app, "unlockme");
        using var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await FormLogin.PostAsync(client, userName, "wrong-password-" + i);
        }

        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);
        var unlocked = await app.WithAsync<UserAdminService, Result>(s => s.UnlockAsync(admin, id));

        Assert.True(unlocked.Succeeded, unlocked.Message);
        Assert.True((await FormLogin.PostAsync(client, userName, password)).SignedIn);
    }

    [Fact]
    public async Task Disabled_user_cannot_sign_in_even_with_the_right_password()
    {
        var (userName, password) = await Accounts.CreateAsync(app, "disableme");
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);

        var locked = await app.WithAsync<UserAdminService, Result>(s => s.LockAsync(admin, id));
        using var client = app.CreateBrowserLikeClient();
        var attempt = await FormLogin.PostAsync(client, userName, password);

        Assert.True(locked.Succeeded, locked.Message);
        Assert.False(attempt.SignedIn);
        Assert.Equal(RectificationTracker.Web.Components.Account.Login.FailureMessage, attempt.ErrorMessage);
    }

    [Fact]
    public async Task Signed_in_session_ends_when_the_account_is_disabled()
    {
        var (userName, password) = await Accounts.CreateAsync(app, "kickme");
        using var client = await FormLogin.SignedInClientAsync(app, userName, password);
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);

        await app.WithAsync<UserAdminService, Result>(s => s.LockAsync(admin, id));
        // The app re-checks the cookie's security stamp once a minute; the test app on every request.
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
