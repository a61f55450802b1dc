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
            // The administrator chose the first password: the newcomer replaces it before anything else.
            await new LoginPage(newcomer).SubmitAsync(userName, password);
            var change = new ChangePasswordPage(newcomer);
            await Expect(change.ForcedNotice).ToContainTextAsync("须先修改密码");
            await change.ChangeAsync(password, "Duban-own-2026");
            await Expect(change.Status).ToHaveTextAsync("密码已修改。");
            await newcomer.GotoAsync("/");
            var home = new HomePage(newcomer);
            await home.WaitUntilInteractiveAsync();
            await Expect(home.Greeting).ToHaveTextAsync("您好,钱多多");
            await Expect(newcomer.GetByText("责任单位 · " + unitName)).ToBeVisibleAsync();
            await Expect(home.Navigation).ToContainTextAsync("我的任务");
        }
        finally
        {
            await newcomer.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Empty_user_form_shows_Chinese_messages_beside_the_fields()
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).LoginAsync(AppFixture.AdminUserName, AppFixture.AdminPassword);
            var users = new UsersAdminPage(page);
            await users.GotoAsync();

            await users.OpenNewUserFormAsync();
            await users.SaveAsync();

            await Expect(users.FieldError("用户名")).ToHaveTextAsync("请填写用户名。");
            await Expect(users.FieldError("姓名")).ToHaveTextAsync("请填写姓名。");
            await Expect(users.FieldError("所属单位")).ToHaveTextAsync("请选择所属单位。");
            await Expect(users.FieldError("角色")).ToHaveTextAsync("请至少选择一个角色。");
            await Expect(users.FieldError("初始密码")).ToHaveTextAsync("请设置初始密码。");
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "user-form-validation.png") });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Admin_resets_a_password_and_the_generated_one_lets_the_user_sign_in_and_change_it_before_anything_else()
    {
        string generated;
        var admin = await app.NewPageAsync();
        try
        {
            await new LoginPage(admin).LoginAsync(AppFixture.AdminUserName, AppFixture.AdminPassword);
            var users = new UsersAdminPage(admin);
            await users.GotoAsync();

            generated = await users.ResetToGeneratedPasswordAsync("unit4");

            await Expect(users.Status).ToContainTextAsync("新密码只显示这一次");
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await admin.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "password-reset.png") });
        }
        finally
        {
            await admin.Context.CloseAsync();
        }

        var user = await app.NewPageAsync();
        try
        {
            // A reset password is the administrator's: the first page after signing in is the forced change.
            await new LoginPage(user).SubmitAsync("unit4", generated);
            await Expect(user).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/ChangePassword$"));
            await Expect(new ChangePasswordPage(user).ForcedNotice).ToContainTextAsync("须先修改密码");
            await user.GotoAsync("/ledger");
            await Expect(user).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/ChangePassword$"));
            await new ChangePasswordPage(user).ChangeAsync(generated, "Unit4-own-2026");
            await Expect(new ChangePasswordPage(user).Status).ToHaveTextAsync("密码已修改。");
            await user.GotoAsync("/");
            var home = new HomePage(user);
            await home.WaitUntilInteractiveAsync();
            await Expect(home.Greeting).ToHaveTextAsync("您好,郑洁");
        }
        finally
        {
            await user.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Admin_adds_a_role_to_a_user_in_the_edit_form()
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).LoginAsync(AppFixture.AdminUserName, AppFixture.AdminPassword);
            var users = new UsersAdminPage(page);
            await users.GotoAsync();

            await users.ToggleRoleAsync("unit3", "督导");

            await Expect(users.Status).ToContainTextAsync("已保存用户“吴刚”");
            await Expect(users.Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = "unit3" })).ToContainTextAsync("责任单位、督导");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Admin_moves_a_department_under_another_unit()
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).LoginAsync(AppFixture.AdminUserName, AppFixture.AdminPassword);
            var units = new UnitsAdminPage(page);
            await units.GotoAsync();

            await units.MoveAsync("检务督察部", "清平县人民检察院");

            await Expect(units.Status).ToContainTextAsync("已保存“检务督察部”");
            // Tree order: the department now follows the county it was moved under.
            var names = await units.Tree.Locator(".rt-tree-name").AllInnerTextsAsync();
            var county = names.ToList().FindIndex(n => n.Contains("清平县人民检察院", StringComparison.Ordinal));
            Assert.True(county >= 0 && names.Skip(county + 1).Any(n => n.Contains("检务督察部", StringComparison.Ordinal)));
            Directory.CreateDirectory(AppFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDirectory, "admin-units-moved.png") });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
