using Microsoft.Playwright;
using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

[Collection(RunningApp.Name)]
public sealed class AdminTests(AppFixture app)
{
    [Fact]
    public async Task Admin_creates_a_unit_and_a_user_and_the_new_user_can_sign_in()
    {
        const string unitName = "整改督办科";
        const string userName = "dubanke";
        const string password = "duban-start-2026";
        var admin = await app.NewPageAsync();
        try
        {
            await new LoginPage(admin).LoginAsync(AppFixture.AdminUserName, AppFixture.AdminPassword);

            var units = new UnitsAdminPage(admin);
            await units.GotoAsync();
            await units.CreateAsync(unitName, department: true, parent: "东岭县人民检察院");
            await Expect(units.Status).ToContainTextAsync($"已新建部门“{unitName}”");
            await Expect(units.Tree).ToContainTextAsync(unitName);

            var users = new UsersAdminPage(admin);
            await users.GotoAsync();
            await users.CreateAsync(userName, "钱多多", "督办科科长", unitName, "责任单位", password);
            await Expect(users.Status).ToContainTextAsync("已创建用户“钱多多”");
            await users.SearchAsync("钱多多");
            await Expect(users.Grid).ToContainTextAsync(unitName);
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await admin.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "admin-users.png") });
        }
        finally
        {
            await admin.Context.CloseAsync();
        }

        var newcomer = await app.NewPageAsync();
        try
        {
            var home = await new LoginPage(newcomer).LoginAsync(userName, password);
            await Expect(home.Greeting).ToHaveTextAsync("您好,钱多多");
            await Expect(newcomer.GetByText("责任单位 · " + unitName)).ToBeVisibleAsync();
            await Expect(home.Navigation).ToContainTextAsync("我的任务");
        }
        finally
        {
            await newcomer.Context.CloseAsync();
        }
    }
}
