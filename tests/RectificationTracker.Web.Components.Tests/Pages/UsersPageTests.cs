using MudBlazor;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Admin.Users;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Pages;

public sealed class UsersPageTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Creating_a_user_with_a_bad_user_name_shows_the_Chinese_messages_beside_the_fields_and_saves_nothing()
    {
        await SignInAsync(SeededApp.AdminUserName);
        Render<MudPopoverProvider>();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains("admin", page.Find(".rt-grid").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var before = page.Find(".rt-actions .rt-muted").TextContent;

        Button(page, "新建用户").Click();
        page.Find("#UserName").Change("张 三");
        page.Find("#DisplayName").Change("张三");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["用户名只能包含英文字母、数字和 - . _ @ + 符号。"], MessagesBeside(page, "用户名")), Wait);
        Assert.Equal(["请选择所属单位。"], MessagesBeside(page, "所属单位"));
        Assert.Equal(["请至少选择一个角色。"], MessagesBeside(page, "角色"));
        Assert.Empty(MessagesBeside(page, "姓名"));
        Assert.Equal(before, page.Find(".rt-actions .rt-muted").TextContent); // the account count is unchanged
    }

    [Fact]
    public async Task Disabling_an_account_asks_first_and_cancelling_keeps_it_active()
    {
        await SignInAsync(SeededApp.AdminUserName);
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains("unit2", page.Find(".rt-grid").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        var row = page.FindAll("tr").First(r => r.TextContent.Contains("unit2", StringComparison.Ordinal));
        row.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "停用").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("确定停用“孙丽”(unit2)的账号吗?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Button(dialogs, "取消").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("确定停用", dialogs.Markup, StringComparison.Ordinal), Wait);
        row = page.FindAll("tr").First(r => r.TextContent.Contains("unit2", StringComparison.Ordinal));
        Assert.Contains("正常", row.TextContent, StringComparison.Ordinal);
    }
}
