using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using RectificationTracker.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

[Collection(RunningApp.Name)]
public sealed class SignInTests(AppFixture app)
{
    [Fact]
    public async Task Office_user_signs_in_through_the_form_and_sees_the_home_page_greeting()
    {
        var page = await app.NewPageAsync();
        try
        {
            var home = await new LoginPage(page).LoginAsync("office", DemoOrganisation.DemoPassword);

            await Expect(home.Greeting).ToHaveTextAsync("您好,张敏");
            await Expect(home.Navigation).ToContainTextAsync("待审核");
            await Expect(home.Navigation).Not.ToContainTextAsync("系统管理");
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "home.png") });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Wrong_password_shows_a_Chinese_message_on_the_login_form()
    {
        var page = await app.NewPageAsync();
        try
        {
            var login = new LoginPage(page);
            await login.GotoAsync();
            await login.UserName.FillAsync("leader2");
            await login.Password.FillAsync("not-the-password-1");
            await login.Submit.ClickAsync();

            await Expect(login.Error).ToContainTextAsync("用户名或密码不正确");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
