using MudBlazor;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Admin.Units;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Pages;

[Collection(ChangingDataGroup.Name)]
public sealed class UnitsPageTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Deactivating_a_unit_asks_first_cancel_keeps_it_and_confirm_deactivates_it()
    {
        await SignInAsync(SeededApp.AdminUserName);
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var page = Render<UnitsPage>();
        page.WaitForAssertion(() => Assert.Contains("检务督察部", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        ClickInRow(page, "检务督察部", "停用");
        dialogs.WaitForAssertion(() => Assert.Contains("确定停用“检务督察部”吗?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Button(dialogs, "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("确定停用", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains("启用", RowOf(page, "检务督察部").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("已停用", RowOf(page, "检务督察部").TextContent, StringComparison.Ordinal);

        ClickInRow(page, "检务督察部", "停用");
        dialogs.WaitForAssertion(() => Assert.Contains("确定停用“检务督察部”吗?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Button(dialogs, "确定停用").Click();

        page.WaitForAssertion(() => Assert.Contains("已停用", RowOf(page, "检务督察部").TextContent, StringComparison.Ordinal), Wait);
        Assert.NotNull(RowOf(page, "检务督察部").QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == "启用"));
    }

    [Fact]
    public async Task Saving_a_unit_without_a_name_shows_the_message_beside_the_name()
    {
        await SignInAsync(SeededApp.AdminUserName);
        Render<MudPopoverProvider>();
        var page = Render<UnitsPage>();
        page.WaitForAssertion(() => Assert.Contains("检务督察部", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Button(page, "新建单位").Click();
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotEmpty(MessagesBeside(page, "名称")), Wait);
        Assert.All(MessagesBeside(page, "名称"), m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<UnitsPage> page, string name) =>
        page.FindAll("tr").First(r => r.QuerySelector(".rt-tree-name")?.TextContent.Trim() == name);

    private static void ClickInRow(IRenderedComponent<UnitsPage> page, string name, string button) =>
        RowOf(page, name).QuerySelectorAll("button").First(b => b.TextContent.Trim() == button).Click();
}
