using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Admin;
using RectificationTracker.Web.Features.Admin.Users;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Admin;

[Collection(SharedApp.Name)]
public sealed class UserAdminServiceTests(TrackerFactory app)
{
    [Fact]
    public async Task Admin_creates_a_user_who_can_then_sign_in_through_the_form()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var unitId = await Accounts.UnitIdAsync(app, "第二检察部");

        var created = await app.WithAsync<UserAdminService, Result<string>>(s => s.CreateAsync(admin, new CreateUserForm
        {
            UserName = "wangfang",
            DisplayName = "王芳",
            JobTitle = "第二检察部主任",
            UnitId = unitId,
            Roles = [Role.Unit, Role.Supervisor],
            Password = "wangfang-2026",
        }));
        using var client = await FormLogin.SignedInClientAsync(app, "wangfang", "wangfang-2026");
        // The administrator chose the password: the first sign-in changes it before anything else.
        Assert.Contains("密码已修改。", await Account.PasswordPolicyTests.ChangeOverFormAsync(client, "wangfang-2026", "Wangfang-own-2026"), StringComparison.Ordinal);
        var home = await FormLogin.GetPageAsync(client, "/");

        Assert.True(created.Succeeded, created.Outcome.Message);
        Assert.Contains("您好,王芳", home, StringComparison.Ordinal);
        Assert.Contains("责任单位、督导 · 第二检察部", home, StringComparison.Ordinal);
        var found = await app.WithAsync<UserAdminQueries, UserPage>(q => q.SearchAsync(admin, "王芳", 0, 20));
        var row = Assert.Single(found.Rows);
        Assert.Equal("wangfang", row.UserName);
        Assert.Equal("责任单位、督导", row.RoleNames);
        Assert.Equal(AccountState.Active, row.State);
    }

    [Fact]
    public async Task Non_admin_cannot_use_the_user_admin_service()
    {
        var office = await app.ActorAsync("office");
        var victim = await Accounts.IdOfAsync(app, "unit2");

        var created = await app.WithAsync<UserAdminService, Result<string>>(s => s.CreateAsync(office, new CreateUserForm
        {
            UserName = "sneaky", DisplayName = "某人", UnitId = 1, Roles = [Role.Admin], Password = "sneaky-pass-1",
        }));
        var locked = await app.WithAsync<UserAdminService, Result>(s => s.LockAsync(office, victim));
        var reset = await app.WithAsync<UserAdminService, Result<string>>(s => s.ResetPasswordAsync(office, new ResetPasswordForm { UserId = victim }));

        Assert.Equal(AdminAccess.Denied, created.Outcome.Message);
        Assert.Equal(AdminAccess.Denied, locked.Message);
        Assert.Equal(AdminAccess.Denied, reset.Outcome.Message);
        await Assert.ThrowsAsync<Domain.Common.DomainException>(() =>
            app.WithAsync<UserAdminQueries, UserPage>(q => q.SearchAsync(office, null, 0, 20)));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("sneaky"));
    }

    [Fact]
    public async Task Invalid_new_user_gets_Chinese_messages_for_each_field()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);

        var result = await app.WithAsync<UserAdminService, Result<string>>(s => s.CreateAsync(admin, new CreateUserForm
        {
            UserName = "张三",
            Password = "short1",
        }));

        Assert.False(result.Succeeded);
        var errors = result.Outcome.FieldErrors;
        Assert.Equal("用户名只能包含英文字母、数字和 - . _ @ + 符号。", Assert.Single(errors[nameof(CreateUserForm.UserName)]));
        Assert.Equal("请填写姓名。", Assert.Single(errors[nameof(CreateUserForm.DisplayName)]));
        Assert.Equal("请选择所属单位。", Assert.Single(errors[nameof(CreateUserForm.UnitId)]));
        Assert.Equal("请至少选择一个角色。", Assert.Single(errors[nameof(CreateUserForm.Roles)]));
        Assert.Equal("密码至少需要 10 个字符。", Assert.Single(errors[nameof(CreateUserForm.Password)]));
    }

    [Fact]
    public async Task Duplicate_user_name_is_reported_beside_the_user_name()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var unitId = await Accounts.UnitIdAsync(app, "办公室");

        var result = await app.WithAsync<UserAdminService, Result<string>>(s => s.CreateAsync(admin, new CreateUserForm
        {
            UserName = "office", DisplayName = "重名", UnitId = unitId, Roles = [Role.Office],
            Password = "duplicate-2026",
        }));

        Assert.Equal("用户名“office”已被使用。", Assert.Single(result.Outcome.FieldErrors[nameof(CreateUserForm.UserName)]));
    }

    [Fact]
    public async Task Admin_edits_profile_unit_and_roles_and_the_change_is_recorded()
    {
        var (userName, _) = await Accounts.CreateAsync(app, "editme");
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);
        var form = await app.WithAsync<UserAdminQueries, EditUserForm?>(q => q.GetForEditAsync(admin, id));
        form!.DisplayName = "改名后";
        form.JobTitle = "副主任";
        form.UnitId = await Accounts.UnitIdAsync(app, "政治部");
        form.Roles = [Role.Leader];

        var result = await app.WithAsync<UserAdminService, Result>(s => s.UpdateAsync(admin, form));
        var actor = await app.ActorAsync(userName);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("改名后", actor.Name);
        Assert.Equal([Role.Leader], actor.Roles);
        Assert.Equal(form.UnitId, actor.UnitId);
        var history = await LastHistoryAsync();
        Assert.Equal(("User", "Edit"), (history.EntityType, history.Action));
        Assert.Contains("角色:责任单位 → 领导", history.Details, StringComparison.Ordinal);
        Assert.Contains("单位:办公室 → 政治部", history.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_cannot_disable_their_own_account_or_drop_their_own_admin_role()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var form = await app.WithAsync<UserAdminQueries, EditUserForm?>(q => q.GetForEditAsync(admin, admin.UserId));
        form!.Roles = [Role.Office];

        var locked = await app.WithAsync<UserAdminService, Result>(s => s.LockAsync(admin, admin.UserId));
        var edited = await app.WithAsync<UserAdminService, Result>(s => s.UpdateAsync(admin, form));

        Assert.False(locked.Succeeded);
        Assert.Equal("不能停用自己的账号。", locked.Message);
        Assert.False(edited.Succeeded);
        Assert.StartsWith("不能取消自己的系统管理员角色", Assert.Single(edited.FieldErrors[nameof(EditUserForm.Roles)]), StringComparison.Ordinal);
        Assert.Contains(Role.Admin, (await app.ActorAsync(TrackerFactory.AdminUserName)).Roles);
    }

    [Fact]
    public async Task Generated_password_works_and_never_reaches_the_history()
    {
        var (userName, oldPassword) = await Accounts.CreateAsync(app, "resetme");
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);

        var reset = await app.WithAsync<UserAdminService, Result<string>>(s => s.ResetPasswordAsync(admin, new ResetPasswordForm { UserId = id, Generate = true }));
        var newPassword = reset.Value!;

        Assert.True(reset.Succeeded, reset.Outcome.Message);
        Assert.True(newPassword.Length >= app.Services.GetRequiredService<PasswordPolicy>().Options.MinimumLength);
        using var client = app.CreateBrowserLikeClient();
        Assert.False((await FormLogin.PostAsync(client, userName, oldPassword)).SignedIn);
        Assert.True((await FormLogin.PostAsync(client, userName, newPassword)).SignedIn);
        var history = await LastHistoryAsync();
        Assert.Equal("ResetPassword", history.Action);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.False(await db.History.AnyAsync(h => h.Details!.Contains(newPassword) || h.Details!.Contains(oldPassword)));
    }

    [Fact]
    public async Task Admin_sets_a_password_that_breaks_the_policy_and_gets_the_reason_beside_the_field()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, "unit3");

        var reset = await app.WithAsync<UserAdminService, Result<string>>(s => s.ResetPasswordAsync(admin,
            new ResetPasswordForm { UserId = id, Generate = false, NewPassword = "onlyletters" }));

        Assert.False(reset.Succeeded);
        Assert.Equal("密码须包含大写字母、小写字母、数字、符号四类中的至少 3 类(当前只有:小写字母)。", Assert.Single(reset.Outcome.FieldErrors[nameof(ResetPasswordForm.NewPassword)]));
        using var client = app.CreateBrowserLikeClient();
        Assert.True((await FormLogin.PostAsync(client, "unit3", DemoOrganisation.DemoPassword)).SignedIn);
    }

    [Fact]
    public async Task Disabled_and_locked_accounts_show_their_state_in_the_list()
    {
        var (disabled, _) = await Accounts.CreateAsync(app, "statedisabled");
        var (lockedOut, _) = await Accounts.CreateAsync(app, "statelocked");
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        await app.WithAsync<UserAdminService, Result>(async s => await s.LockAsync(admin, await Accounts.IdOfAsync(app, disabled)));
        using var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await FormLogin.PostAsync(client, lockedOut, "wrong-password-" + i);
        }

        var rows = (await app.WithAsync<UserAdminQueries, UserPage>(q => q.SearchAsync(admin, "state", 0, 20))).Rows;

        Assert.Equal(AccountState.Disabled, rows.Single(r => r.UserName == disabled).State);
        Assert.Equal(AccountState.Locked, rows.Single(r => r.UserName == lockedOut).State);
    }

    [Fact]
    public async Task When_the_history_cannot_be_written_the_user_edit_is_not_saved_either()
    {
        var (userName, _) = await Accounts.CreateAsync(app, "atomic");
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);
        var before = await app.ActorAsync(userName);
        var form = await app.WithAsync<UserAdminQueries, EditUserForm?>(q => q.GetForEditAsync(admin, id));
        form!.DisplayName = "历史写入失败时的新名";
        form.UnitId = await Accounts.UnitIdAsync(app, "政治部");
        form.Roles = [Role.Leader];
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER test_refuse_user_history BEFORE INSERT ON History WHEN NEW.EntityType = 'User' AND NEW.Details LIKE '%历史写入失败时的新名%' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        }

        Result result;
        try
        {
            result = await app.WithAsync<UserAdminService, Result>(s => s.UpdateAsync(admin, form));
        }
        finally
        {
            await using var db = await app.Db.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_refuse_user_history;");
        }

        Assert.False(result.Succeeded);
        Assert.Equal(UserAdminService.SaveFailedMessage, result.Message);
        var after = await app.ActorAsync(userName);
        Assert.Equal((before.Name, before.UnitId), (after.Name, after.UnitId));
        Assert.Equal(before.Roles, after.Roles);
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_plain_text()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);

        var all = await app.WithAsync<UserAdminQueries, UserPage>(q => q.SearchAsync(admin, "%", 0, 200));

        Assert.Empty(all.Rows);
    }

    private async Task<Domain.History.HistoryEntry> LastHistoryAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        return await db.History.AsNoTracking().OrderByDescending(h => h.Id).FirstAsync();
    }
}
