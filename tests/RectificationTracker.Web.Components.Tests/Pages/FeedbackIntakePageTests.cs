using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Intake;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Pages;

public sealed class FeedbackIntakePageTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private const string Feedback = """
        关于巡察县检察院党组的反馈意见
        一、对党组的整体评价
        检察院党组是一个团结的班子。
        二、存在的主要问题
        (一)贯彻落实上级决策部署不到位
        1.理论学习不系统。一是学习方式待丰富。二是学习内容不充实。
        2.学习实效有欠缺。对重要指示理解不深。
        (二)工作作风仍需持续改进
        3.作风转变不够到位。持续深查真纠的力度不够。
        三、意见建议
        强化学习提升,增强政治自觉。
        """;

    [Fact]
    public async Task The_preview_can_be_edited_merge_rename_and_drop_before_anything_is_imported()
    {
        await SignInAsync("office");
        Render<MudPopoverProvider>();
        var roundId = await FirstRoundAsync();
        var page = Render<FeedbackIntakePage>(p => p.Add(x => x.Id, roundId));
        page.WaitForElement("textarea", TimeSpan.FromSeconds(10));

        page.Find("textarea").Change(Feedback);
        Button(page, "识别").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=intake-problem]").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("2 个方面、3 个问题", page.Find("[data-testid=intake-summary]").TextContent, StringComparison.Ordinal);

        // Merge the second problem into the first.
        var second = page.FindAll("[data-testid=intake-problem]")[1];
        second.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "并入上一问题").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=intake-problem]").Count), Wait);
        Assert.Contains("2 个方面、2 个问题", page.Find("[data-testid=intake-summary]").TextContent, StringComparison.Ordinal);

        // Rename the first problem: the new title is what the preview (and the import) holds.
        var title = page.FindAll("[data-testid=intake-problem] input")[0];
        title.Change("理论学习不系统、学习实效有欠缺");
        page.WaitForAssertion(() => Assert.Equal("理论学习不系统、学习实效有欠缺",
            page.FindAll("[data-testid=intake-problem] input")[0].GetAttribute("value")), Wait);

        // Drop the second aspect's only problem: the aspect stays, marked as not imported.
        var last = page.FindAll("[data-testid=intake-problem]")[^1];
        last.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "删除问题").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=intake-problem]")), Wait);
        Assert.Contains("该方面下没有问题,确认时不会创建。", page.Markup, StringComparison.Ordinal);

        // Starting over returns to the text, nothing imported.
        Button(page, "重新识别").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=intake-problem]")), Wait);
        Assert.NotNull(page.Find("textarea"));
    }

    [Fact]
    public async Task Text_without_problems_is_refused_with_a_Chinese_message()
    {
        await SignInAsync("office");
        Render<MudPopoverProvider>();
        var roundId = await FirstRoundAsync();
        var page = Render<FeedbackIntakePage>(p => p.Add(x => x.Id, roundId));
        page.WaitForElement("textarea", TimeSpan.FromSeconds(10));

        Button(page, "识别").Click();

        page.WaitForAssertion(() => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", page.Find("[role=alert]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=intake-problem]"));
    }

    private async Task<int> FirstRoundAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        return await db.Rounds.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
    }
}
