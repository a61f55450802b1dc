using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Account;
using RectificationTracker.Web.Features.Admin.Users;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Account;

/// <summary>The password policy of 等保 2.0 level 3: strength, no reuse, forced change (docs/security.md).</summary>
[Collection(SharedApp.Name)]
public sealed partial class PasswordPolicyTests(TrackerFactory app)
{
    private const string RuleOfClasses = "密码须包含大写字母、小写字母、数字、符号四类中的至少 3 类(当前只有:小写字母、数字)。";

    [Theory]
    [InlineData("password12")]
    [InlineData("unit4unit4")]
    public async Task A_password_of_fewer_than_three_character_classes_is_refused_by_the_administrator_form_and_the_users_own_change(string weak)
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var unitId = await Accounts.UnitIdAsync(app, "办公室");

        var created = await app.WithAsync<UserAdminService, Result<string>>(s => s.CreateAsync(admin, new CreateUserForm
        {
            UserName = "weak" + weak, DisplayName = "弱密码", UnitId = unitId, Roles = [Role.Unit], Password = weak,
        }));
        var unit2 = await Accounts.IdOfAsync(app, "unit2");
        var reset = await app.WithAsync<UserAdminService, Result<string>>(s => s.ResetPasswordAsync(admin,
            new ResetPasswordForm { UserId = unit2, Generate = false, NewPassword = weak }));
        var (userName, password) = await Accounts.CreateAsync(app, "ownweak");
        using var client = await FormLogin.SignedInClientAsync(app, userName, password);
        var own = await ChangeOverFormAsync(client, password, weak);

