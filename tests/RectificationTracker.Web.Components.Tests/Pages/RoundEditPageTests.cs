using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Rounds;
using static RectificationTracker.Web.Components.Tests.Pages.PageMarkup;

namespace RectificationTracker.Web.Components.Tests.Pages;

public sealed class RoundEditPageTests(SeededApp app) : AppComponentTest(app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudPopoverProvider>? popovers;

    [Fact]
    public async Task Saving_an_empty_round_shows_the_validators_Chinese_messages_beside_their_fields()
    {
        var page = await OpenNewRoundAsync();

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["请填写轮次名称。"], MessagesBeside(page, "轮次名称")), Wait);
        Assert.Equal(["请填写巡察组,如“县委第一巡察组”。"], MessagesBeside(page, "巡察组"));
        Assert.Equal(["请至少选择一个被巡察单位。"], MessagesBeside(page, "被巡察单位"));
        Assert.Equal(["请填写反馈日期。"], MessagesBeside(page, "反馈日期"));
        Assert.Equal(["请填写整改期限。"], MessagesBeside(page, "整改期限"));
        Assert.Empty(MessagesBeside(page, "负责整改的单位")); // defaults to the office's own unit
        Assert.Empty(MessagesBeside(page, "备注"));
    }

    [Fact]
    public async Task A_deadline_before_the_feedback_date_is_refused_beside_the_deadline_and_a_corrected_name_clears_its_message()
    {
        var page = await OpenNewRoundAsync();
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotEmpty(MessagesBeside(page, "轮次名称")), Wait);

        page.Find("#Name").Change("县委第一巡察组巡察回头看");
        page.Find("#FeedbackDate").Change("2026-03-15");
        page.Find("#RectificationDeadline").Change("2026-03-01");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["整改期限不能早于反馈日期。"], MessagesBeside(page, "整改期限")), Wait);
        Assert.Empty(MessagesBeside(page, "轮次名称"));
        Assert.Empty(MessagesBeside(page, "反馈日期"));
        var nav = Services.GetRequiredService<NavigationManager>();
        Assert.Equal(nav.BaseUri, nav.Uri); // not saved: still on the form
    }

    [Fact]
    public async Task Typing_in_the_inspected_units_filters_the_list_a_pick_adds_a_chip_and_the_chip_removes_it_again()
    {
        var page = await OpenNewRoundAsync();
        var popovers = this.popovers!;
        IReadOnlyList<string> Items() => popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        IReadOnlyList<string> Chips() => page.FindAll(".rt-chip").Select(c => c.TextContent.Replace("×", "", StringComparison.Ordinal).Trim()).ToList();

        page.Find("#InspectedUnitIds").Input("检察部");

        popovers.WaitForAssertion(() => Assert.NotEmpty(Items()), Wait);
        Assert.All(Items(), i => Assert.Contains("检察部", i, StringComparison.Ordinal));
        var picked = Items()[0];
        popovers.FindAll(".mud-list-item")[0].Click();

        page.WaitForAssertion(() => Assert.Equal([picked], Chips()), Wait);
        // The picked unit is the form's value: the required-field message stays away; and it is not offered twice.
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotEmpty(MessagesBeside(page, "轮次名称")), Wait);
        Assert.Empty(MessagesBeside(page, "被巡察单位"));
        page.Find("#InspectedUnitIds").Input("检察部");
        popovers.WaitForAssertion(() => Assert.NotEmpty(Items()), Wait);
        Assert.DoesNotContain(picked, Items());

        page.Find($"button[aria-label='移除{picked}']").Click();

        page.WaitForAssertion(() => Assert.Empty(Chips()), Wait);
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(["请至少选择一个被巡察单位。"], MessagesBeside(page, "被巡察单位")), Wait);
    }

    private async Task<IRenderedComponent<RoundEditPage>> OpenNewRoundAsync()
    {
        await SignInAsync("office");
        popovers = Render<MudPopoverProvider>();
        var page = Render<RoundEditPage>();
        page.WaitForElement("form", TimeSpan.FromSeconds(10));
        return page;
    }
}