        Assert.Equal(RuleOfClasses, Assert.Single(created.Outcome.FieldErrors[nameof(CreateUserForm.Password)]));
        Assert.Equal(RuleOfClasses, Assert.Single(reset.Outcome.FieldErrors[nameof(ResetPasswordForm.NewPassword)]));
        Assert.Contains(RuleOfClasses, own, StringComparison.Ordinal);
        Assert.DoesNotContain("密码已修改。", own, StringComparison.Ordinal);
        // The old password still works, the weak one does not.
        using var again = app.CreateBrowserLikeClient();
        Assert.False((await FormLogin.PostAsync(again, userName, weak)).SignedIn);
        Assert.True((await FormLogin.PostAsync(again, userName, password)).SignedIn);
    }

    [Fact]
    public async Task The_last_five_passwords_the_current_one_included_cannot_be_used_again_and_only_hashes_are_kept()
    {
        // first-pass-2026 (set by the administrator), then Second-pass-2026 at the first sign-in.
        var (userName, current) = await Accounts.CreateAsync(app, "reuse");
        string[] next = ["Third-pass-2026", "Fourth-pass-2026", "Fifth-pass-2026"];
        foreach (var password in next)
        {
            Assert.True((await ChangeAsync(userName, current, password)).Succeeded);
            current = password;
        }

        var reuseCurrent = await ChangeAsync(userName, current, current);
        var reuseFirst = await ChangeAsync(userName, current, "first-pass-2026");
        Assert.True((await ChangeAsync(userName, current, "Sixth-pass-2026")).Succeeded);
        var sixBack = await ChangeAsync(userName, "Sixth-pass-2026", "first-pass-2026");

        const string Reused = "新密码不能与最近 5 次使用过的密码(含当前密码)相同。";
        Assert.Equal(Reused, reuseCurrent.Message);
        Assert.Equal(Reused, reuseFirst.Message);
        Assert.True(sixBack.Succeeded, sixBack.Message);
        var id = await Accounts.IdOfAsync(app, userName);
        await using var db = await app.Db.CreateDbContextAsync();
        var kept = await db.PasswordHistory.Where(p => p.UserId == id).ToListAsync();
        Assert.Equal(5, kept.Count);
        Assert.DoesNotContain(kept, p => p.PasswordHash.Contains("pass-2026", StringComparison.Ordinal));
        Assert.Equal(6, await db.History.CountAsync(h => h.Action == HistoryActions.ChangePassword && h.Details!.Contains(userName)));
    }

    [Fact]
    public async Task An_account_made_by_an_administrator_reaches_only_the_change_page_and_logout_until_the_password_is_changed()
    {
        var (userName, initial) = await Accounts.CreateWithInitialPasswordAsync(app, "forced");
        using var client = app.CreateBrowserLikeClient();

        var login = await FormLogin.PostAsync(client, userName, initial);

        Assert.EndsWith("/Account/ChangePassword", login.Location, StringComparison.Ordinal);
        await AssertOnlyTheChangePageAsync(client);
        var page = await FormLogin.GetPageAsync(client, "/Account/ChangePassword");
        Assert.Contains("须先修改密码才能继续使用系统", page, StringComparison.Ordinal);
        Assert.Contains("至少 3 类", page, StringComparison.Ordinal);

        var changed = await ChangeOverFormAsync(client, initial, "Forced-own-2026");

        Assert.Contains("密码已修改。", changed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(ReportEndpoints.LedgerXlsxUrl(new LedgerFilter()), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_administrators_reset_forces_the_change_again()
    {
        var (userName, _) = await Accounts.CreateAsync(app, "resetforced");
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var id = await Accounts.IdOfAsync(app, userName);
        var reset = await app.WithAsync<UserAdminService, Result<string>>(s => s.ResetPasswordAsync(admin,
            new ResetPasswordForm { UserId = id, Generate = false, NewPassword = "Reset-by-admin-2026" }));
        Assert.True(reset.Succeeded, reset.Outcome.Message);
        using var client = app.CreateBrowserLikeClient();

        var login = await FormLogin.PostAsync(client, userName, "Reset-by-admin-2026");

        Assert.EndsWith("/Account/ChangePassword", login.Location, StringComparison.Ordinal);
        await AssertOnlyTheChangePageAsync(client);
    }

    [Fact]
    public async Task A_weak_password_from_before_the_policy_must_be_replaced_at_sign_in_the_demo_password_only_while_demo_seeding_is_on()
    {
        var (userName, _) = await Accounts.CreateAsync(app, "legacy");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // An account whose password was set under the old rules (the hash is written as the old app wrote it).
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            user.PasswordHash = users.PasswordHasher.HashPassword(user, "password12");
            await scope.ServiceProvider.GetRequiredService<Web.Data.TrackerDbContext>().SaveChangesAsync();
        }

        using var legacy = app.CreateBrowserLikeClient();
        using var demo = app.CreateBrowserLikeClient();
        var legacyLogin = await FormLogin.PostAsync(legacy, userName, "password12");
        var demoLogin = await FormLogin.PostAsync(demo, "office", DemoOrganisation.DemoPassword);

        Assert.EndsWith("/Account/ChangePassword", legacyLogin.Location, StringComparison.Ordinal);
        await AssertOnlyTheChangePageAsync(legacy);
        Assert.True(demoLogin.SignedIn);
        Assert.DoesNotContain("/Account/ChangePassword", demoLogin.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        var policy = app.Services.GetRequiredService<PasswordPolicy>();
        Assert.False(policy.MustReplaceAtSignIn(DemoOrganisation.DemoPassword));
        var withoutDemo = new PasswordPolicy(Options.Create(policy.Options), Options.Create(new TrackerOptions { SeedDemoData = false }));
        Assert.True(withoutDemo.MustReplaceAtSignIn(DemoOrganisation.DemoPassword));
    }

    /// <summary>Pages redirect to the change page; a download too; a form post and the Blazor hub are refused.</summary>
    internal static async Task AssertOnlyTheChangePageAsync(HttpClient client)
    {
        foreach (var path in new[] { "/", "/ledger", ReportEndpoints.LedgerXlsxUrl(new LedgerFilter()), EvidenceEndpoints.DownloadUrl(1) })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        }

        using var hub = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, hub.StatusCode);
        Assert.Contains("请先修改密码", await hub.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await client.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>Posts the change-password form as a browser does; returns the page as it reads.</summary>
    internal static async Task<string> ChangeOverFormAsync(HttpClient client, string current, string next)
    {
        var form = await client.GetStringAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormLogin.AntiforgeryToken(form),
            ["_handler"] = "change-password",
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });
        using var response = await client.PostAsync(new Uri("/Account/ChangePassword", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<Result> ChangeAsync(string userName, string current, string next)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user!);
        return await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().ChangeAsync(principal, current, next);
    }
}

/// <summary>A first start with a generated administrator password, and passwords that expire after 30 days.</summary>
public sealed partial class GeneratedAdminAndExpiryTests : IClassFixture<GeneratedAdminAndExpiryTests.App>
{
    private readonly App app;

    public GeneratedAdminAndExpiryTests(App app) => this.app = app;

    public sealed partial class App : TrackerFactory, IAsyncLifetime
    {
        /// <summary>The password printed once on the console at the first start.</summary>
        public string GeneratedPassword { get; private set; } = "";

        public new Task InitializeAsync()
        {
            var console = Console.Out;
            // Not disposed: hosts starting in parallel tests may take Console.Out while it is swapped and
            // write to it later; an open StringWriter just collects their lines.
            var captured = new StringWriter();
            Console.SetOut(captured);
            try
            {
                _ = Services;
            }
            finally
            {
                Console.SetOut(console);
            }

            GeneratedPassword = PrintedPassword().Match(captured.ToString()).Groups["password"].Value;
            return Task.CompletedTask;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Tracker:AdminPassword", "");
            builder.UseSetting("Tracker:Passwords:MaxAgeDays", "30");
        }

        [GeneratedRegex("已创建首个管理员账号:admin  初始密码:(?<password>\\S+)")]
        private static partial Regex PrintedPassword();
    }

    [Fact]
    public async Task The_generated_first_administrator_password_must_be_changed_at_the_first_sign_in()
    {
        Assert.NotEmpty(app.GeneratedPassword);
        using var client = app.CreateBrowserLikeClient();

        var login = await FormLogin.PostAsync(client, TrackerFactory.AdminUserName, app.GeneratedPassword);

        Assert.EndsWith("/Account/ChangePassword", login.Location, StringComparison.Ordinal);
        await PasswordPolicyTests.AssertOnlyTheChangePageAsync(client);
        Assert.Contains("密码已修改。", await PasswordPolicyTests.ChangeOverFormAsync(client, app.GeneratedPassword, "Root-own-2026!"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_password_older_than_the_maximum_age_must_be_changed_before_anything_else()
    {
        var (userName, password) = await Accounts.CreateAsync(app, "expired");
        using var fresh = await FormLogin.SignedInClientAsync(app, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            user.PasswordChangedAtUtc = DateTime.UtcNow.AddDays(-31);
            await db.SaveChangesAsync();
        }

        // The session that was open meets the forced change at its next request; so does a new sign-in.
        var open = await fresh.GetAsync(new Uri("/", UriKind.Relative));
        using var client = app.CreateBrowserLikeClient();
        var login = await FormLogin.PostAsync(client, userName, password);

        Assert.Equal("/Account/ChangePassword", open.Headers.Location?.OriginalString);
        Assert.EndsWith("/Account/ChangePassword", login.Location, StringComparison.Ordinal);
        await PasswordPolicyTests.AssertOnlyTheChangePageAsync(client);
        Assert.Contains("您的密码已使用超过 30 天", await FormLogin.GetPageAsync(client, "/Account/ChangePassword"), StringComparison.Ordinal);
        Assert.Contains("密码已修改。", await PasswordPolicyTests.ChangeOverFormAsync(client, password, "Renewed-pass-2026"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }
}
